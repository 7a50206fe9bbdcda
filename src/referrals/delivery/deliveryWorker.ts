import { randomUUID } from 'node:crypto';
import type { StoredItem } from '../../kernel/documentStore';
import {
  deliverPartition,
  outboxShardCount,
  type DeliverEntry,
  type NotifyEntry,
  type OutboxEntry,
} from '../records/referralStores';
import { deliverEntry } from './deliver';
import { processNotify } from './notify';
import { purgeOnce } from './purge';
import { sweepStrandedReferrals, type SweepReport } from './strandedSweeper';
import { WorkerLeases } from './workerLeases';
import {
  codeOf,
  emptyDeliveryReport,
  workerContext,
  type DeliveryPassReport,
  type DeliveryWorkerDeps,
  type PurgePassReport,
  type WorkerContext,
} from './workerSettings';

export {
  defaultRetentionMs,
  retentionFromTenants,
  type DeliveryPassReport,
  type DeliveryWorkerDeps,
  type DeliveryWorkerOptions,
  type PurgePassReport,
  type RetentionPolicy,
} from './workerSettings';

/** What one maintenance pass did; `ran` is false when another instance holds this pass. */
export interface MaintenanceReport {
  ran: boolean;
  purge?: PurgePassReport;
  sweep?: SweepReport;
}

/**
 * The outbox worker's polling loop: finds due outbox entries and hands each to its job — deliver
 * (deliver.ts: lease and send), notify (notify.ts: tell the referrer) — and now and then runs
 * maintenance (purge.ts, then the stranded-referral sweep). All of its state is in storage; any
 * number of instances may run, and a new one picks up where a crashed one stopped.
 */
export class DeliveryWorker {
  private readonly ctx: WorkerContext;
  private readonly leases: WorkerLeases;

  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private wakeRequested = false;
  /** A wake-up not yet served by a scan: the next scan runs whoever holds the poll lease. */
  private wakePending = false;
  private nextPurgeAtMs = 0;
  /** The current pause between scheduled scans (grows while the outbox stays empty). */
  private currentPollMs: number;

  constructor(deps: DeliveryWorkerDeps) {
    this.ctx = workerContext(deps, deps.options?.workerId ?? randomUUID());
    this.leases = new WorkerLeases(this.ctx);
    this.currentPollMs = this.ctx.pollIntervalMs;
  }

  get workerId(): string {
    return this.ctx.id;
  }

  /** Runs passes every poll interval (and purges every purge interval) until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.ctx.log.info('Referral delivery worker started', { count: outboxShardCount });
    this.schedule(0);
  }

  /** Asks for a pass now (e.g. just after a submit) instead of at the next poll. */
  wake(): void {
    if (!this.running) return;
    this.currentPollMs = this.ctx.pollIntervalMs;
    this.wakePending = true;
    if (this.pass) {
      this.wakeRequested = true;
    } else if (this.timer) {
      clearTimeout(this.timer);
      this.schedule(0);
    }
  }

  /** Stops polling and waits for a pass in progress to finish. Safe to call twice. */
  async stop(): Promise<void> {
    const wasRunning = this.running;
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.pass;
    if (wasRunning) this.ctx.log.info('Referral delivery worker stopped');
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pass = this.tick();
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const { ctx } = this;
    const woken = this.wakePending;
    this.wakePending = false;
    try {
      // A wake-up (a submit on this instance) scans at once; scheduled scans are one instance's
      // duty at a time, so idle polling does not grow with the number of instances.
      const report = woken ? await this.runOnce() : await this.pollOnce();
      if (report) {
        const idle = report.seen === 0 && report.errors === 0;
        this.currentPollMs = idle
          ? Math.min(Math.max(this.currentPollMs * 2, ctx.pollIntervalMs), ctx.idlePollIntervalMs)
          : ctx.pollIntervalMs;
      }
      const now = ctx.clock.now().getTime();
      if (now >= this.nextPurgeAtMs) {
        this.nextPurgeAtMs = now + ctx.purgeIntervalMs;
        await this.maintainOnce();
      }
    } catch (err) {
      // The passes catch their own failures; this is the last guard of a timer callback.
      ctx.log.error('Referral delivery pass failed', {}, err);
    } finally {
      this.pass = undefined;
      if (this.running) this.schedule(this.wakeRequested ? 0 : this.currentPollMs);
      this.wakeRequested = false;
    }
  }

  /** A scheduled scan: runs a pass if this instance holds (or takes) the poll lease, else nothing. */
  async pollOnce(): Promise<DeliveryPassReport | undefined> {
    return (await this.leases.holdsPollLease()) ? this.runOnce() : undefined;
  }

  /**
   * One maintenance pass (purge, then the stranded-referral sweep) if no other instance has run
   * one within the purge interval.
   */
  async maintainOnce(): Promise<MaintenanceReport> {
    if (!(await this.leases.holdsMaintenanceLease())) return { ran: false };
    const purge = await this.purgeOnce();
    const sweep = await sweepStrandedReferrals({
      stores: this.ctx.stores,
      clock: this.ctx.clock,
      logger: this.ctx.log,
    });
    return { ran: true, purge, sweep };
  }

  /** One pass over every outbox partition: attempts each due referral once. Never rejects. */
  async runOnce(): Promise<DeliveryPassReport> {
    const { ctx } = this;
    const report = emptyDeliveryReport();
    for (let shard = 0; shard < outboxShardCount; shard += 1) {
      let entries: StoredItem<OutboxEntry>[];
      try {
        entries = await ctx.stores.outbox.listPartition(deliverPartition(shard), {
          limit: ctx.batchSize,
        });
      } catch (err) {
        report.errors += 1;
        ctx.log.error('Could not read the referral outbox', { code: codeOf(err) }, err);
        continue;
      }
      report.seen += entries.length;
      const now = ctx.clock.now();
      const due = entries
        .filter((e): e is StoredItem<DeliverEntry | NotifyEntry> => e.value.kind !== 'purge')
        .filter((e) => Date.parse(e.value.dueAt) <= now.getTime())
        .sort((a, b) => Date.parse(a.value.dueAt) - Date.parse(b.value.dueAt));
      for (const entry of due) {
        try {
          if (isNotify(entry)) await processNotify(ctx, entry, report);
          else await deliverEntry(ctx, entry as StoredItem<DeliverEntry>, report);
        } catch (err) {
          report.errors += 1;
          ctx.log.error(
            'Referral delivery step failed; it will be retried',
            { referralId: entry.value.referralId, code: codeOf(err) },
            err,
          );
        }
      }
    }
    return report;
  }

  /** One pass over the purge partitions: removes bodies whose retention has run out. Never rejects. */
  purgeOnce(): Promise<PurgePassReport> {
    return purgeOnce(this.ctx);
  }
}

const isNotify = (e: StoredItem<DeliverEntry | NotifyEntry>): e is StoredItem<NotifyEntry> =>
  e.value.kind === 'notify';
