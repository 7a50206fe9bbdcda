/**
 * Referrals: what the bot layer calls. Validate form steps and whole referrals, submit one (stored
 * as `queued`), run the delivery worker, and hear about status changes to update receipt cards.
 */
export {
  referralLimits,
  referralSectionNames,
  referralPayloadVersion,
  type CurrentReferral,
  type Referral,
  type ReferralSection,
  type ReferralSectionName,
} from './schema/referral';
export { freeTextPaths } from './schema/referralFields';
export {
  validateReferral,
  validateReferralSection,
  wholeReferralKey,
  type FieldErrors,
  type ReferralValidation,
  type ValidateOptions,
  type ValidationResult,
} from './schema/validateReferral';
export {
  submitReferral,
  getReferralStatus,
  defaultDeliveryDeadlineMs,
  referralRequestInvalid,
  type SubmitReferralDeps,
  type SubmitReferralRequest,
  type SubmitReferralResult,
} from './delivery/submitReferral';
export {
  DeliveryWorker,
  defaultRetentionMs,
  type DeliveryWorkerDeps,
  type DeliveryWorkerOptions,
  type DeliveryPassReport,
  type PurgePassReport,
} from './delivery/deliveryWorker';
export { referralStoresFrom, type ReferralStores } from './records/referralStores';
export type { ReferralStatus, ReferralSummary, Rejection } from './records/referralRecord';
export type {
  DeliveryOutcome,
  DeliveryRequest,
  PartnershipClient,
  RandomSource,
  ReferralStatusChange,
  ReferralStatusListener,
} from './delivery/ports';
