import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** Give up after this long (ms). */
  readonly timeoutMs: number;
  /** Pause between attempts (ms). */
  readonly intervalMs?: number;
  /** Stop waiting early, e.g. when the process that should answer has exited. */
  readonly signal?: AbortSignal;
}

/**
 * Polls `url` with GET until it answers 2xx, so a part counts as started only when it can serve,
 * not merely when its process is up. Each attempt is bounded too: a hung socket cannot stall it.
 */
export async function waitForUrl(url: string, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 200;
  let last = 'no answer';
  while (Date.now() < deadline) {
    options.signal?.throwIfAborted();
    try {
      const attemptMs = Math.max(1, Math.min(5_000, deadline - Date.now()));
      const res = await fetch(url, { signal: AbortSignal.timeout(attemptMs) });
      await res.body?.cancel();
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    }
    await sleep(interval);
  }
  throw new Error(`${url} was not ready after ${options.timeoutMs} ms (last: ${last}).`);
}
