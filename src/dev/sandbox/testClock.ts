import type { Clock } from '../../kernel/clock';

/**
 * The sandbox's clock: the real time plus an offset that only moves forward, so a developer (or an
 * end-to-end test) can make a scheduled refresher's time arrive without waiting for it. Time keeps
 * flowing from wherever it was moved to.
 */
export class TestClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly real: Clock) {}

  now(): Date {
    return new Date(this.real.now().getTime() + this.offsetMs);
  }

  /** Moves the clock forward by `ms`. */
  advance(ms: number): void {
    if (ms > 0) this.offsetMs += ms;
  }

  /** Moves the clock forward to `instant`; an instant already passed leaves it as it is. */
  moveTo(instant: Date): void {
    this.advance(instant.getTime() - this.now().getTime());
  }
}
