import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { canonicalJson, wireBody } from '../../../src/referrals/schema/wire';
import { validateReferral } from '../../../src/referrals/schema/validateReferral';
import { aReferralInput } from '../../support/referrals/referralBuilders';

/** The same data with object keys in reverse order, as a store might give it back. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((k) => [k, reversedKeys((value as Record<string, unknown>)[k])]),
  );
}

describe('wire body (canonical JSON)', function () {
  it('does not depend on key order, and parses back to the same data', function () {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        assert.equal(canonicalJson(reversedKeys(value)), text);
        assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('gives the same bytes for a referral however its keys come back from storage', function () {
    const result = validateReferral(aReferralInput(), { now: new Date('2025-03-03T09:00:00Z') });
    assert.ok(result.ok);
    const envelope = {
      referralId: '8f0c3f5e-1b7a-4c55-9a43-6f2d0f7d2a11',
      submittedAt: '2025-03-03T09:00:00.000Z',
    };
    const a = wireBody({ ...envelope, referral: result.referral });
    const b = wireBody({
      ...envelope,
      referral: reversedKeys(result.referral) as typeof result.referral,
    });
    assert.equal(a, b);
    assert.equal(
      (JSON.parse(a) as { referral: { restricted: unknown } }).referral.restricted,
      true,
    );
  });
});
