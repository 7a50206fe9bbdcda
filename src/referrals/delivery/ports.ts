import type { ReferralStatus, ReferralSummary, TransientReason } from '../records/referralRecord';
import type { FieldErrors } from '../schema/validateReferral';

/** One delivery attempt: the same id (Idempotency-Key) and the same bytes on every retry. */
export interface DeliveryRequest {
  readonly referralId: string;
  /** The canonical JSON body (see wire.ts). */
  readonly body: string;
}

/**
 * What the partnership made of an attempt. `retryable` covers everything that may succeed later:
 * 5xx, 408/429, timeouts, refused or dropped connections, and 401/403 (our signature refused:
 * a configuration fault that retrying after a fix can recover from, not something the referrer
 * can correct).
 */
export type DeliveryOutcome =
  | { readonly kind: 'accepted'; readonly httpStatus: number; readonly reference?: string }
  | {
      readonly kind: 'rejected';
      readonly httpStatus: number;
      readonly reason: string;
      readonly fieldErrors: FieldErrors;
    }
  | {
      readonly kind: 'retryable';
      readonly reason: TransientReason;
      readonly httpStatus?: number;
      /** From a Retry-After header: wait at least this long. */
      readonly retryAfterMs?: number;
      /** Transport error code (ECONNREFUSED, ...), safe to log. */
      readonly code?: string;
    };

/** Sends a referral to the partnership. Implementations never throw: every failure is an outcome. */
export interface PartnershipClient {
  deliver(request: DeliveryRequest): Promise<DeliveryOutcome>;
}

export interface ReferralStatusChange {
  readonly previousStatus: ReferralStatus;
  readonly referral: ReferralSummary;
}

/**
 * Told when a referral's status changes (queued → sent / rejected / failed), after the change is
 * stored, so the bot can update the receipt card in place and tell the referrer. At least once:
 * after a crash or a failure the same change is told again, so the listener must be idempotent.
 * It rejects when the referrer could not be told (e.g. Teams answered 429/5xx): the worker keeps a
 * notify entry and tries again later with backoff. Each call is bounded by a timeout: delivery
 * never waits long on Teams.
 */
export interface ReferralStatusListener {
  onStatusChanged(change: ReferralStatusChange): Promise<void> | void;
}

/** A number in [0, 1): Math.random in production, a seeded generator in tests. */
export type RandomSource = () => number;
