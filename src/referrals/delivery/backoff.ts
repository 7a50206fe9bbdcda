import type { RandomSource } from './ports';

/** Capped exponential backoff with full jitter (a uniformly random wait up to the cap). */
export interface BackoffPolicy {
  /** The ceiling of the first retry's wait; it doubles with each attempt. */
  readonly baseDelayMs: number;
  /** The ceiling never grows past this. */
  readonly maxDelayMs: number;
  /**
   * The wait is never shorter than this. At least a second keeps two attempts from sharing a
   * signature timestamp (seconds), which a receiver would take for a replay.
   */
  readonly minDelayMs: number;
}

export const defaultBackoff: BackoffPolicy = {
  baseDelayMs: 10_000,
  maxDelayMs: 30 * 60_000,
  minDelayMs: 1_000,
};

/** The ceiling of the wait after `attempt` failed attempts (1 = after the first). */
export function backoffCeilingMs(attempt: number, policy: BackoffPolicy): number {
  // 2^30 × any sane base is far past any cap; clamping the exponent keeps the sum finite.
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
}

/**
 * How long to wait after `attempt` failed attempts: uniform in [0, ceiling), raised to the minimum
 * and to any Retry-After the partnership asked for (itself capped at the policy's maximum).
 */
export function retryDelayMs(
  attempt: number,
  random: RandomSource,
  policy: BackoffPolicy,
  retryAfterMs?: number,
): number {
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  const jittered = Math.floor(unit * backoffCeilingMs(attempt, policy));
  const asked =
    retryAfterMs === undefined ? 0 : Math.min(Math.max(retryAfterMs, 0), policy.maxDelayMs);
  return Math.max(policy.minDelayMs, jittered, asked);
}
