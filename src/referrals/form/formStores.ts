import type { Clock } from '../../kernel/clock';
import type { Storage } from '../../kernel/documentStore';
import type { RecentItems } from '../../kernel/recentItems';
import { StoredAccessTrail, type AccessEntry, type AccessTrail } from '../records/accessTrail';
import type { RecordRetention } from '../../tenants/retention';
import { referralStoresFrom, type ReferralStores } from '../records/referralStores';
import {
  DocumentStoreDraftRepository,
  type ReferralDraft,
  type ReferralDraftRepository,
} from './draft';
import { DocumentStoreReceipts, type ReceiptRepository } from '../receipt/receipts';
import { DocumentStoreReferrerProfiles, type ReferrerProfileRepository } from './referrerProfile';

export interface ReferralFormStores {
  readonly drafts: ReferralDraftRepository;
  readonly profiles: ReferrerProfileRepository;
  readonly receipts: ReceiptRepository;
  readonly stores: ReferralStores;
  /** Who read a referral's body, when, and why. */
  readonly accessTrail: AccessTrail;
}

/**
 * The form's storage over the storage port: drafts, remembered details, receipts, referrals.
 * `recentDrafts`: the drafts this instance last read or wrote, so a press may skip its read.
 */
export function referralFormStores(
  storage: Storage,
  clock: Clock,
  retention?: RecordRetention,
  options: { readonly recentDrafts?: RecentItems<ReferralDraft> } = {},
): ReferralFormStores {
  const drafts = storage.collection<unknown>('drafts');
  return {
    drafts: new DocumentStoreDraftRepository(
      drafts,
      retention?.ttlFor('drafts'),
      options.recentDrafts,
    ),
    profiles: new DocumentStoreReferrerProfiles(drafts, retention?.ttlFor('referrerProfiles')),
    receipts: new DocumentStoreReceipts(drafts, retention?.ttlFor('receipts')),
    stores: referralStoresFrom(storage),
    accessTrail: new StoredAccessTrail(
      storage.collection<AccessEntry>('audit'),
      clock,
      retention?.ttlFor('auditRecords'),
    ),
  };
}
