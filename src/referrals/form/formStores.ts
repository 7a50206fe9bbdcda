import type { Storage } from '../../kernel/documentStore';
import type { RecordRetention } from '../../tenants/retention';
import { referralStoresFrom, type ReferralStores } from '../referralStores';
import { DocumentStoreDraftRepository, type ReferralDraftRepository } from './draft';
import { DocumentStoreReceipts, type ReceiptRepository } from './receipts';
import { DocumentStoreReferrerProfiles, type ReferrerProfileRepository } from './referrerProfile';

export interface ReferralFormStores {
  readonly drafts: ReferralDraftRepository;
  readonly profiles: ReferrerProfileRepository;
  readonly receipts: ReceiptRepository;
  readonly stores: ReferralStores;
}

/** The form's storage over the storage port: drafts, remembered details, receipts, referrals. */
export function referralFormStores(
  storage: Storage,
  retention?: RecordRetention,
): ReferralFormStores {
  const drafts = storage.collection<unknown>('drafts');
  return {
    drafts: new DocumentStoreDraftRepository(drafts, retention?.ttlFor('drafts')),
    profiles: new DocumentStoreReferrerProfiles(drafts, retention?.ttlFor('referrerProfiles')),
    receipts: new DocumentStoreReceipts(drafts, retention?.ttlFor('receipts')),
    stores: referralStoresFrom(storage),
  };
}
