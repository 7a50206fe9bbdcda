/** Proactive messages: the `CardSender` port over Bot Framework (referral receipts, nudges). */
export { botFrameworkCardSender, inTurnCardSender, type ContinuingAdapter } from './cardSender';
