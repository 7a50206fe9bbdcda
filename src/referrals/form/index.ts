/**
 * The referral form and its receipt: what the bot layer calls. Framework-free; the bot parses
 * card data with `parseReferralAction`, calls `handleReferralTurn`, renders the view in place of
 * the pressed card, and on `submitted` posts the receipt as a new message and remembers where.
 */
export {
  parseReferralAction,
  referralVerbs,
  seedData,
  type DraftSeed,
  type PressedOn,
  type ReferralCommand,
  type ReferralVerb,
} from './actions';
export {
  DocumentStoreDraftRepository,
  draftItemKey,
  draftLifetimeDays,
  draftTtlSeconds,
  isDraftExpired,
  referralDraftSchema,
  type DraftKey,
  type LoadedDraft,
  type ReferralDraft,
  type ReferralDraftRepository,
} from './draft';
export {
  fieldsOf,
  formSteps,
  formWording,
  labelOfPath,
  stepIds,
  type FieldDefinition,
  type FormPlace,
  type StepDefinition,
  type StepId,
} from './formDefinition';
export {
  referralInput,
  valuesFromCoaching,
  type CoachingPrefill,
  type FormValues,
} from './formValues';
export { personalChatOnly, referralAlertView, staleNotice, type StaleReason } from './notices';
export {
  DocumentStoreReceipts,
  receiptItemKey,
  receiptTtlSeconds,
  type LoadedReceipt,
  type ReceiptRecord,
  type ReceiptRepository,
} from '../receipt/receipts';
export { receiptView, shortReferralId } from '../receipt/receiptView';
export {
  alertReferrer,
  createReceiptUpdater,
  showReceiptStatus,
  type ReceiptUpdate,
  type ReceiptUpdaterDeps,
  type ReferralAlert,
} from '../receipt/receiptUpdates';
export {
  handleReferralTurn,
  type ReferralFormDeps,
  type ReferralTurnInput,
  type ReferralTurnResult,
  type TeamsProfile,
} from './referralForm';
export {
  DocumentStoreReferrerProfiles,
  profileItemKey,
  type RememberedReferrer,
  type ReferrerProfileRepository,
} from './referrerProfile';
export type * from './views';
export { referralFormStores, type ReferralFormStores } from './formStores';
