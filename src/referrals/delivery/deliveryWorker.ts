import { randomUUID } from 'node:crypto';
import type { Clock } from '../../kernel/clock';
import type { StoredItem } from '../../kernel/documentStore';
import { ErrorCodes, isAppError } from '../../kernel/errors';
import { fingerprint } from '../../kernel/hash';
import { withTimeout } from '../../kernel/timeout';
import type { Logger } from '../../logging/logger';
import { daySeconds, defaultRetentionDays } from '../../tenants/retention';
import type { TenantDirectory } from '../../tenants/tenantSettings';
import { defaultBackoff, retryDelayMs, type BackoffPolicy } from './backoff';
import type {
  DeliveryOutcome,
  PartnershipClient,
  RandomSource,
  ReferralStatusChange,
  ReferralStatusListener,
} from './ports';
import type { Referral } from '../schema/referral';
import { isFinal, toAuditRecord, toSummary, type ReferralRecord } from '../records/referralRecord';
import {
  deliverKey,
  deliverPartition,
  outboxShardCount,
  purgeKey,
  purgePartition,
  referralKey,
  type DeliverEntry,
  type NotifyEntry,
  type OutboxEntry,
  type PurgeEntry,
  type ReferralStores,
  type WorkerLeaseEntry,
  workerLeasePartition,
} from '../records/referralStores';
import { sweepStrandedReferrals, type SweepReport } from './strandedSweeper';
import {
  failUndeliverable,
  isDue,
  recordOutcome,
  takeLease,
  type DeliveryPolicy,
} from './transitions';
import { wireBody } from '../schema/wire';
import { recordDeliveryAttempt, recordReferralFinal } from '../../telemetry/metrics';

export interface DeliveryWorkerOptions {
  /** Names this instance in leases; a fresh UUID by default (a restarted process is a new worker). */
  readonly workerId?: string;
  /** Pause between passes when started. Default 5 s. */
  readonly pollIntervalMs?: number;
  /** Pause between maintenance passes (purge, then the stranded-referral sweep) when started;
   * one instance runs each pass (a lease). Default 15 min. */
  readonly purgeIntervalMs?: number;
  /** Longest pause between scheduled scans when the outbox is empty: the interval doubles from
   * `pollIntervalMs` up to this while nothing is found (a submit wakes the worker at once).
   * Default 30 s. */
  readonly idlePollIntervalMs?: number;
  /** How long an attempt may take before another worker may take over. Must exceed the client's
   * request timeout. Default 2 min. */
  readonly leaseMs?: number;
  readonly backoff?: Partial<BackoffPolicy>;
  /** How long a body is kept once its referral's status is final, for tenants without their own
   * setting (see `retention`). Default 30 days. */
  readonly retentionMs?: number;
  /** Entries read per outbox partition per pass. Default 200 (1,600 referrals in flight at
   * once); any beyond wait for a later pass. */
  readonly batchSize?: number;
  /** An outbox entry whose referral is absent is dropped after this long (a failed submit).
   * Default 10 min. */
  readonly orphanGraceMs?: number;
  /** How long one call of the status listener may take before it counts as failed (and is
   * retried later). Keep it well under the lease. Default 30 s. */
  readonly notifyTimeoutMs?: number;
  /** How long telling the referrer of a final status is retried before giving up (an error is
   * logged). Default 24 hours. */
  readonly notifyDeadlineMs?: number;
}

export interface DeliveryWorkerDeps {
  readonly stores: ReferralStores;
  readonly client: PartnershipClient;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Jitter for retries; Math.random by default. */
  readonly random?: RandomSource;
  readonly listener?: ReferralStatusListener;
  /** Each tenant's retention; `options.retentionMs` for every tenant by default. */
  readonly retention?: RetentionPolicy;
  readonly options?: DeliveryWorkerOptions;
}

/** How long a tenant's referral bodies are kept once their status is final. */
export interface RetentionPolicy {
  /** In ms: the tenant's own setting when it has one, the global default otherwise. */
  retentionFor(tenantId: string): Promise<number>;
  /** Seconds the audit record left by the purge is kept (its TTL); the default audit period
   * when absent. */
  auditTtlSecondsFor?(tenantId: string): Promise<number>;
}

