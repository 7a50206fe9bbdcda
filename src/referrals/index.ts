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
} from './referral';
export { freeTextPaths } from './referralFields';
export {
  validateReferral,
  validateReferralSection,
  wholeReferralKey,
  type FieldErrors,
  type ReferralValidation,
  type ValidateOptions,
  type ValidationResult,
} from './validateReferral';
export {
  submitReferral,
  getReferralStatus,
  defaultDeliveryDeadlineMs,
  referralRequestInvalid,
  type SubmitReferralDeps,
  type SubmitReferralRequest,
  type SubmitReferralResult,
} from './submitReferral';
export {
  DeliveryWorker,
  defaultRetentionMs,
  type DeliveryWorkerDeps,
  type DeliveryWorkerOptions,
  type DeliveryPassReport,
  type PurgePassReport,
} from './deliveryWorker';
export { referralStoresFrom, type ReferralStores } from './referralStores';
export type { ReferralStatus, ReferralSummary, Rejection } from './referralRecord';
export type {
  DeliveryOutcome,
  DeliveryRequest,
  PartnershipClient,
  RandomSource,
  ReferralStatusChange,
  ReferralStatusListener,
} from './ports';
