import { performance } from 'node:perf_hooks';
import { withTimeout } from '../kernel/timeout';

export interface ReadinessOptions {
  /** Resolves when storage accepted a small write; rejects otherwise. */
  readonly probe: () => Promise<void>;
  /** Monotonic milliseconds, for the cache; performance.now by default. */
  readonly nowMs?: () => number;
  /** How long an answer is reused. Default 3 s: a load balancer polling every second costs one
   * write per three seconds per instance. */
  readonly cacheMs?: number;
  /** Longest wait for the probe before answering "not ready". Default 1.5 s (under the 2 s
   * readiness budget, however storage behaves). */
  readonly timeoutMs?: number;
}

export type ReadinessAnswer =
  | { readonly ready: true }
  | { readonly ready: false; readonly reason: 'storage-failed' | 'storage-slow' };

/**
 * /readyz's check: a cheap write, its answer cached for a few seconds, and never more than one
 * probe in flight (a hung store gets one waiting probe, not one per poll). Never rejects.
 */
export function createReadinessCheck(options: ReadinessOptions): () => Promise<ReadinessAnswer> {
  const cacheMs = options.cacheMs ?? 3_000;
  const timeoutMs = options.timeoutMs ?? 1_500;
  const nowMs = options.nowMs ?? (() => performance.now());
  let cached: { answer: ReadinessAnswer; atMs: number } | undefined;
  let inFlight: Promise<ReadinessAnswer> | undefined;

  const runProbe = (): Promise<ReadinessAnswer> => {
    inFlight ??= options
      .probe()
      .then(
        (): ReadinessAnswer => ({ ready: true }),
        (): ReadinessAnswer => ({ ready: false, reason: 'storage-failed' }),
      )
      .then((answer) => {
        cached = { answer, atMs: nowMs() };
        inFlight = undefined;
        return answer;
      });
    return inFlight;
  };

  return async () => {
    const now = nowMs();
    if (cached && now - cached.atMs < cacheMs) return cached.answer;
    try {
      return await withTimeout(runProbe(), timeoutMs);
    } catch {
      return { ready: false, reason: 'storage-slow' };
    }
  };
}