/** Retention from the tenant settings (`retention`, `referralRetentionDays`), else the defaults. */
export function retentionFromTenants(
  tenants: Pick<TenantDirectory, 'referralRetentionMsFor'> &
    Partial<Pick<TenantDirectory, 'retentionOverridesFor'>>,
  defaultMs: number,
): RetentionPolicy {
  return {
    retentionFor: async (tenantId) => (await tenants.referralRetentionMsFor(tenantId)) ?? defaultMs,
    auditTtlSecondsFor: async (tenantId) =>
      ((await tenants.retentionOverridesFor?.(tenantId))?.auditRecords ??
        defaultRetentionDays.auditRecords) * daySeconds,
  };
}

const defaultAuditTtlSeconds = defaultRetentionDays.auditRecords * daySeconds;

/** What one delivery pass did; for tests and the occasional log line. */
export interface DeliveryPassReport {
  sent: number;
  rejected: number;
  retrying: number;
  failed: number;
  /** Another worker took the lease first (the If-Match race): this one backed off. */
  lostRace: number;
  /** The lease ran out before the outcome was written; the next holder re-sends with the same key. */
  lostLease: number;
  /** Not due, or leased by a live worker. */
  notDue: number;
  /** Outbox entries repaired or dropped (crash leftovers). */
  repaired: number;
  /** Referrers told of a final status after earlier attempts had failed. */
  notified: number;
  /** Telling the referrer failed (again): tried again later. */
  notifyRetrying: number;
  errors: number;
  /** Outbox entries listed (due or not): zero means the outbox was empty. */
  seen: number;
}

export interface PurgePassReport {
  purged: number;
  errors: number;
}

/** What one maintenance pass did; `ran` is false when another instance holds this pass. */
export interface MaintenanceReport {
  ran: boolean;
  purge?: PurgePassReport;
  sweep?: SweepReport;
}

export const defaultRetentionMs = 30 * 24 * 60 * 60_000;

const emptyDeliveryReport = (): DeliveryPassReport => ({
  sent: 0,
  rejected: 0,
  retrying: 0,
  failed: 0,
  lostRace: 0,
  lostLease: 0,
  notDue: 0,
  repaired: 0,
  notified: 0,
  notifyRetrying: 0,
  errors: 0,
  seen: 0,
});

const isRaceLoss = (err: unknown): boolean =>
  isAppError(err, ErrorCodes.storePreconditionFailed) || isAppError(err, ErrorCodes.storeNotFound);

/**
 * The outbox worker: finds due referrals, takes a lease on each with If-Match (so two instances
 * never send the same referral at once), sends it, and records the outcome. All of its state is in
 * storage; any number of instances may run, and a new one picks up where a crashed one stopped.
 */
export class DeliveryWorker {
  private readonly id: string;
  private readonly log: Logger;
  private readonly random: RandomSource;
  private readonly policy: DeliveryPolicy;
  private readonly pollIntervalMs: number;
  private readonly purgeIntervalMs: number;
  private readonly idlePollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly orphanGraceMs: number;
  private readonly notifyTimeoutMs: number;
  private readonly notifyDeadlineMs: number;
  private readonly retention: RetentionPolicy;

  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private wakeRequested = false;
  /** A wake-up not yet served by a scan: the next scan runs whoever holds the poll lease. */
  private wakePending = false;
  private nextPurgeAtMs = 0;
  /** The current pause between scheduled scans (grows while the outbox stays empty). */
  private currentPollMs: number;
  /** Our poll lease's etag while we hold it: renewing is then one conditional write. */
  private pollLeaseEtag: string | undefined;

