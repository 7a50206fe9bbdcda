import type { ConversationDirectory } from '../../conversations/conversationDirectory';
import type { Clock } from '../../kernel/clock';
import type { Logger } from '../../logging/logger';
import type {
  ReferralStatusChange,
  ReferralStatusListener,
  ReferralSummary,
} from '../../referrals';
import { receiptView, type ReceiptRepository } from '../../referrals/form';
import type { TenantDirectory } from '../../tenants/tenantSettings';
import type { CardCatalog } from '../cards/cardCatalog';
import type { CardUpdatePort } from './cardUpdatePort';

export interface ReceiptUpdaterDeps {
  readonly port: CardUpdatePort;
  readonly receipts: ReceiptRepository;
  /** The newest reference for the chat (its service URL may have moved since the receipt). */
  readonly conversations: ConversationDirectory;
  readonly cards: CardCatalog;
  readonly tenants: TenantDirectory;
  readonly clock: Clock;
  readonly logger: Logger;
}

export type ReceiptUpdate = 'updated' | 'already-shown' | 'no-receipt';

/**
 * Shows a referral's status on its receipt card, in place. Idempotent: a status already shown is
 * not sent again, and sending the same card twice changes nothing the user can see. Throws when
 * Teams refuses the update (the caller logs it); the receipt's "Check the status" still works.
 */
export async function showReceiptStatus(
  deps: Omit<ReceiptUpdaterDeps, 'logger'>,
  summary: ReferralSummary,
  port: CardUpdatePort = deps.port,
): Promise<ReceiptUpdate> {
  const loaded = await deps.receipts.find(summary.tenantId, summary.referralId);
  if (!loaded) return 'no-receipt';
  if (loaded.receipt.shownStatus === summary.status) return 'already-shown';
  const contacts = await deps.tenants.contactsFor(summary.tenantId);
  const card = deps.cards.renderView(receiptView(summary, contacts));
  const remembered = await deps.conversations.find(summary.tenantId, loaded.receipt.conversationId);
  await port.updateCard(
    remembered?.reference ?? loaded.receipt.reference,
    loaded.receipt.activityId,
    card,
  );
  // Lost to a concurrent update of the same status: that one showed it; nothing else to do.
  await deps.receipts.markShown(loaded, summary.status, deps.clock.now());
  return 'updated';
}

/**
 * The delivery worker's listener: when a referral's status changes, its receipt card changes
 * with it (queued → sent with the partnership's reference, or → needs attention).
 */
export function createReceiptUpdater(deps: ReceiptUpdaterDeps): ReferralStatusListener {
  const log = deps.logger.child({ component: 'referral-receipts' });
  return {
    async onStatusChanged(change: ReferralStatusChange): Promise<void> {
      const { referral } = change;
      if (referral.status === 'queued') return;
      const outcome = await showReceiptStatus(deps, referral);
      log.info('referral receipt', {
        referralId: referral.referralId,
        status: referral.status,
        event: outcome,
      });
    },
  };
}
