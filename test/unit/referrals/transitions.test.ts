import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { backoffCeilingMs, defaultBackoff } from '../../../src/referrals/delivery/backoff';
import type { DeliveryOutcome } from '../../../src/referrals/delivery/ports';
import type { ReferralRecord } from '../../../src/referrals/records/referralRecord';
import {
  isDue,
  recordOutcome,
  takeLease,
  type DeliveryPolicy,
} from '../../../src/referrals/delivery/transitions';
import {
  accepted,
  rejected,
  seededRandom,
  serverError,
} from '../../support/referrals/deliveryFakes';

const policy: DeliveryPolicy = { backoff: defaultBackoff, retentionMs: 30 * 24 * 3_600_000 };
const t0 = new Date('2025-03-03T09:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

function aQueuedRecord(overrides: Partial<ReferralRecord> = {}): ReferralRecord {
  return {
    schemaVersion: 1,
    id: '8f0c3f5e-1b7a-4c55-9a43-6f2d0f7d2a11',
    tenantId: 'tenant',
    referrerId: 'referrer',
    status: 'queued',
    submittedAt: t0.toISOString(),
    updatedAt: t0.toISOString(),
    statusChangedAt: t0.toISOString(),
    deadlineAt: at(24 * 3_600_000).toISOString(),
    attempts: 0,
    nextAttemptAt: t0.toISOString(),
    bodySha256: 'ab'.repeat(32),
    ...overrides,
  };
}

describe('delivery state machine', function () {
  it('is due when queued, its time has come, and no live lease is held', function () {
    const record = aQueuedRecord();
    assert.equal(isDue(record, t0), true);
    assert.equal(isDue(aQueuedRecord({ nextAttemptAt: at(1).toISOString() }), t0), false);
    const leased = takeLease(record, 'w1', t0, 60_000);
    assert.equal(isDue(leased, at(59_999)), false);
    assert.equal(isDue(leased, at(60_000)), true, 'an expired lease can be taken over');
    for (const status of ['sent', 'rejected', 'failed'] as const) {
      assert.equal(isDue(aQueuedRecord({ status }), at(1e9)), false);
    }
  });

  it('counts the attempt when the lease is taken (a crash mid-send still counts)', function () {
    const leased = takeLease(aQueuedRecord(), 'w1', t0, 60_000);
    assert.equal(leased.attempts, 1);
    assert.deepEqual(leased.lease, { owner: 'w1', until: at(60_000).toISOString() });
  });

  it('accepted → sent, with the reference, the lease released and the purge time set', function () {
    const leased = takeLease(aQueuedRecord(), 'w1', t0, 60_000);
    const next = recordOutcome(leased, accepted('DPP-1'), at(500), policy, () => 0.5);
    assert.equal(next.status, 'sent');
    assert.equal(next.reference, 'DPP-1');
    assert.equal(next.sentAt, at(500).toISOString());
    assert.equal(next.statusChangedAt, at(500).toISOString());
    assert.equal(next.purgeAfter, at(500 + policy.retentionMs).toISOString());
    assert.equal(next.lease, undefined);
    assert.equal(next.nextAttemptAt, undefined);
  });

  it('rejected → rejected, keeping the reason and field errors for the referrer', function () {
    const leased = takeLease(aQueuedRecord(), 'w1', t0, 60_000);
    const next = recordOutcome(
      leased,
      rejected({ 'father.phone': 'Not a number we can call.' }),
      at(1),
      policy,
      () => 0,
    );
    assert.equal(next.status, 'rejected');
    assert.deepEqual(next.rejection, {
      httpStatus: 400,
      reason: 'Some fields need correcting.',
      fieldErrors: { 'father.phone': 'Not a number we can call.' },
    });
    assert.ok(next.purgeAfter);
  });

  it('retryable before the deadline → still queued, next attempt within the backoff window', function () {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (previous, seed) => {
          const leased = takeLease(aQueuedRecord({ attempts: previous }), 'w1', t0, 60_000);
          const now = at(1_000);
          const next = recordOutcome(leased, serverError(), now, policy, seededRandom(seed));
          assert.equal(next.status, 'queued');
          assert.equal(next.lease, undefined);
          assert.deepEqual(next.lastFailure, {
            reason: 'server-error',
            httpStatus: 503,
            at: now.toISOString(),
          });
          const wait = Date.parse(next.nextAttemptAt ?? '') - now.getTime();
          assert.ok(wait >= defaultBackoff.minDelayMs);
          assert.ok(
            wait <=
              Math.max(
                defaultBackoff.minDelayMs,
                backoffCeilingMs(leased.attempts, defaultBackoff),
              ),
          );
        },
      ),
    );
  });

  it('never schedules past the deadline: the last try is at the deadline itself', function () {
    const deadline = at(10_000);
    const leased = takeLease(
      aQueuedRecord({ attempts: 20, deadlineAt: deadline.toISOString() }),
      'w',
      at(9_000),
      60_000,
    );
    const next = recordOutcome(leased, serverError(), at(9_500), policy, () => 0.99);
    assert.equal(next.status, 'queued');
    assert.equal(next.nextAttemptAt, deadline.toISOString());
  });

  it('retryable at or after the deadline → failed, with the last failure kept', function () {
    const deadline = at(10_000);
    for (const when of [10_000, 10_001, 86_400_000]) {
      const leased = takeLease(
        aQueuedRecord({ deadlineAt: deadline.toISOString() }),
        'w',
        at(when),
        60_000,
      );
      const outcome: DeliveryOutcome = {
        kind: 'retryable',
        reason: 'connection',
        code: 'ECONNREFUSED',
      };
      const next = recordOutcome(leased, outcome, at(when), policy, () => 0);
      assert.equal(next.status, 'failed');
      assert.equal(next.lastFailure?.reason, 'connection');
      assert.equal(next.nextAttemptAt, undefined);
      assert.ok(next.purgeAfter);
    }
  });

  it('follows Retry-After when the partnership asks for longer', function () {
    const leased = takeLease(aQueuedRecord(), 'w', t0, 60_000);
    const outcome: DeliveryOutcome = {
      kind: 'retryable',
      reason: 'throttled',
      httpStatus: 429,
      retryAfterMs: 120_000,
    };
    const next = recordOutcome(leased, outcome, t0, policy, () => 0);
    assert.equal(next.nextAttemptAt, at(120_000).toISOString());
  });
});
