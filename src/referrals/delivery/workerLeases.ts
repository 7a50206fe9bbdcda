import type { StoredItem } from '../../kernel/documentStore';
import { isLostRace } from '../../kernel/errors';
import { workerLeasePartition, type WorkerLeaseEntry } from '../records/referralStores';
import { codeOf, isRaceLoss, type WorkerContext } from './workerSettings';

/**
 * The worker's own leases, so that one instance at a time does a duty shared by all: `poll`
 * (scheduled scans of the outbox) and `maintenance` (purge and sweep). Without a lease store
 * every instance does both.
 */
export class WorkerLeases {
  /** Our poll lease's etag while we hold it: renewing is then one conditional write. */
  private pollLeaseEtag: string | undefined;

  constructor(private readonly ctx: WorkerContext) {}

  /**
   * Takes or renews the poll lease (held for two idle intervals, so a holder that stops is
   * replaced within a minute). True when this instance should scan. Without a lease store, or when
   * the lease cannot be read, it scans: a missed scan delays referrals, an extra one costs queries.
   */
  async holdsPollLease(): Promise<boolean> {
    const leases = this.ctx.stores.workerLeases;
    if (!leases) return true;
    const holdMs = 2 * this.ctx.idlePollIntervalMs + this.ctx.pollIntervalMs;
    const lease = this.leaseValue(holdMs);
    const key = { partitionKey: workerLeasePartition, id: 'poll' };
    try {
      if (this.pollLeaseEtag !== undefined) {
        try {
          this.pollLeaseEtag = (
            await leases.replace({ ...key, etag: this.pollLeaseEtag }, lease)
          ).etag;
          return true;
        } catch (err) {
          if (!isRaceLoss(err)) throw err;
          this.pollLeaseEtag = undefined; // taken over: fall through and look
        }
      }
      const taken = await this.take('poll', holdMs);
      this.pollLeaseEtag = taken?.etag;
      return taken !== undefined;
    } catch (err) {
      this.pollLeaseEtag = undefined;
      this.ctx.log.warn('Could not read the referral poll lease; scanning anyway', {
        code: codeOf(err),
      });
      return true;
    }
  }

  /**
   * True when this instance may run a maintenance pass: no other has run one within the purge
   * interval (the lease is held for the whole interval and not given back).
   */
  async holdsMaintenanceLease(): Promise<boolean> {
    if (!this.ctx.stores.workerLeases) return true;
    try {
      return (await this.take('maintenance', this.ctx.purgeIntervalMs)) !== undefined;
    } catch (err) {
      this.ctx.log.warn('Could not take the referral maintenance lease; skipping this pass', {
        code: codeOf(err),
      });
      return false;
    }
  }

  private leaseValue(holdMs: number): WorkerLeaseEntry {
    const until = new Date(this.ctx.clock.now().getTime() + holdMs).toISOString();
    return { kind: 'lease', owner: this.ctx.id, until };
  }

  /** The lease when this instance now holds it (taken free, expired, or already its own). */
  private async take(
    id: 'poll' | 'maintenance',
    holdMs: number,
  ): Promise<StoredItem<WorkerLeaseEntry> | undefined> {
    const leases = this.ctx.stores.workerLeases;
    if (!leases) return undefined;
    const key = { partitionKey: workerLeasePartition, id };
    const current = await leases.read(key);
    const lease = this.leaseValue(holdMs);
    try {
      if (!current) return await leases.create(key, lease);
      const live = Date.parse(current.value.until) > this.ctx.clock.now().getTime();
      if (live && current.value.owner !== this.ctx.id) return undefined;
      return await leases.replace({ ...key, etag: current.etag }, lease);
    } catch (err) {
      if (isLostRace(err)) return undefined;
      throw err;
    }
  }
}