  constructor(private readonly deps: DeliveryWorkerDeps) {
    const options = deps.options ?? {};
    this.id = options.workerId ?? randomUUID();
    this.log = deps.logger.child({ component: 'referral-delivery' });
    this.random = deps.random ?? Math.random;
    this.policy = {
      backoff: { ...defaultBackoff, ...options.backoff },
      retentionMs: options.retentionMs ?? defaultRetentionMs,
    };
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.purgeIntervalMs = options.purgeIntervalMs ?? 15 * 60_000;
    this.idlePollIntervalMs = Math.max(this.pollIntervalMs, options.idlePollIntervalMs ?? 30_000);
    this.currentPollMs = this.pollIntervalMs;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.batchSize = options.batchSize ?? 200;
    this.orphanGraceMs = options.orphanGraceMs ?? 10 * 60_000;
    this.notifyTimeoutMs = options.notifyTimeoutMs ?? 30_000;
    this.notifyDeadlineMs = options.notifyDeadlineMs ?? 24 * 60 * 60_000;
    const retentionMs = this.policy.retentionMs;
    this.retention = deps.retention ?? { retentionFor: () => Promise.resolve(retentionMs) };
  }

  get workerId(): string {
    return this.id;
  }

  /** Runs passes every poll interval (and purges every purge interval) until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.log.info('Referral delivery worker started', { count: outboxShardCount });
    this.schedule(0);
  }

  /** Asks for a pass now (e.g. just after a submit) instead of at the next poll. */
  wake(): void {
    if (!this.running) return;
    this.currentPollMs = this.pollIntervalMs;
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
    if (wasRunning) this.log.info('Referral delivery worker stopped');
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pass = this.tick();
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const woken = this.wakePending;
    this.wakePending = false;
    try {
      // A wake-up (a submit on this instance) scans at once; scheduled scans are one instance's
      // duty at a time, so idle polling does not grow with the number of instances.
      const report = woken ? await this.runOnce() : await this.pollOnce();
      if (report) {
        const idle = report.seen === 0 && report.errors === 0;
        this.currentPollMs = idle
          ? Math.min(Math.max(this.currentPollMs * 2, this.pollIntervalMs), this.idlePollIntervalMs)
          : this.pollIntervalMs;
      }
      const now = this.deps.clock.now().getTime();
      if (now >= this.nextPurgeAtMs) {
        this.nextPurgeAtMs = now + this.purgeIntervalMs;
        await this.maintainOnce();
      }
    } catch (err) {
      // The passes catch their own failures; this is the last guard of a timer callback.
      this.log.error('Referral delivery pass failed', {}, err);
    } finally {
      this.pass = undefined;
      if (this.running) this.schedule(this.wakeRequested ? 0 : this.currentPollMs);
      this.wakeRequested = false;
    }
  }

  /** A scheduled scan: runs a pass if this instance holds (or takes) the poll lease, else nothing. */
  async pollOnce(): Promise<DeliveryPassReport | undefined> {
    return (await this.holdsPollLease()) ? this.runOnce() : undefined;
  }

