import { randomUUID } from 'node:crypto';
import type { Clock } from '../../kernel/clock';
import type { DocumentStore } from '../../kernel/documentStore';
import { fixedTtl, type TtlFor } from '../../tenants/retention';

/** What was done with a referral's body (never what it held). */
export const accessActions = [
  /** The referrer checked the status on the receipt card (the record is read with its body). */
  'receipt-viewed',
  /** The referrer opened a returned referral to correct it: the body was read into a draft. */
  'corrections-opened',
  /** An admin exported the body (admin tool, or a subject request). */
  'admin-export',
  /** An admin erased the body on the council's decision (subject request). */
  'body-erased',
  /** An admin redacted the referrer's contact details (subject request). */
  'referrer-redacted',
] as const;

export type AccessAction = (typeof accessActions)[number];

/**
 * One entry of a referral's access trail, in the `audit` container (partition
 * `<tenant>:referral:<referral id>`, id = time + random, so listing one partition gives the trail
 * in time order). Who, when, what action: no content.
 */
export interface AccessEntry {
  readonly kind: 'access';
  readonly tenantId: string;
  readonly referralId: string;
  /** The Entra object id of whoever read it (the referrer, or the admin running a tool). */
  readonly actor: string;
  readonly actorRole: 'referrer' | 'admin';
  readonly action: AccessAction;
  readonly at: string;
}

export interface AccessTrail {
  /** Appends an entry; resolves once it is stored (a read is shown only after). */
  record(entry: Omit<AccessEntry, 'kind' | 'at'>): Promise<void>;
  /** One referral's trail, oldest first. */
  listFor(tenantId: string, referralId: string): Promise<AccessEntry[]>;
}

export const accessPartition = (tenantId: string, referralId: string): string =>
  `${tenantId}:referral:${referralId}`;

/** "2025-01-02T03:04:05.678Z" → "20250102T030405678Z": fixed width, sorts as time does. */
export const compactTime = (iso: string): string => iso.replace(/[-:.]/g, '');

/** The trail over the storage port; each entry kept for the council's audit period (its TTL). */
export class StoredAccessTrail implements AccessTrail {
  constructor(
    private readonly store: DocumentStore<AccessEntry>,
    private readonly clock: Clock,
    private readonly ttlFor: TtlFor = fixedTtl('auditRecords'),
  ) {}

  async record(entry: Omit<AccessEntry, 'kind' | 'at'>): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.store.create(
      {
        partitionKey: accessPartition(entry.tenantId, entry.referralId),
        id: `${compactTime(at)}.${randomUUID()}`,
      },
      { kind: 'access', ...entry, at },
      { ttlSeconds: await this.ttlFor(entry.tenantId) },
    );
  }

  async listFor(tenantId: string, referralId: string): Promise<AccessEntry[]> {
    const items = await this.store.listPartition(accessPartition(tenantId, referralId));
    return items.map((i) => i.value);
  }
}
