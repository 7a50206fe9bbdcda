import type { CardSender } from '../../conversations/cardSender';
import type { ConversationDirectory } from '../../conversations/conversationDirectory';
import type { CardRenderer } from '../../kernel/cardRenderer';
import type { Clock } from '../../kernel/clock';
import type { Logger } from '../../logging/logger';
import type { TenantDirectory } from '../../tenants/tenantSettings';
import type { ReferralSummary } from '../records/referralRecord';
import type { ReferralStatusChange, ReferralStatusListener } from '../delivery/ports';
import { referralAlertView } from '../form/notices';
import type { ReceiptRepository } from './receipts';
import { receiptView } from './receiptView';
import type { ReferralCardModels } from '../form/views';

/**
 * Referral receipts after the turn that posted them: the delivery worker's status changes shown on
 * the receipt card, and a new message when the referrer has something to do. Sent through the
 * `CardSender` port (Teams, in src/bot/proactive), rendered by the framework-free card renderer.
 */
export interface ReceiptUpdaterDeps {
  readonly sender: CardSender;
  readonly receipts: ReceiptRepository;
  /** The newest reference for the chat (its service URL may have moved since the receipt). */
  readonly conversations: ConversationDirectory;
  readonly cards: CardRenderer<ReferralCardModels>;
  readonly tenants: TenantDirectory;
  readonly clock: Clock;
  readonly logger: Logger;
}

export type ReceiptUpdate = 'updated' | 'already-shown' | 'no-receipt';

export type ReferralAlert = 'posted' | 'already-posted' | 'no-receipt';

/** The statuses the referrer is told of by a new message: something for them to do. */
const needsAttention = (status: ReferralSummary['status']): boolean =>
  status === 'failed' || status === 'rejected';

/**
 * Shows a referral's status on its receipt card, in place. Idempotent: a status already shown is
 * not sent again, and sending the same card twice changes nothing the user can see. Throws when
 * Teams refuses the update (the caller logs it); the receipt's "Check the status" still works.
 */
export async function showReceiptStatus(
  deps: Omit<ReceiptUpdaterDeps, 'logger'>,
  summary: ReferralSummary,
  sender: CardSender = deps.sender,
): Promise<ReceiptUpdate> {
  const loaded = await deps.receipts.find(summary.tenantId, summary.referralId);
  if (!loaded) return 'no-receipt';
  if (loaded.receipt.shownStatus === summary.status) return 'already-shown';
  const contacts = await deps.tenants.contactsFor(summary.tenantId);
  const card = deps.cards.renderView(receiptView(summary, contacts));
  const remembered = await deps.conversations.find(summary.tenantId, loaded.receipt.conversationId);
  await sender.update(
    remembered?.reference ?? loaded.receipt.reference,
    loaded.receipt.activityId,
    card,
  );
  // Lost to a concurrent update of the same status: that one showed it; nothing else to do.
  await deps.receipts.markShown(loaded, summary.status, deps.clock.now());
  return 'updated';
}

/**
 * For `failed` and `rejected`: a new message telling the referrer (an update in place does not
 * notify them), in the receipt's chat. At most once per status: claimed on the receipt record
 * before posting, the claim given back if Teams refuses, so a retry posts it then. Throws when it
 * could not be posted (or the claim raced: the retry reads again).
 */
export async function alertReferrer(
  deps: Omit<ReceiptUpdaterDeps, 'logger'>,
  summary: ReferralSummary,
): Promise<ReferralAlert> {
  const loaded = await deps.receipts.find(summary.tenantId, summary.referralId);
  if (!loaded) return 'no-receipt';
  if (loaded.receipt.alertedStatus === summary.status) return 'already-posted';
  const claimed = await deps.receipts.claimAlert(loaded, summary.status, deps.clock.now());
  if (!claimed) throw new Error('The receipt changed while claiming its alert; try again.');
  try {
    const contacts = await deps.tenants.contactsFor(summary.tenantId);
    const card = deps.cards.renderView(referralAlertView(summary, contacts));
    const remembered = await deps.conversations.find(
      summary.tenantId,
      claimed.receipt.conversationId,
    );
    await deps.sender.send(remembered?.reference ?? claimed.receipt.reference, card);
  } catch (err) {
    await deps.receipts.releaseAlert(claimed, deps.clock.now());
    throw err;
  }
  return 'posted';
}

/**
 * The delivery worker's listener: when a referral's status changes, its receipt card changes
 * with it (queued → sent with the partnership's reference, or → needs attention), and for
 * `failed` / `rejected` the referrer gets a new message too. Rejects when either could not be
 * done, so the worker tries again later; what was done is not done twice.
 */
export function createReceiptUpdater(deps: ReceiptUpdaterDeps): ReferralStatusListener {
  const log = deps.logger.child({ component: 'referral-receipts' });
  return {
    async onStatusChanged(change: ReferralStatusChange): Promise<void> {
      const { referral } = change;
      if (referral.status === 'queued') return;
      const fields = { referralId: referral.referralId, status: referral.status };
      let failure: Error | undefined;
      const asError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));
      const outcome = await showReceiptStatus(deps, referral).catch((err: unknown) => {
        failure = asError(err);
        return 'failed' as const;
      });
      log.info('referral receipt', { ...fields, event: outcome });
      if (needsAttention(referral.status)) {
        const alert = await alertReferrer(deps, referral).catch((err: unknown) => {
          failure ??= asError(err);
          return 'failed' as const;
        });
        log.info('referral alert', { ...fields, event: alert });
      }
      if (failure !== undefined) throw failure;
    },
  };
}
