import type { Storage } from '../../kernel/documentStore';
import type { RecentItems } from '../../kernel/recentItems';
import { referralStoresFrom, type ReferralStores } from '../referralStores';
import {
  DocumentStoreDraftRepository,
  type ReferralDraft,
  type ReferralDraftRepository,
} from './draft';
import { DocumentStoreReceipts, type ReceiptRepository } from './receipts';
import { DocumentStoreReferrerProfiles, type ReferrerProfileRepository } from './referrerProfile';

export interface ReferralFormStores {
  readonly drafts: ReferralDraftRepository;
  readonly profiles: ReferrerProfileRepository;
  readonly receipts: ReceiptRepository;
  readonly stores: ReferralStores;
}

/**
 * The form's storage over the storage port: drafts, remembered details, receipts, referrals.
 * `recentDrafts`: the drafts this instance last read or wrote, so a press may skip its read.
 */
export function referralFormStores(
  storage: Storage,
  options: { readonly recentDrafts?: RecentItems<ReferralDraft> } = {},
): ReferralFormStores {
  const drafts = storage.collection<unknown>('drafts');
  return {
    drafts: new DocumentStoreDraftRepository(drafts, options.recentDrafts),
    profiles: new DocumentStoreReferrerProfiles(drafts),
    receipts: new DocumentStoreReceipts(drafts),
    stores: referralStoresFrom(storage),
  };
}
