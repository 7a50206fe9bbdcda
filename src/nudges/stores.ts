import type { DocumentStore, Storage } from '../kernel/documentStore';
import { documentIdFor } from '../kernel/hash';
import type { DeliveryRecord, NudgeRecord } from './model';
import type { SenderLeaseRecord } from './senderLease';

/** Someone who said "stop refreshers": no nudge is expanded to them until "refreshers on". */
export interface OptOutRecord {
  readonly kind: 'opt-out';
  readonly at: string;
  /** A snooze: refreshers reach this person again from this time on. Absent: stopped until "on". */
  readonly until?: string;
}

/** Every store the nudges use, over the storage port. */
export interface NudgeStores {
  /** Nudge records, partitioned by tenant; opt-outs beside them in their own partition. */
  readonly nudges: DocumentStore<NudgeRecord>;
  readonly optOuts: DocumentStore<OptOutRecord>;
  /** One partition per occurrence, one record per recipient. */
  readonly deliveries: DocumentStore<DeliveryRecord>;
  readonly leases: DocumentStore<SenderLeaseRecord>;
}

export function nudgeStores(storage: Storage): NudgeStores {
  return {
    nudges: storage.collection<NudgeRecord>('nudges'),
    optOuts: storage.collection<OptOutRecord>('nudges'),
    deliveries: storage.collection<DeliveryRecord>('deliveries'),
    leases: storage.collection<SenderLeaseRecord>('leases'),
  };
}

export const optOutPartition = (tenantId: string): string => `optouts:${tenantId}`;

/** An opt-out's id: a hash of the person's Entra object id (or channel id when there is none). */
export const optOutId = (recipientKey: string): string => documentIdFor(recipientKey.toLowerCase());

export const nudgeKey = (tenantId: string, nudgeId: string) => ({
  partitionKey: tenantId,
  id: nudgeId,
});
