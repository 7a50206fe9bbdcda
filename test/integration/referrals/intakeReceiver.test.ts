import { strict as assert } from 'node:assert';
import { start, type PartnershipIntake } from '../../../src/dev/partnershipIntake/intakeServer';
import { signatureFor, timestampFor } from '../../../src/partnership/signature';
import { validateReferral } from '../../../src/referrals/schema/validateReferral';
import { wireBody } from '../../../src/referrals/schema/wire';
import { aReferralInput, withField } from '../../support/referrals/referralBuilders';

const secret = 'intake-test-secret-intake-test-secret-01';
const referralId = '8f0c3f5e-1b7a-4c55-9a43-6f2d0f7d2a11';

function aBody(id = referralId, input: unknown = aReferralInput()): string {
  const result = validateReferral(input);
  if (!result.ok)
    return JSON.stringify({
      referralId: id,
      submittedAt: new Date().toISOString(),
      referral: input,
    });
  return wireBody({
    referralId: id,
    submittedAt: new Date().toISOString(),
    referral: result.referral,
  });
}

interface PostOptions {
  readonly key?: string | null;
  readonly timestamp?: string | null;
  readonly signature?: string | null;
  readonly signedBody?: string;
  readonly contentType?: string;
  readonly secret?: string;
}

/** A raw POST, signed like the bot signs unless told otherwise. */
async function post(intake: PartnershipIntake, body: string, options: PostOptions = {}) {
  const timestamp = options.timestamp === undefined ? timestampFor(new Date()) : options.timestamp;
  const signature =
    options.signature === undefined
      ? signatureFor(options.secret ?? secret, timestamp ?? '', options.signedBody ?? body)
      : options.signature;
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/json',
  };
  const key = options.key === undefined ? referralId : options.key;
  if (key !== null) headers['idempotency-key'] = key;
  if (timestamp !== null) headers['x-dare-timestamp'] = timestamp;
  if (signature !== null) headers['x-dare-signature'] = signature;
  const response = await fetch(intake.referralUrl, { method: 'POST', body, headers });
  const text = await response.text();
  return {
    status: response.status,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

describe('partnership intake receiver (real HTTP)', function () {
  let intake: PartnershipIntake;

  beforeEach(async function () {
    intake = await start({ secret, port: 0 });
  });

  afterEach(async function () {
    await intake.stop();
  });

  it('binds to loopback on a free port', function () {
    assert.match(intake.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(intake.port > 0);
  });

  it('stores a signed, valid referral once and answers 201 with a reference', async function () {
    const body = aBody();
    const answer = await post(intake, body);
    assert.equal(answer.status, 201);
    assert.match(String(answer.json.reference), /^DPP-[A-Z2-9]{8}$/);
    const [stored] = intake.received();
    assert.equal(intake.received().length, 1);
    assert.equal(stored?.idempotencyKey, referralId);
    assert.equal(stored?.body, body);
    assert.equal(stored?.referral.father.name, 'Sam Testperson');
  });

  it('answers a duplicate key with the original reference (200) and stores nothing twice', async function () {
    const body = aBody();
    const first = await post(intake, body);
    const again = await post(intake, body, {
      timestamp: String(Number(timestampFor(new Date())) + 1),
    });
    assert.equal(again.status, 200);
    assert.equal(again.json.reference, first.json.reference);
    assert.equal(again.json.duplicate, true);
    assert.equal(intake.received().length, 1);
  });

  it('answers 409 when a known key comes with a different body', async function () {
    await post(intake, aBody());
    const other = aBody(referralId, withField(aReferralInput(), 'notes.doNot', 'Do not visit.'));
    const answer = await post(intake, other, {
      timestamp: String(Number(timestampFor(new Date())) + 1),
    });
    assert.equal(answer.status, 409);
    assert.equal(intake.received().length, 1);
  });

  describe('401: who sent it', function () {
    it('refuses a tampered body', async function () {
      const signed = aBody();
      const tampered = signed.replace('Sam Testperson', 'Someone Else');
      assert.notEqual(tampered, signed);
      const answer = await post(intake, tampered, { signedBody: signed });
      assert.equal(answer.status, 401);
      assert.equal(answer.json.error, 'unauthorised');
      assert.equal(intake.received().length, 0);
    });

    it('refuses the wrong secret, a missing signature, a missing timestamp', async function () {
      assert.equal((await post(intake, aBody(), { secret: `${secret}-wrong` })).status, 401);
      assert.equal((await post(intake, aBody(), { signature: null })).status, 401);
      assert.equal((await post(intake, aBody(), { timestamp: null })).status, 401);
      assert.equal((await post(intake, aBody(), { signature: 'sha256=zz' })).status, 401);
      assert.equal(intake.received().length, 0);
    });

    it('refuses a timestamp outside the ±5 minute window', async function () {
      const old = String(Number(timestampFor(new Date())) - 301);
      const future = String(Number(timestampFor(new Date())) + 301);
      assert.equal((await post(intake, aBody(), { timestamp: old })).status, 401);
      assert.equal((await post(intake, aBody(), { timestamp: future })).status, 401);
    });

    it('refuses a replay of the very same signed request', async function () {
      const body = aBody();
      const timestamp = timestampFor(new Date());
      const signature = signatureFor(secret, timestamp, body);
      assert.equal((await post(intake, body, { timestamp, signature })).status, 201);
      const replay = await post(intake, body, { timestamp, signature });
      assert.equal(replay.status, 401);
      assert.match(String(replay.json.message), /replayed/);
    });
  });

  describe('400: what was sent', function () {
    it('answers field errors for an invalid referral, keyed by path inside `referral`', async function () {
      const body = aBody(referralId, withField(aReferralInput(), 'father.phone', '${phone}'));
      const answer = await post(intake, body);
      assert.equal(answer.status, 400);
      assert.equal(answer.json.error, 'invalid_referral');
      assert.deepEqual(Object.keys(answer.json.fields as object), ['father.phone']);
      assert.equal(intake.received().length, 0);
    });

    it('refuses a missing or malformed Idempotency-Key, a key that differs from the body, and non-JSON', async function () {
      assert.equal((await post(intake, aBody(), { key: null })).status, 400);
      assert.equal((await post(intake, aBody(), { key: 'not-a-uuid' })).status, 400);
      const mismatch = await post(intake, aBody(), { key: '0b7d3c84-3f0e-4a61-9f0c-2a5e1f6b9d10' });
      assert.equal(mismatch.status, 400);
      assert.deepEqual(Object.keys(mismatch.json.fields as object), ['referralId']);
      assert.equal((await post(intake, '{not json', {})).status, 400);
      assert.equal((await post(intake, aBody(), { contentType: 'text/plain' })).status, 400);
      assert.equal(intake.received().length, 0);
    });

    it('answers 413 for a body over the limit', async function () {
      const answer = await post(intake, `{"x":"${'a'.repeat(1_100_000)}"}`);
      assert.equal(answer.status, 413);
      assert.equal(answer.json.error, 'too_large');
      assert.deepEqual(
        intake.requests().map((r) => [r.httpStatus, r.outcome]),
        [[413, 'too-large']],
      );
    });
  });

  it('fails on purpose when told: failNext answers the status and stores nothing', async function () {
    intake.failNext(2, 500);
    assert.equal((await post(intake, aBody())).status, 500);
    assert.equal(
      (await post(intake, aBody(), { timestamp: String(Number(timestampFor(new Date())) + 1) }))
        .status,
      500,
    );
    assert.equal(
      (await post(intake, aBody(), { timestamp: String(Number(timestampFor(new Date())) + 2) }))
        .status,
      201,
    );
    assert.deepEqual(
      intake.requests().map((r) => r.outcome),
      ['fault', 'fault', 'stored'],
    );
  });

  it('lists what it received on a local page: references and ids, escaped, no names', async function () {
    await post(intake, aBody());
    const response = await fetch(intake.url);
    const html = await response.text();
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.ok(html.includes(referralId));
    assert.ok(html.includes(String(intake.received()[0]?.reference)));
    for (const personal of [
      'Sam Testperson',
      '07700 900 123',
      'ZZ1 1ZZ',
      'Alex Example',
      'Checks her phone',
    ]) {
      assert.ok(!html.includes(personal), `page shows "${personal}"`);
    }
  });

  it('answers 404 elsewhere', async function () {
    const response = await fetch(`${intake.url}/admin`);
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), {
      error: 'not_found',
      message: 'POST /referrals or GET /.',
    });
    assert.deepEqual(
      intake.requests().map((r) => r.outcome),
      ['not-found'],
    );
  });
});
