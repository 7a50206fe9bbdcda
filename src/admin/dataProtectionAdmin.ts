import type { Clock } from '../kernel/clock';
import type { Storage } from '../kernel/documentStore';
import type { RespondentIds } from '../outcomes/respondentIds';
import {
  StoredAccessTrail,
  type AccessEntry,
  type AccessTrail,
} from '../referrals/records/accessTrail';
import type { ReferralRecord } from '../referrals/records/referralRecord';
import {
  referralKey,
  referralStoresFrom,
  type ReferralStores,
} from '../referrals/records/referralStores';
import { RecordRetention } from '../tenants/retention';
import { StoredTenantDirectory, type TenantSettings } from '../tenants/tenantSettings';

/** Who is running an admin command: their Entra object id, recorded on every trail entry. */
export interface AdminActor {
  readonly objectId: string;
}

export interface DataProtectionDeps {
  readonly storage: Storage;
  readonly clock: Clock;
  /** Confidence answers' pseudonyms (RESPONDENT_ID_SECRET): needed to find a person's answers. */
  readonly respondents?: RespondentIds;
}

/**
 * The data protection admin tasks over the same storage the bot uses: a referral's access trail
 * and export (each export recorded), and the subject requests (subjectRequests.ts).
 * Framework-free; the command line is dataRequest.ts.
 */
export class DataProtectionAdmin {
  readonly trail: AccessTrail;
  readonly stores: ReferralStores;
  readonly retention: RecordRetention;

  constructor(readonly deps: DataProtectionDeps) {
    this.retention = new RecordRetention(
      new StoredTenantDirectory(deps.storage.collection<TenantSettings>('tenants')),
    );
    this.trail = new StoredAccessTrail(
      deps.storage.collection<AccessEntry>('audit'),
      deps.clock,
      this.retention.ttlFor('auditRecords'),
    );
    this.stores = referralStoresFrom(deps.storage);
  }

  /** One referral's access trail, oldest first. */
  accessTrail(tenantId: string, referralId: string): Promise<AccessEntry[]> {
    return this.trail.listFor(tenantId, referralId);
  }

  /** One referral as stored (body included while it is held); the export goes on its trail. */
  async exportReferral(
    actor: AdminActor,
    tenantId: string,
    referralId: string,
  ): Promise<ReferralRecord | undefined> {
    const item = await this.stores.referrals.read(referralKey(tenantId, referralId));
    if (!item) return undefined;
    await this.trail.record({
      tenantId,
      referralId,
      actor: actor.objectId,
      actorRole: 'admin',
      action: 'admin-export',
    });
    return item.value;
  }
}
