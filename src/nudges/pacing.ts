import type { Clock } from '../kernel/clock';

/** Waiting as a port: production waits for real, tests move a manual clock instead. */
export interface Sleeper {
  sleep(ms: number): Promise<void>;
}

export const realSleeper: Sleeper = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** One request let go by the limiter: say when its answer came back (or that none will). */
export interface Slot {
  /** The answer arrived (success or refusal alike): the slot frees one window after now. */
  answered(): void;
}

/**
 * One tenant's requests to Teams (sends and conversation creations alike), matched to how Teams
 * counts them: at most `limit` in any sliding window of `windowMs`.
 *
 * A slot is held from the moment a request is let go until one window after its answer came
 * back. Teams counted the request at some instant in between (it cannot count it before it left
 * nor after it answered), so no window of Teams' can ever hold more than `limit` of ours, however
 * late timers fire or answers bunch: 429s come only from someone else using the tenant's budget.
 * The price is the round trip: each slot is held `windowMs` plus the request's latency, so the
 * rate is `limit / (windowMs + latency)` (about 99% of the limit at 10 ms, 91% at 100 ms), and
 * nothing is lost to timer granularity: a request goes the moment a slot frees, and slots free
 * on their own clock, not on a fixed spacing that a late timer pushes back for good (a token
 * bucket of burst one loses every millisecond a timer is late; that cost the old pacer ~13%).
 *
 * A 429 pauses the whole tenant for exactly its Retry-After (the limit is the tenant's).
 */
export class SlidingWindowLimiter {
  /** When each held slot frees (epoch ms); Infinity while its request is in flight. */
  private readonly held: number[] = [];
  private pausedUntil = Number.NEGATIVE_INFINITY;
  /** Whether the next grant starts a spell (the first, or the first after a pause). */
  private fresh = true;
  /** Callers waiting for a slot, in order of arrival (first come, first served). */
  private readonly queue: Array<() => void> = [];
  private pumping = false;

  constructor(
    private readonly clock: Clock,
    private readonly sleeper: Sleeper,
    private readonly limit: number,
    private readonly windowMs = 1000,
  ) {
    if (!(limit >= 1) || !Number.isInteger(limit)) throw new RangeError('limit must be a count');
    if (!(windowMs > 0)) throw new RangeError('windowMs must be positive');
  }

  /** Resolves with a slot when the caller may make one request. */
  take(): Promise<Slot> {
    return new Promise<Slot>((resolve) => {
      this.queue.push(() => resolve(this.grant()));
      void this.pump();
    });
  }

  /** No request before `untilMs` (epoch ms): what Teams asked for with 429 Retry-After. */
  pauseUntil(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
    this.fresh = true;
  }

  /** Slots held now (in flight, or answered less than a window ago). */
  inUse(): number {
    this.expire(this.clock.now().getTime());
    return this.held.length;
  }

  private grant(): Slot {
    this.held.push(Number.POSITIVE_INFINITY);
    let done = false;
    return {
      answered: () => {
        if (done) return;
        done = true;
        // Slots in flight are alike: free any one of them a window from now.
        const i = this.held.indexOf(Number.POSITIVE_INFINITY);
        if (i >= 0) this.held[i] = this.clock.now().getTime() + this.windowMs;
        void this.pump();
      },
    };
  }

  /**
   * A spell starts paced, not with a burst of the whole window: the free slots are filled with
   * placeholders freeing evenly over the next window. So an instance taking over from one that
   * just stopped (whose last second Teams still counts) and a tenant resuming after a 429 do not
   * overrun, and requests stay evenly spread after (a burst would repeat every window).
   */
  private rampFrom(now: number): void {
    this.fresh = false;
    const free = this.limit - this.held.length;
    for (let i = 1; i <= free; i += 1) this.held.push(now + (i * this.windowMs) / this.limit);
  }

  private expire(now: number): void {
    for (let i = this.held.length - 1; i >= 0; i -= 1) {
      if (this.held[i]! <= now) this.held.splice(i, 1);
    }
  }

  /** Lets waiting callers go as slots free; one pump at a time. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const now = this.clock.now().getTime();
        if (this.pausedUntil > now) {
          await this.sleeper.sleep(this.pausedUntil - now);
          continue;
        }
        this.expire(now);
        if (this.fresh) this.rampFrom(now);
        if (this.held.length < this.limit) {
          this.queue.shift()!();
          continue;
        }
        const next = Math.min(...this.held);
        // All in flight: an answer wakes the pump (answered() calls it); nothing to wait for here.
        if (next === Number.POSITIVE_INFINITY) return;
        await this.sleeper.sleep(Math.max(1, next - now));
      }
    } finally {
      this.pumping = false;
    }
  }
}
