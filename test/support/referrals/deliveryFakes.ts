import type { Clock } from '../../../src/kernel/clock';
import type {
  DeliveryOutcome,
  DeliveryRequest,
  PartnershipClient,
  RandomSource,
  ReferralStatusChange,
  ReferralStatusListener,
} from '../../../src/referrals/delivery/ports';

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  private ms: number;

  constructor(start: Date | string = '2025-03-03T09:00:00.000Z') {
    this.ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  set(time: Date | string): void {
    this.ms = new Date(time).getTime();
  }
}

/** mulberry32: a small seeded generator, so jitter is the same on every run. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A partnership that answers from a script, one outcome per attempt (the last one repeats), and
 * remembers every request. The fake for the PartnershipClient port in unit tests.
 */
export class ScriptedPartnership implements PartnershipClient {
  readonly requests: DeliveryRequest[] = [];
  private readonly script: DeliveryOutcome[];
  /** While set, deliver() waits for it before answering (to hold an attempt in flight). */
  gate: Promise<void> | undefined;

  constructor(...script: DeliveryOutcome[]) {
    this.script = script.length > 0 ? script : [accepted('DPP-TEST0001')];
  }

  async deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
    this.requests.push(request);
    if (this.gate) await this.gate;
    const next = this.script.length > 1 ? this.script.shift() : this.script[0];
    if (!next) throw new Error('empty script');
    return next;
  }
}

export const accepted = (reference?: string): DeliveryOutcome => ({
  kind: 'accepted',
  httpStatus: 201,
  ...(reference === undefined ? {} : { reference }),
});

export const serverError = (httpStatus = 503): DeliveryOutcome => ({
  kind: 'retryable',
  reason: 'server-error',
  httpStatus,
});

export const refused = (): DeliveryOutcome => ({
  kind: 'retryable',
  reason: 'connection',
  code: 'ECONNREFUSED',
});

export const rejected = (fieldErrors: Record<string, string> = {}): DeliveryOutcome => ({
  kind: 'rejected',
  httpStatus: 400,
  reason: 'Some fields need correcting.',
  fieldErrors,
});

/** Keeps every status change it is told about. */
export class RecordingListener implements ReferralStatusListener {
  readonly changes: ReferralStatusChange[] = [];
  private waiters: Array<{
    test: (c: ReferralStatusChange) => boolean;
    resolve: (c: ReferralStatusChange) => void;
  }> = [];

  onStatusChanged(change: ReferralStatusChange): void {
    this.changes.push(change);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(change)) return true;
      w.resolve(change);
      return false;
    });
  }

  /** Resolves with the first change (past or future) that passes `test`. */
  next(test: (c: ReferralStatusChange) => boolean): Promise<ReferralStatusChange> {
    const seen = this.changes.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }
}

/** A promise with its resolve function outside, to hold something until a test lets it go. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
