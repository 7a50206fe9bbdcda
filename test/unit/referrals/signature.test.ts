import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  signatureFor,
  timestampFor,
  verifyAnySignature,
  verifySignature,
} from '../../../src/partnership/signature';

const secret = 'test-secret-test-secret-test-secret-0001';
const now = new Date('2025-03-03T09:00:00Z');
const ts = timestampFor(now);

describe('request signature', function () {
  it('is sha256= and the hex HMAC-SHA256 of timestamp + "." + body', function () {
    const body = '{"referralId":"x"}';
    const expected = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
    assert.equal(signatureFor(secret, ts, body), `sha256=${expected}`);
    assert.equal(ts, '1740992400');
  });

  it('matches the test vector in the intake README', function () {
    assert.equal(
      signatureFor('test-secret-test-secret-test-secret-0001', '1740992400', '{"referralId":"x"}'),
      'sha256=d010110e1818ce39053d1b3fa33c9c90918dc7329857e35397afa13624fdf506',
    );
  });

  it('verifies what it signed, as a string or as the raw bytes', function () {
    const body = '{"a":"é ✓"}';
    const signature = signatureFor(secret, ts, body);
    assert.deepEqual(verifySignature({ secret, timestamp: ts, signature, body, now }), {
      ok: true,
    });
    assert.deepEqual(
      verifySignature({ secret, timestamp: ts, signature, body: Buffer.from(body), now }),
      { ok: true },
    );
  });

  it('refuses any change to the body, the timestamp or the secret', function () {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (body, extra) => {
        const signature = signatureFor(secret, ts, body);
        const tampered = verifySignature({
          secret,
          timestamp: ts,
          signature,
          body: body + extra,
          now,
        });
        assert.deepEqual(tampered, { ok: false, reason: 'mismatch' });
      }),
    );
    const signature = signatureFor(secret, ts, 'body');
    const later = String(Number(ts) + 1);
    assert.deepEqual(verifySignature({ secret, timestamp: later, signature, body: 'body', now }), {
      ok: false,
      reason: 'mismatch',
    });
    assert.deepEqual(
      verifySignature({ secret: `${secret}x`, timestamp: ts, signature, body: 'body', now }),
      {
        ok: false,
        reason: 'mismatch',
      },
    );
  });

  it('refuses a timestamp outside the window, either way', function () {
    const body = 'b';
    for (const offset of [-301, 301, -86_400]) {
      const stamp = String(Number(ts) + offset);
      const signature = signatureFor(secret, stamp, body);
      assert.deepEqual(verifySignature({ secret, timestamp: stamp, signature, body, now }), {
        ok: false,
        reason: 'stale',
      });
    }
    for (const offset of [-300, 300]) {
      const stamp = String(Number(ts) + offset);
      const signature = signatureFor(secret, stamp, body);
      assert.deepEqual(verifySignature({ secret, timestamp: stamp, signature, body, now }), {
        ok: true,
      });
    }
  });

  it('refuses missing and malformed headers without throwing', function () {
    const good = signatureFor(secret, ts, 'b');
    const cases: Array<[string | undefined, string | undefined, string]> = [
      [undefined, good, 'missing'],
      [ts, undefined, 'missing'],
      ['', good, 'missing'],
      ['12.5', good, 'malformed'],
      ['-1', good, 'malformed'],
      [ts, good.toUpperCase(), 'malformed'],
      [ts, good.replace('sha256=', 'sha1='), 'malformed'],
      [ts, `${good}00`, 'malformed'],
      [ts, good.slice(0, -2), 'malformed'],
    ];
    for (const [timestamp, signature, reason] of cases) {
      assert.deepEqual(verifySignature({ secret, timestamp, signature, body: 'b', now }), {
        ok: false,
        reason,
      });
    }
    fc.assert(
      fc.property(fc.option(fc.string()), fc.option(fc.string()), (timestamp, signature) => {
        const result = verifySignature({
          secret,
          timestamp: timestamp ?? undefined,
          signature: signature ?? undefined,
          body: 'b',
          now,
        });
        assert.equal(result.ok, false);
      }),
    );
  });
});

describe('request signature during a secret rotation', function () {
  const next = 'test-secret-test-secret-test-secret-0002';
  const other = 'test-secret-test-secret-test-secret-0003';
  const body = '{"referralId":"y"}';
  const check = (secrets: string[], signatures: (string | undefined)[]) =>
    verifyAnySignature({ secrets, signatures, timestamp: ts, body, now });

  it('accepts either header signed with any secret the receiver holds', function () {
    const current = signatureFor(secret, ts, body);
    const nextSig = signatureFor(next, ts, body);
    assert.deepEqual(
      check([secret], [current, nextSig]),
      { ok: true },
      'receiver not yet switched',
    );
    assert.deepEqual(check([next], [current, nextSig]), { ok: true }, 'receiver switched');
    assert.deepEqual(check([secret, next], [nextSig, undefined]), { ok: true }, 'holding both');
  });

  it('refuses when no signature matches any secret, or none is given', function () {
    const current = signatureFor(secret, ts, body);
    assert.deepEqual(check([other], [current, signatureFor(next, ts, body)]), {
      ok: false,
      reason: 'mismatch',
    });
    assert.deepEqual(check([secret], [undefined, undefined]), { ok: false, reason: 'missing' });
    assert.deepEqual(check([secret], ['sha256=xyz', 'nope']), { ok: false, reason: 'malformed' });
  });
});
