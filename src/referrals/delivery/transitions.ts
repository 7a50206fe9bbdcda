import { retryDelayMs, type BackoffPolicy } from './backoff';
import type { DeliveryOutcome, RandomSource } from './ports';
import type { ReferralRecord, TransientReason } from '../records/referralRecord';

/**
 * The delivery state machine as pure functions: (record, event, time) → record. The worker does
 * the I/O around them; tests can walk every transition without a store or a network.
 *
 *   queued ──lease──▶ queued (leased, attempts+1) ──accepted──▶ sent
 *                                                 ──rejected──▶ rejected
 *                                                 ──retryable, before deadline──▶ queued (next attempt later)
 *                                                 ──retryable, at/after deadline──▶ failed
 */

export interface DeliveryPolicy {
  readonly backoff: BackoffPolicy;
  /** How long the body is kept once the status is final. */
  readonly retentionMs: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** True when a worker may start an attempt now: queued, due, and not leased by a live worker. */
export function isDue(record: ReferralRecord, now: Date): boolean {
  if (record.status !== 'queued') return false;
  const t = now.getTime();
  if (record.nextAttemptAt !== undefined && Date.parse(record.nextAttemptAt) > t) return false;
  return record.lease === undefined || Date.parse(record.lease.until) <= t;
}

/** The record with this worker's lease, and the attempt counted. */
export function takeLease(
  record: ReferralRecord,
  owner: string,
  now: Date,
  leaseMs: number,
): ReferralRecord {
  return {
    ...record,
    attempts: record.attempts + 1,
    lease: { owner, until: iso(now.getTime() + leaseMs) },
    updatedAt: now.toISOString(),
  };
}

/** Drops the lease and the retry schedule: what every outcome does first. */
function released(record: ReferralRecord): Omit<ReferralRecord, 'lease' | 'nextAttemptAt'> {
  const { lease: _lease, nextAttemptAt: _next, ...rest } = record;
  return rest;
}

function finalised(
  record: ReferralRecord,
  now: Date,
  policy: DeliveryPolicy,
): Omit<ReferralRecord, 'lease' | 'nextAttemptAt' | 'status'> {
  return {
    ...released(record),
    updatedAt: now.toISOString(),
    statusChangedAt: now.toISOString(),
    purgeAfter: iso(now.getTime() + policy.retentionMs),
  };
}

/** The record after an attempt's outcome, taken at `now`. */
export function recordOutcome(
  record: ReferralRecord,
  outcome: DeliveryOutcome,
  now: Date,
  policy: DeliveryPolicy,
  random: RandomSource,
): ReferralRecord {
  switch (outcome.kind) {
    case 'accepted': {
      const { lastFailure: _failure, ...rest } = finalised(record, now, policy);
      return {
        ...rest,
        status: 'sent',
        sentAt: now.toISOString(),
        ...(outcome.reference === undefined ? {} : { reference: outcome.reference }),
      };
    }
    case 'rejected':
      return {
        ...finalised(record, now, policy),
        status: 'rejected',
        rejection: {
          httpStatus: outcome.httpStatus,
          reason: outcome.reason,
          fieldErrors: outcome.fieldErrors,
        },
      };
    case 'retryable':
      return afterTransientFailure(
        record,
        outcome.reason,
        outcome.httpStatus,
        outcome.retryAfterMs,
        now,
        policy,
        random,
      );
  }
}

/** A failed attempt: try again later, or give up once the deadline has passed. */
export function afterTransientFailure(
  record: ReferralRecord,
  reason: TransientReason,
  httpStatus: number | undefined,
  retryAfterMs: number | undefined,
  now: Date,
  policy: DeliveryPolicy,
  random: RandomSource,
): ReferralRecord {
  const lastFailure = {
    reason,
    ...(httpStatus === undefined ? {} : { httpStatus }),
    at: now.toISOString(),
  };
  const deadline = Date.parse(record.deadlineAt);
  if (now.getTime() >= deadline) {
    return { ...finalised(record, now, policy), status: 'failed', lastFailure };
  }
  const delay = retryDelayMs(record.attempts, random, policy.backoff, retryAfterMs);
  // The last try happens at the deadline itself rather than not at all.
  const next = Math.min(now.getTime() + delay, deadline);
  return {
    ...released(record),
    status: 'queued',
    updatedAt: now.toISOString(),
    nextAttemptAt: iso(next),
    lastFailure,
  };
}

/** A queued referral whose body is gone cannot be sent: fail it rather than retry forever. */
export function failUndeliverable(
  record: ReferralRecord,
  now: Date,
  policy: DeliveryPolicy,
): ReferralRecord {
  return {
    ...finalised(record, now, policy),
    status: 'failed',
    lastFailure: { reason: 'body-missing', at: now.toISOString() },
  };
}
