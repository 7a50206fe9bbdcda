import { strict as assert } from 'node:assert';
import type { DocumentStore, StoredItem } from '../../../src/kernel/documentStore';
import type { Logger } from '../../../src/logging/logger';
import {
  DeliveryWorker,
  type DeliveryWorkerOptions,
  type RetentionPolicy,
} from '../../../src/referrals/delivery/deliveryWorker';
import type {
  PartnershipClient,
  ReferralStatusListener,
} from '../../../src/referrals/delivery/ports';
import type { ReferralRecord } from '../../../src/referrals/records/referralRecord';
import {
  deliverPartition,
  outboxShardCount,
  purgePartition,
  referralKey,
  type OutboxEntry,
  type ReferralStores,
} from '../../../src/referrals/records/referralStores';
import { submitReferral } from '../../../src/referrals/delivery/submitReferral';
import { aReferralInput, aReferrerId, aTenantId } from './referralBuilders';
import { seededRandom, type ManualClock } from './deliveryFakes';

/** Small, test-friendly timings: a lease of a minute, retries from 1 s doubling to 1 min. */
export const testWorkerOptions: DeliveryWorkerOptions = {
  leaseMs: 60_000,
  backoff: { baseDelayMs: 1_000, maxDelayMs: 60_000, minDelayMs: 1_000 },
  pollIntervalMs: 60_000,
  orphanGraceMs: 5 * 60_000,
};

export interface HarnessDeps {
  readonly stores: ReferralStores;
  readonly clock: ManualClock;
  readonly logger: Logger;
  readonly listener?: ReferralStatusListener;
}

/** Builds workers and reads state over one set of stores: what "the same storage" means in a test. */
export class DeliveryHarness {
  constructor(readonly deps: HarnessDeps) {}

  /** A new worker instance (as a restarted process would create), over the same stores. */
  worker(client: PartnershipClient, options: DeliveryWorkerOptions = {}, seed = 1): DeliveryWorker {
    return new DeliveryWorker({
      stores: this.deps.stores,
      client,
      clock: this.deps.clock,
      logger: this.deps.logger,
      random: seededRandom(seed),
      ...(this.deps.listener ? { listener: this.deps.listener } : {}),
      options: { ...testWorkerOptions, ...options },
    });
  }

  /** A worker whose retention comes from the tenant settings, as the app wires it. */
  workerWithRetention(client: PartnershipClient, retention: RetentionPolicy): DeliveryWorker {
    return new DeliveryWorker({
      stores: this.deps.stores,
      client,
      clock: this.deps.clock,
      logger: this.deps.logger,
      random: seededRandom(1),
      retention,
      options: testWorkerOptions,
    });
  }

  async submit(input: unknown = aReferralInput(), tenantId = aTenantId): Promise<string> {
    const result = await submitReferral(
      { stores: this.deps.stores, clock: this.deps.clock },
      { tenantId, referrerId: aReferrerId, input },
    );
    assert.ok(result.ok, `submit refused: ${JSON.stringify(!result.ok && result.errors)}`);
    return result.referral.referralId;
  }

  async record(id: string, tenantId = aTenantId): Promise<ReferralRecord> {
    const item = await this.deps.stores.referrals.read(referralKey(tenantId, id));
    assert.ok(item, `referral ${id} not found`);
    return item.value;
  }

  /** Moves the clock to the referral's next attempt (or lease end), whichever is later. */
  async advanceToNextAttempt(id: string): Promise<void> {
    const record = await this.record(id);
    const times = [record.nextAttemptAt, record.lease?.until].filter(
      (t): t is string => t !== undefined,
    );
    const target = Math.max(...times.map((t) => Date.parse(t)));
    const now = this.deps.clock.now().getTime();
    if (target > now) this.deps.clock.advance(target - now);
  }

  async deliverEntries(): Promise<StoredItem<OutboxEntry>[]> {
    return this.allIn(deliverPartition);
  }

  async purgeEntries(): Promise<StoredItem<OutboxEntry>[]> {
    return this.allIn(purgePartition);
  }

  private async allIn(partition: (shard: number) => string): Promise<StoredItem<OutboxEntry>[]> {
    const lists = await Promise.all(
      Array.from({ length: outboxShardCount }, (_, shard) =>
        this.deps.stores.outbox.listPartition(partition(shard)),
      ),
    );
    return lists.flat();
  }
}

/**
 * A store whose first `parties` reads wait for one another, so that many workers read the same
 * version before any of them writes: the If-Match race, made to happen every time.
 */
export function withReadBarrier<T>(store: DocumentStore<T>, parties: number): DocumentStore<T> {
  let waiting: Array<() => void> = [];
  let arrived = 0;
  return {
    read: async (key) => {
      const item = await store.read(key);
      if (arrived < parties) {
        arrived += 1;
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          if (waiting.length === parties) {
            for (const release of waiting) release();
            waiting = [];
          }
        });
      }
      return item;
    },
    create: (key, value, options) => store.create(key, value, options),
    replace: (key, value, options) => store.replace(key, value, options),
    upsert: (key, value, options) => store.upsert(key, value, options),
    delete: (key) => store.delete(key),
    listPartition: (pk, options) => store.listPartition(pk, options),
  };
}
