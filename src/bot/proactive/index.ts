/** Proactive messages: updating cards the bot posted earlier (referral receipts). */
export {
  botFrameworkCardUpdater,
  inTurnCardUpdater,
  type CardUpdatePort,
  type ContinuingAdapter,
} from './cardUpdatePort';
export {
  createReceiptUpdater,
  showReceiptStatus,
  type ReceiptUpdate,
  type ReceiptUpdaterDeps,
} from './receiptUpdater';