  /**
   * Takes or renews the poll lease (held for two idle intervals, so a holder that stops is
   * replaced within a minute). True when this instance should scan. Without a lease store, or when
   * the lease cannot be read, it scans: a missed scan delays referrals, an extra one costs queries.
   */
  private async holdsPollLease(): Promise<boolean> {
    const leases = this.deps.stores.workerLeases;
    if (!leases) return true;
    const holdMs = 2 * this.idlePollIntervalMs + this.pollIntervalMs;
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
      const taken = await this.takeWorkerLease('poll', holdMs);
      this.pollLeaseEtag = taken?.etag;
      return taken !== undefined;
    } catch (err) {
      this.pollLeaseEtag = undefined;
      this.log.warn('Could not read the referral poll lease; scanning anyway', {
        code: codeOf(err),
      });
      return true;
    }
  }

  private leaseValue(holdMs: number): WorkerLeaseEntry {
    const until = new Date(this.deps.clock.now().getTime() + holdMs).toISOString();
    return { kind: 'lease', owner: this.id, until };
  }

  /** The lease when this instance now holds it (taken free, expired, or already its own). */
  private async takeWorkerLease(
    id: 'poll' | 'maintenance',
    holdMs: number,
  ): Promise<StoredItem<WorkerLeaseEntry> | undefined> {
    const leases = this.deps.stores.workerLeases;
    if (!leases) return undefined;
    const key = { partitionKey: workerLeasePartition, id };
    const current = await leases.read(key);
    const lease = this.leaseValue(holdMs);
    try {
      if (!current) return await leases.create(key, lease);
      const live = Date.parse(current.value.until) > this.deps.clock.now().getTime();
      if (live && current.value.owner !== this.id) return undefined;
      return await leases.replace({ ...key, etag: current.etag }, lease);
    } catch (err) {
      if (isRaceLoss(err) || isAppError(err, ErrorCodes.storeConflict)) return undefined;
      throw err;
    }
  }

  /**
   * One maintenance pass (purge, then the stranded-referral sweep) if no other instance has run
   * one within the purge interval: the lease is held for the whole interval and not given back.
   */
  async maintainOnce(): Promise<MaintenanceReport> {
    if (this.deps.stores.workerLeases) {
      try {
        const taken = await this.takeWorkerLease('maintenance', this.purgeIntervalMs);
        if (!taken) return { ran: false };
      } catch (err) {
        this.log.warn('Could not take the referral maintenance lease; skipping this pass', {
          code: codeOf(err),
        });
        return { ran: false };
      }
    }
    const purge = await this.purgeOnce();
    const sweep = await sweepStrandedReferrals({
      stores: this.deps.stores,
      clock: this.deps.clock,
      logger: this.log,
    });
    return { ran: true, purge, sweep };
  }

  /** One pass over every outbox partition: attempts each due referral once. Never rejects. */
  async runOnce(): Promise<DeliveryPassReport> {
    const report = emptyDeliveryReport();
    for (let shard = 0; shard < outboxShardCount; shard += 1) {
      let entries: StoredItem<OutboxEntry>[];
      try {
        entries = await this.deps.stores.outbox.listPartition(deliverPartition(shard), {
          limit: this.batchSize,
        });
      } catch (err) {
        report.errors += 1;
        this.log.error('Could not read the referral outbox', { code: codeOf(err) }, err);
        continue;
      }
      report.seen += entries.length;
      const now = this.deps.clock.now();
      const due = entries
        .filter((e): e is StoredItem<DeliverEntry | NotifyEntry> => e.value.kind !== 'purge')
        .filter((e) => Date.parse(e.value.dueAt) <= now.getTime())
        .sort((a, b) => Date.parse(a.value.dueAt) - Date.parse(b.value.dueAt));
      for (const entry of due) {
        try {
          if (isNotify(entry)) await this.processNotify(entry, report);
          else await this.processEntry(entry as StoredItem<DeliverEntry>, report);
        } catch (err) {
          report.errors += 1;
          this.log.error(
            'Referral delivery step failed; it will be retried',
            { referralId: entry.value.referralId, code: codeOf(err) },
            err,
          );
        }
      }
    }
    return report;
  }

  private async processEntry(
    entry: StoredItem<DeliverEntry>,
    report: DeliveryPassReport,
  ): Promise<void> {
    const { referrals, outbox } = this.deps.stores;
    const { referralId, tenantId } = entry.value;
    const now = this.deps.clock.now();
    const key = referralKey(tenantId, referralId);
    const item = await referrals.read(key);

    if (!item) {
      // Left by a submit that failed between its two writes; within the grace period the submit
      // may still be writing the referral.
      if (now.getTime() - Date.parse(entry.value.createdAt) >= this.orphanGraceMs) {
        await outbox
          .delete({ partitionKey: entry.partitionKey, id: entry.id, etag: entry.etag })
          .catch(ignoreRace);
        report.repaired += 1;
      } else {
        report.notDue += 1;
      }
      return;
    }

    const record = item.value;
    if (isFinal(record.status)) {
      // Just finished by another worker, which is tidying up now: leave it to that worker.
      if (now.getTime() - Date.parse(record.updatedAt) < this.leaseMs) {
        report.notDue += 1;
        return;
      }
      // A worker stopped between recording the outcome and tidying the outbox: finish its work,
      // telling the listener again, since it may not have been told.
      report.repaired += 1;
      await this.finishOutbox(record, 'queued', report);
      return;
    }

    if (!isDue(record, now)) {
      await this.postpone(entry, record, now);
      report.notDue += 1;
      return;
    }

    // The tenant's retention is decided by the attempt that makes the status final (purgeAfter is
    // set then), so a changed setting applies to referrals finalised after the change; those
    // already final keep their purge time. Read before the lease: a failed read costs a retry,
    // never a second send.
    const policy = { ...this.policy, retentionMs: await this.retentionFor(tenantId) };
    const leased = takeLease(record, this.id, now, this.leaseMs);
    let held: StoredItem<ReferralRecord>;
    try {
      held = await referrals.replace({ ...key, etag: item.etag }, leased);
    } catch (err) {
      if (!isRaceLoss(err)) throw err;
      // Another worker changed it since we read it: it has the lease (or has finished). Back off.
      report.lostRace += 1;
      this.log.debug('Another worker took the referral first', { referralId });
      return;
    }

    const outcome = leased.body ? await this.send(leased, leased.body) : undefined;
    const after = this.deps.clock.now();
    const next = outcome
      ? recordOutcome(leased, outcome, after, policy, this.random)
      : failUndeliverable(leased, after, policy);
    try {
      await referrals.replace({ ...key, etag: held.etag }, next);
    } catch (err) {
      if (!isRaceLoss(err)) throw err;
      report.lostLease += 1;
      this.log.warn('Lease ran out before the outcome was recorded; the next holder re-sends', {
        referralId,
        attempt: leased.attempts,
      });
      return;
    }

    this.logOutcome(next, outcome);
    recordDeliveryAttempt(outcome?.kind ?? 'body-missing');
    if (isFinal(next.status)) {
      const final =
        next.status === 'sent' ? 'sent' : next.status === 'rejected' ? 'rejected' : 'failed';
      report[final] += 1;
      // Counted once: only the attempt whose outcome was recorded makes the status final.
      recordReferralFinal(final);
      // The delivery entry goes only once the listener has been told (or becomes a notify entry
      // when it could not be): a crash in between means told twice, never not at all.
      await this.finishOutbox(next, record.status, report);
    } else {
      report.retrying += 1;
      await outbox.upsert(deliverKey(referralId), {
        ...entry.value,
        dueAt: next.nextAttemptAt ?? after.toISOString(),
      });
    }
  }

  /** The tenant's retention; the default (and an error logged) when its value is unusable. */
  private async retentionFor(tenantId: string): Promise<number> {
    const ms = await this.retention.retentionFor(tenantId);
    if (Number.isSafeInteger(ms) && ms > 0) return ms;
    this.log.error('Tenant referral retention is not valid; using the default', {
      tenantHash: fingerprint(tenantId),
    });
    return this.policy.retentionMs;
  }

  /** The council's audit period in seconds; the default (and an error logged) when unusable. */
  private async auditTtlSecondsFor(tenantId: string): Promise<number> {
    const seconds = await (this.retention.auditTtlSecondsFor?.(tenantId) ??
      Promise.resolve(defaultAuditTtlSeconds));
    if (Number.isSafeInteger(seconds) && seconds > 0) return seconds;
    this.log.error('Tenant audit retention is not valid; using the default', {
      tenantHash: fingerprint(tenantId),
    });
    return defaultAuditTtlSeconds;
  }

  /** Moves an early outbox entry to when the referral can next be tried, to save re-reading it. */
  private async postpone(
    entry: StoredItem<DeliverEntry>,
    record: ReferralRecord,
    now: Date,
  ): Promise<void> {
    const leaseEnd =
      record.lease && Date.parse(record.lease.until) > now.getTime()
        ? record.lease.until
        : undefined;
    const candidates = [leaseEnd, record.nextAttemptAt].filter((t): t is string => t !== undefined);
    const wanted = candidates.sort((a, b) => Date.parse(b) - Date.parse(a))[0];
    if (wanted === undefined || Date.parse(wanted) <= Date.parse(entry.value.dueAt)) return;
    // If-Match: if the lease holder has just rescheduled the entry, its time wins.
    await this.deps.stores.outbox
      .replace(
        { partitionKey: entry.partitionKey, id: entry.id, etag: entry.etag },
        { ...entry.value, dueAt: wanted },
      )
      .catch(ignoreRace);
  }

  private async send(record: ReferralRecord, referral: Referral): Promise<DeliveryOutcome> {
    const body = wireBody({ referralId: record.id, submittedAt: record.submittedAt, referral });
    try {
      return await this.deps.client.deliver({ referralId: record.id, body });
    } catch (err) {
      // The port promises not to throw; if a client does, treat it as a fault worth retrying.
      this.log.error(
        'Partnership client threw instead of answering',
        { referralId: record.id },
        err,
      );
      return { kind: 'retryable', reason: 'unexpected-response' };
    }
  }

  /**
   * Once final: schedule the purge, tell the listener, then drop the delivery entry, or turn it
   * into a notify entry when the listener failed. Every step is idempotent.
   */
  private async finishOutbox(
    record: ReferralRecord,
    previousStatus: ReferralRecord['status'],
    report: DeliveryPassReport,
  ): Promise<void> {
    const { outbox } = this.deps.stores;
    if (record.purgeAfter !== undefined && record.bodyPurgedAt === undefined) {
      const entry: PurgeEntry = {
        kind: 'purge',
        referralId: record.id,
        tenantId: record.tenantId,
        dueAt: record.purgeAfter,
      };
      await outbox.create(purgeKey(record.id, record.purgeAfter), entry).catch((err: unknown) => {
        if (!isAppError(err, ErrorCodes.storeConflict)) throw err;
      });
    }
    if (await this.notify({ previousStatus, referral: toSummary(record) })) {
      await outbox.delete(deliverKey(record.id));
      return;
    }
    const now = this.deps.clock.now();
    const notify: NotifyEntry = {
      kind: 'notify',
      referralId: record.id,
      tenantId: record.tenantId,
      createdAt: now.toISOString(),
      attempts: 1,
      dueAt: this.notifyRetryAt(1, now),
    };
    await outbox.upsert(deliverKey(record.id), notify);
    report.notifyRetrying += 1;
  }

  /**
   * A final status the referrer has not yet been told of: take the entry (If-Match, so one
   * worker at a time), tell the listener again, and drop the entry once told; otherwise retry later
   * with backoff, until the notify deadline.
   */
  private async processNotify(
    entry: StoredItem<NotifyEntry>,
    report: DeliveryPassReport,
  ): Promise<void> {
    const { referrals, outbox } = this.deps.stores;
    const { referralId, tenantId } = entry.value;
    const now = this.deps.clock.now();
    const at = { partitionKey: entry.partitionKey, id: entry.id };
    let taken: StoredItem<OutboxEntry>;
    try {
      // Held for two timeouts: if this worker stops mid-call, another picks it up after that.
      const holdUntil = new Date(now.getTime() + 2 * this.notifyTimeoutMs).toISOString();
      taken = await outbox.replace(
        { ...at, etag: entry.etag },
        { ...entry.value, dueAt: holdUntil },
      );
    } catch (err) {
      if (!isRaceLoss(err)) throw err;
      report.lostRace += 1;
      return;
    }
    const drop = () => outbox.delete({ ...at, etag: taken.etag }).catch(ignoreRace);
    const item = await referrals.read(referralKey(tenantId, referralId));
    if (!item || !isFinal(item.value.status) || !this.deps.listener) {
      await drop();
      report.repaired += 1;
      return;
    }
    if (await this.notify({ previousStatus: 'queued', referral: toSummary(item.value) })) {
      await drop();
      report.notified += 1;
      return;
    }
    const attempts = entry.value.attempts + 1;
    if (now.getTime() - Date.parse(entry.value.createdAt) >= this.notifyDeadlineMs) {
      this.log.error('Referral status could not be shown to the referrer; gave up', {
        referralId,
        status: item.value.status,
        attempt: attempts,
      });
      await drop();
      report.errors += 1;
      return;
    }
    const after = this.deps.clock.now();
    await outbox
      .replace(
        { ...at, etag: taken.etag },
        { ...entry.value, attempts, dueAt: this.notifyRetryAt(attempts, after) },
      )
      .catch(ignoreRace);
    report.notifyRetrying += 1;
  }

  private notifyRetryAt(attempts: number, now: Date): string {
    const delay = retryDelayMs(attempts, this.random, this.policy.backoff);
    return new Date(now.getTime() + delay).toISOString();
  }

  /** Tells the listener, bounded by the notify timeout; true when it was told. */
  private async notify(change: ReferralStatusChange): Promise<boolean> {
    if (!this.deps.listener) return true;
    try {
      await withTimeout(
        Promise.resolve(this.deps.listener.onStatusChanged(change)),
        this.notifyTimeoutMs,
      );
      return true;
    } catch (err) {
      this.log.warn('Referral status listener failed; it will be retried', {
        referralId: change.referral.referralId,
        status: change.referral.status,
        code: codeOf(err) ?? (err instanceof Error ? err.name : undefined),
      });
      return false;
    }
  }

  private logOutcome(record: ReferralRecord, outcome: DeliveryOutcome | undefined): void {
    const fields = {
      referralId: record.id,
      tenantHash: fingerprint(record.tenantId),
      status: record.status,
      attempt: record.attempts,
    };
    if (!outcome) {
      this.log.error('Referral could not be delivered: its body is missing', {
        ...fields,
        reason: 'body-missing',
      });
      return;
    }
    switch (outcome.kind) {
      case 'accepted':
        this.log.info('Referral delivered to the partnership', {
          ...fields,
          httpStatus: outcome.httpStatus,
        });
        return;
      case 'rejected':
        // The partnership's reason may quote the referral: it goes to the referrer, not the log.
        this.log.warn('The partnership rejected a referral', {
          ...fields,
          httpStatus: outcome.httpStatus,
        });
        return;
      case 'retryable': {
        const detail = {
          ...fields,
          httpStatus: outcome.httpStatus,
          reason: outcome.reason,
          code: outcome.code,
        };
        if (record.status === 'failed') {
          this.log.error(
            'Referral delivery failed: the deadline passed without getting through',
            detail,
          );
        } else if (outcome.reason === 'unauthorised') {
          this.log.error(
            'The partnership refused our signature: check PARTNERSHIP_SIGNING_SECRET',
            detail,
          );
        } else if (outcome.reason === 'endpoint-refused') {
          this.log.error(
            'The partnership endpoint refused the request: check PARTNERSHIP_REFERRAL_URL',
            detail,
          );
        } else {
          this.log.warn('Referral delivery attempt failed; it will be retried', detail);
        }
      }
    }
  }

  /** One pass over the purge partitions: removes bodies whose retention has run out. Never rejects. */
  async purgeOnce(): Promise<PurgePassReport> {
    const report: PurgePassReport = { purged: 0, errors: 0 };
    const { referrals, outbox } = this.deps.stores;
    for (let shard = 0; shard < outboxShardCount; shard += 1) {
      try {
        const entries = await outbox.listPartition(purgePartition(shard), {
          limit: this.batchSize,
        });
        const now = this.deps.clock.now();
        // Ids start with the purge time, so the list is in due order: stop at the first not due.
        for (const entry of entries) {
          if (entry.value.kind !== 'purge' || Date.parse(entry.value.dueAt) > now.getTime()) break;
          const key = referralKey(entry.value.tenantId, entry.value.referralId);
          const item = await referrals.read(key);
          if (item && item.value.bodyPurgedAt === undefined) {
            // From here the audit record is kept for the council's audit period, then deleted
            // by the store (its TTL).
            const ttlSeconds = await this.auditTtlSecondsFor(entry.value.tenantId);
            try {
              await referrals.replace(
                { ...key, etag: item.etag },
                toAuditRecord(item.value, now.toISOString()),
                { ttlSeconds },
              );
            } catch (err) {
              if (!isRaceLoss(err)) throw err;
              continue; // changed under us: look again next pass
            }
            report.purged += 1;
            this.log.info('Referral body purged after retention', {
              referralId: entry.value.referralId,
              status: item.value.status,
            });
          }
          await outbox
            .delete({ partitionKey: entry.partitionKey, id: entry.id, etag: entry.etag })
            .catch(ignoreRace);
        }
      } catch (err) {
        report.errors += 1;
        this.log.error(
          'Referral purge step failed; it will be retried',
          { code: codeOf(err) },
          err,
        );
      }
    }
    return report;
  }
}

const isNotify = (e: StoredItem<DeliverEntry | NotifyEntry>): e is StoredItem<NotifyEntry> =>
  e.value.kind === 'notify';

function codeOf(err: unknown): string | undefined {
  return isAppError(err) ? err.code : undefined;
}

function ignoreRace(err: unknown): boolean {
  if (isRaceLoss(err)) return false;
  throw err;
}
