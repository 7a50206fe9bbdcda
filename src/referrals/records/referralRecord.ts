import type { Referral } from '../schema/referral';
import type { FieldErrors } from '../schema/validateReferral';

/**
 * Where a referral is on its way to the partnership. `queued` covers every attempt still to come
 * (first try and retries); the other three are final.
 */
export type ReferralStatus = 'queued' | 'sent' | 'rejected' | 'failed';

export const finalStatuses: ReadonlySet<ReferralStatus> = new Set(['sent', 'rejected', 'failed']);

export const isFinal = (status: ReferralStatus): boolean => finalStatuses.has(status);

/** Why the last attempt did not get through; our own words, safe to log. */
export type TransientReason =
  | 'timeout'
  | 'connection'
  | 'server-error'
  | 'throttled'
  | 'unauthorised'
  /** A 4xx the contract does not use (404, 405, 413, ...): a wrong URL or a proxy, not the referral. */
  | 'endpoint-refused'
  | 'unexpected-response';

/** Why a referral is or was not through: the transient reasons, or a body found missing. */
export type FailureReason = TransientReason | 'body-missing';

export interface Lease {
  /** The worker instance holding it. */
  readonly owner: string;
  /** ISO time after which another worker may take over. */
  readonly until: string;
}

export interface Rejection {
  readonly httpStatus: number;
  /** The partnership's own words: shown to the referrer, never logged. */
  readonly reason: string;
  readonly fieldErrors: FieldErrors;
}

/**
 * One referral in the `referrals` container (partition = tenant id, id = referral id). The only
 * state of delivery: a worker that restarts knows everything from this and the outbox.
 * Times are ISO strings (what survives JSON). After the retention period the purge step removes
 * `body` and `rejection`; what remains is the audit record.
 */
export interface ReferralRecord {
  readonly schemaVersion: 1;
  readonly id: string;
  readonly tenantId: string;
  /** The referrer's Entra object id (from Teams), so the bot can tell them what happened. */
  readonly referrerId: string;
  readonly status: ReferralStatus;
  readonly submittedAt: string;
  readonly updatedAt: string;
  readonly statusChangedAt: string;
  /** After this, a failed attempt makes the referral `failed`. */
  readonly deadlineAt: string;
  /** Attempts started (counted when the lease is taken, so a crash mid-send still counts). */
  readonly attempts: number;
  /** While queued: the earliest time of the next attempt. */
  readonly nextAttemptAt?: string;
  readonly lease?: Lease;
  readonly lastFailure?: {
    readonly reason: FailureReason;
    readonly httpStatus?: number;
    readonly at: string;
  };
  /** When sent: the partnership's reference (absent if their answer carried none). */
  readonly reference?: string;
  readonly sentAt?: string;
  readonly rejection?: Rejection;
  /** Set when the status becomes final: from then the body is kept only until this time. */
  readonly purgeAfter?: string;
  readonly bodyPurgedAt?: string;
  /** SHA-256 (hex) of the exact JSON body sent to the partnership. */
  readonly bodySha256: string;
  readonly body?: Referral;
}

/** What the bot needs to show or update a receipt card: no personal data. */
export interface ReferralSummary {
  readonly referralId: string;
  readonly tenantId: string;
  readonly referrerId: string;
  readonly status: ReferralStatus;
  readonly submittedAt: string;
  readonly statusChangedAt: string;
  readonly attempts: number;
  readonly reference?: string;
  /** When rejected (until purged): what the partnership asked to be corrected. */
  readonly rejection?: Rejection;
}

export function toSummary(record: ReferralRecord): ReferralSummary {
  return {
    referralId: record.id,
    tenantId: record.tenantId,
    referrerId: record.referrerId,
    status: record.status,
    submittedAt: record.submittedAt,
    statusChangedAt: record.statusChangedAt,
    attempts: record.attempts,
    ...(record.reference === undefined ? {} : { reference: record.reference }),
    ...(record.rejection === undefined ? {} : { rejection: record.rejection }),
  };
}

/** The record once its retention has run out: who, when, what happened, and a fingerprint. */
export function toAuditRecord(record: ReferralRecord, purgedAt: string): ReferralRecord {
  // Rebuilt field by field rather than by deleting, so nothing added later slips through.
  return {
    schemaVersion: record.schemaVersion,
    id: record.id,
    tenantId: record.tenantId,
    referrerId: record.referrerId,
    status: record.status,
    submittedAt: record.submittedAt,
    updatedAt: purgedAt,
    statusChangedAt: record.statusChangedAt,
    deadlineAt: record.deadlineAt,
    attempts: record.attempts,
    ...(record.reference === undefined ? {} : { reference: record.reference }),
    ...(record.sentAt === undefined ? {} : { sentAt: record.sentAt }),
    ...(record.purgeAfter === undefined ? {} : { purgeAfter: record.purgeAfter }),
    bodyPurgedAt: purgedAt,
    bodySha256: record.bodySha256,
  };
}
