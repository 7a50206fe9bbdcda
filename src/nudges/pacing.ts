import type { Clock } from '../kernel/clock';

/** Waiting as a port: production waits for real, tests move a manual clock instead. */
export interface Sleeper {
  sleep(ms: number): Promise<void>;
}

export const realSleeper: Sleeper = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * A token bucket for one tenant's requests to Teams (sends and conversation creations alike).
 * Each `take` reserves the next token, so concurrent senders are served in order and evenly
 * spaced; `burst` tokens may be taken at once after an idle spell. The default burst is one:
 * Teams counts requests over a one-second window, so a full bucket's burst on top of a steady
 * rate would overrun it. A 429 pauses the whole bucket for its Retry-After (the limit is the
 * tenant's, not the recipient's).
 */
export class TokenBucket {
  private readonly intervalMs: number;
  private readonly maxInWindow: number;
  private nextAt = Number.NEGATIVE_INFINITY;
  /** When each of the last second's requests was let go, oldest first. */
  private readonly window: number[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly sleeper: Sleeper,
    ratePerSecond: number,
    private readonly burst = 1,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be positive');
    this.intervalMs = 1000 / ratePerSecond;
    this.maxInWindow = Math.max(1, Math.floor(ratePerSecond));
  }

  /** Resolves when the caller may make one request. */
  async take(): Promise<void> {
    const now = this.clock.now().getTime();
    const earliest = now - (this.burst - 1) * this.intervalMs;
    const at = Math.max(this.nextAt, earliest);
    this.nextAt = at + this.intervalMs;
    if (at > now) await this.sleeper.sleep(at - now);
    // Timers fire late under load, and late requests bunch: never let more than the rate go in
    // any one second, as Teams counts them.
    for (;;) {
      const t = this.clock.now().getTime();
      while (this.window.length > 0 && this.window[0]! <= t - 1000) this.window.shift();
      if (this.window.length < this.maxInWindow) {
        this.window.push(t);
        return;
      }
      await this.sleeper.sleep(this.window[0]! + 1000 - t + 1);
    }
  }

  /** No token before `untilMs` (epoch ms): what Teams asked for with 429 Retry-After. */
  pauseUntil(untilMs: number): void {
    this.nextAt = Math.max(this.nextAt, untilMs);
  }
}
