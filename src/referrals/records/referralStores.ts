import { createHash } from 'node:crypto';
import type { DocumentStore, ItemKey, Storage } from '../../kernel/documentStore';
import type { ReferralRecord } from './referralRecord';

/**
 * Where delivery keeps its state: the referrals themselves (partition = tenant) and an outbox that
 * lets a worker find due work without a cross-partition query. The outbox has a small fixed set of
 * partitions, listed one by one:
 *
 * - `deliver-<n>`: one entry per referral still to deliver (id = referral id). `dueAt` is never
 *   later than the referral's next attempt; a worker that finds it early re-reads the referral.
 *   Once the referral's status is final, the same entry becomes a `notify` entry if the status
 *   listener failed (Teams down), and stays until the referrer has been told.
 * - `purge-<n>`: one entry per referral whose body is to be purged, id = "<purge time>.<referral
 *   id>" so listing a partition in id order yields the earliest purges first.
 *
 * The referral is the truth; outbox entries only point at it, so a stale or orphaned entry is
 * repaired or dropped by the next worker that reads it.
 */
export interface DeliverEntry {
  readonly kind: 'deliver';
  readonly referralId: string;
  readonly tenantId: string;
  readonly dueAt: string;
  readonly createdAt: string;
}

export interface PurgeEntry {
  readonly kind: 'purge';
  readonly referralId: string;
  readonly tenantId: string;
  readonly dueAt: string;
}

/** The referrer is still to be told of a final status: retried with backoff until told. */
export interface NotifyEntry {
  readonly kind: 'notify';
  readonly referralId: string;
  readonly tenantId: string;
  readonly dueAt: string;
  /** When telling first failed: after the worker's notify deadline, it gives up. */
  readonly createdAt: string;
  /** Failed attempts so far. */
  readonly attempts: number;
}

/**
 * Which delivery worker instance drives a shared duty until when, in the `leases` container
 * (partition `referral-worker`): `poll` (the scheduled scan of the outbox) and `maintenance` (each
 * purge and stranded-referral sweep pass).
 */
export interface WorkerLeaseEntry {
  readonly kind: 'lease';
  readonly owner: string;
  readonly until: string;
}

export type OutboxEntry = DeliverEntry | PurgeEntry | NotifyEntry;

export interface ReferralStores {
  readonly referrals: DocumentStore<ReferralRecord>;
  readonly outbox: DocumentStore<OutboxEntry>;
  /** Shared duties between worker instances; without it every instance does every duty. */
  readonly workerLeases?: DocumentStore<WorkerLeaseEntry>;
}

export function referralStoresFrom(storage: Storage): ReferralStores {
  return {
    referrals: storage.collection<ReferralRecord>('referrals'),
    outbox: storage.collection<OutboxEntry>('outbox'),
    workerLeases: storage.collection<WorkerLeaseEntry>('leases'),
  };
}

/**
 * Fixed for the life of the data: entries already written in a shard a smaller count no longer
 * lists would never be found. Eight keeps a pass to sixteen small single-partition queries.
 */
export const outboxShardCount = 8;

export function shardOf(referralId: string): number {
  return (
    Number.parseInt(createHash('sha256').update(referralId).digest('hex').slice(0, 8), 16) %
    outboxShardCount
  );
}

export const deliverPartition = (shard: number): string => `deliver-${shard}`;
export const purgePartition = (shard: number): string => `purge-${shard}`;
export const workerLeasePartition = 'referral-worker';

export function referralKey(tenantId: string, referralId: string): ItemKey {
  return { partitionKey: tenantId, id: referralId };
}

export function deliverKey(referralId: string): ItemKey {
  return { partitionKey: deliverPartition(shardOf(referralId)), id: referralId };
}

/** Deterministic, so writing it twice (after a crash) is a conflict, not a duplicate. */
export function purgeKey(referralId: string, purgeAfter: string): ItemKey {
  // "2025-01-02T03:04:05.678Z" → "20250102T030405678Z": fixed width, sorts as time does.
  const compact = purgeAfter.replace(/[-:.]/g, '');
  return { partitionKey: purgePartition(shardOf(referralId)), id: `${compact}.${referralId}` };
}
