import type { Clock } from '../../kernel/clock';
import { isAppError, isStaleWrite } from '../../kernel/errors';
import type { Logger } from '../../logging/logger';
import { daySeconds, defaultRetentionDays } from '../../tenants/retention';
import type { TenantDirectory } from '../../tenants/tenantSettings';
import type { ReferralStores } from '../records/referralStores';
import { defaultBackoff, type BackoffPolicy } from './backoff';
import type { PartnershipClient, RandomSource, ReferralStatusListener } from './ports';
import type { DeliveryPolicy } from './transitions';

/**
 * What the delivery worker's units share: its options and dependencies, resolved once, the
 * reports its passes return, and the few error helpers every unit uses.
 */

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

export const defaultRetentionMs = 30 * 24 * 60 * 60_000;

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

export const emptyDeliveryReport = (): DeliveryPassReport => ({
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

/** The worker's options with their defaults, and its dependencies: what every unit reads. */
export interface WorkerContext {
  readonly id: string;
  readonly stores: ReferralStores;
  readonly client: PartnershipClient;
  readonly clock: Clock;
  readonly log: Logger;
  readonly random: RandomSource;
  readonly listener: ReferralStatusListener | undefined;
  readonly retention: RetentionPolicy;
  readonly policy: DeliveryPolicy;
  readonly pollIntervalMs: number;
  readonly purgeIntervalMs: number;
  readonly idlePollIntervalMs: number;
  readonly leaseMs: number;
  readonly batchSize: number;
  readonly orphanGraceMs: number;
  readonly notifyTimeoutMs: number;
  readonly notifyDeadlineMs: number;
}

export function workerContext(deps: DeliveryWorkerDeps, workerId: string): WorkerContext {
  const options = deps.options ?? {};
  const policy: DeliveryPolicy = {
    backoff: { ...defaultBackoff, ...options.backoff },
    retentionMs: options.retentionMs ?? defaultRetentionMs,
  };
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  return {
    id: workerId,
    stores: deps.stores,
    client: deps.client,
    clock: deps.clock,
    log: deps.logger.child({ component: 'referral-delivery' }),
    random: deps.random ?? Math.random,
    listener: deps.listener,
    retention: deps.retention ?? { retentionFor: () => Promise.resolve(policy.retentionMs) },
    policy,
    pollIntervalMs,
    purgeIntervalMs: options.purgeIntervalMs ?? 15 * 60_000,
    idlePollIntervalMs: Math.max(pollIntervalMs, options.idlePollIntervalMs ?? 30_000),
    leaseMs: options.leaseMs ?? 120_000,
    batchSize: options.batchSize ?? 200,
    orphanGraceMs: options.orphanGraceMs ?? 10 * 60_000,
    notifyTimeoutMs: options.notifyTimeoutMs ?? 30_000,
    notifyDeadlineMs: options.notifyDeadlineMs ?? 24 * 60 * 60_000,
  };
}

export const isRaceLoss = isStaleWrite;

export function codeOf(err: unknown): string | undefined {
  return isAppError(err) ? err.code : undefined;
}

/** For `.catch`: a lost If-Match race is nothing to do (false); anything else is thrown on. */
export function ignoreRace(err: unknown): boolean {
  if (isRaceLoss(err)) return false;
  throw err;
}
