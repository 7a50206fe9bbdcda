import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  backoffCeilingMs,
  defaultBackoff,
  retryDelayMs,
  type BackoffPolicy,
} from '../../../src/referrals/delivery/backoff';
import { seededRandom } from '../../support/referrals/deliveryFakes';

const policy: BackoffPolicy = { baseDelayMs: 1_000, maxDelayMs: 60_000, minDelayMs: 1_000 };

describe('retry backoff (capped exponential, full jitter)', function () {
  it('doubles the ceiling per attempt up to the cap', function () {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffCeilingMs(n, policy));
    assert.deepEqual(ceilings, [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  });

  it('stays finite and capped for absurd attempt counts', function () {
    assert.equal(backoffCeilingMs(10_000, defaultBackoff), defaultBackoff.maxDelayMs);
    assert.equal(backoffCeilingMs(0, policy), 1_000);
  });

  it('spreads waits uniformly below the ceiling (full jitter)', function () {
    assert.equal(
      retryDelayMs(5, () => 0, policy),
      policy.minDelayMs,
    );
    assert.equal(
      retryDelayMs(5, () => 0.5, policy),
      8_000,
    );
    assert.equal(
      retryDelayMs(5, () => 0.999999, policy),
      15_999,
    );
  });

  it('is the same sequence for the same seed', function () {
    const run = (seed: number) => {
      const random = seededRandom(seed);
      return [1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(n, random, defaultBackoff));
    };
    assert.deepEqual(run(42), run(42));
    assert.notDeepEqual(run(42), run(43));
  });

  it('always waits between the minimum and the ceiling, for any attempt and random value', function () {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const delay = retryDelayMs(attempt, () => r, policy);
          assert.ok(delay >= policy.minDelayMs);
          assert.ok(delay <= Math.max(policy.minDelayMs, backoffCeilingMs(attempt, policy)));
          assert.ok(Number.isInteger(delay));
        },
      ),
    );
  });

  it('survives a broken random source (NaN, out of range) without leaving the bounds', function () {
    for (const r of [Number.NaN, -1, 2, Number.POSITIVE_INFINITY]) {
      const delay = retryDelayMs(3, () => r, policy);
      assert.ok(delay >= policy.minDelayMs && delay <= 4_000, `random ${r} gave ${delay}`);
    }
  });

  it('honours Retry-After, but never beyond the cap', function () {
    assert.equal(
      retryDelayMs(1, () => 0, policy, 30_000),
      30_000,
    );
    assert.equal(
      retryDelayMs(1, () => 0, policy, 10 * 60_000),
      60_000,
    );
    assert.equal(
      retryDelayMs(6, () => 0.99, policy, 500),
      Math.floor(0.99 * 32_000),
    );
  });

  it('over a seeded run, later attempts wait longer on average', function () {
    const random = seededRandom(7);
    const mean = (attempt: number) => {
      let total = 0;
      for (let i = 0; i < 500; i += 1) total += retryDelayMs(attempt, random, policy);
      return total / 500;
    };
    assert.ok(mean(2) < mean(4));
    assert.ok(mean(4) < mean(6));
  });
});
