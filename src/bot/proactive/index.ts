/** Proactive messages: updating cards the bot posted earlier (referral receipts). */
export {
  botFrameworkCardUpdater,
  inTurnCardUpdater,
  type CardUpdatePort,
  type ContinuingAdapter,
} from './cardUpdatePort';
export {
  alertReferrer,
  createReceiptUpdater,
  showReceiptStatus,
  type ReceiptUpdate,
  type ReferralAlert,
  type ReceiptUpdaterDeps,
} from './receiptUpdater';
