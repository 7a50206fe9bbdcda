import { strict as assert } from 'node:assert';
import {
  createHttpPartnershipClient,
  retryAfterMs,
} from '../../../src/partnership/httpPartnershipClient';
import { verifySignature } from '../../../src/partnership/signature';
import { ManualClock } from '../../support/referrals/deliveryFakes';

const secret = 'unit-test-secret-unit-test-secret-0001';
const referralId = '8f0c3f5e-1b7a-4c55-9a43-6f2d0f7d2a11';
const body = '{"referralId":"8f0c3f5e-1b7a-4c55-9a43-6f2d0f7d2a11"}';

interface Sent {
  readonly url: string;
  readonly init: RequestInit;
}

/** A fetch at the HTTP boundary that answers from a function and records what went out. */
function fakeFetch(answer: () => Response | Promise<Response>): {
  fetch: typeof fetch;
  sent: Sent[];
} {
  const sent: Sent[] = [];
  const fn = async (input: string | URL | Request, init?: RequestInit) => {
    sent.push({ url: input instanceof Request ? input.url : input.toString(), init: init ?? {} });
    return answer();
  };
  return { fetch: fn, sent };
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

function clientWith(answer: () => Response | Promise<Response>) {
  const clock = new ManualClock('2025-03-03T09:00:00Z');
  const fake = fakeFetch(answer);
  const client = createHttpPartnershipClient({
    url: 'https://intake.example/referrals',
    secret,
    clock,
    fetch: fake.fetch,
  });
  return { client, sent: fake.sent, clock };
}

describe('HTTP partnership client', function () {
  it('POSTs the body with the idempotency key, timestamp and a signature the receiver can verify', async function () {
    const { client, sent, clock } = clientWith(() => json(201, { reference: 'DPP-1' }));
    await client.deliver({ referralId, body });
    const request = sent[0];
    assert.ok(request);
    assert.equal(request.url, 'https://intake.example/referrals');
    assert.equal(request.init.method, 'POST');
    assert.equal(request.init.body, body);
    assert.equal(request.init.redirect, 'manual');
    assert.ok(request.init.signal instanceof AbortSignal);
    const headers = new Headers(request.init.headers);
    assert.equal(headers.get('idempotency-key'), referralId);
    assert.equal(headers.get('x-dare-timestamp'), '1740992400');
    assert.match(headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(
      verifySignature({
        secret,
        timestamp: headers.get('x-dare-timestamp') ?? undefined,
        signature: headers.get('x-dare-signature') ?? undefined,
        body,
        now: clock.now(),
      }),
      { ok: true },
    );
  });

  it('sends the same key on every attempt, re-signed with a fresh timestamp', async function () {
    const { client, sent, clock } = clientWith(() => json(503, {}));
    await client.deliver({ referralId, body });
    clock.advance(5_000);
    await client.deliver({ referralId, body });
    const [a, b] = sent.map((s) => new Headers(s.init.headers));
    assert.equal(a?.get('idempotency-key'), b?.get('idempotency-key'));
    assert.notEqual(a?.get('x-dare-timestamp'), b?.get('x-dare-timestamp'));
    assert.notEqual(a?.get('x-dare-signature'), b?.get('x-dare-signature'));
  });

  const table: Array<[string, () => Response, unknown]> = [
    [
      '201 with a reference',
      () => json(201, { reference: 'DPP-7K3M' }),
      { kind: 'accepted', httpStatus: 201, reference: 'DPP-7K3M' },
    ],
    [
      '200 duplicate',
      () => json(200, { reference: 'DPP-7K3M', duplicate: true }),
      { kind: 'accepted', httpStatus: 200, reference: 'DPP-7K3M' },
    ],
    [
      '204 without a body',
      () => new Response(null, { status: 204 }),
      { kind: 'accepted', httpStatus: 204 },
    ],
    [
      '2xx with markup as a reference',
      () => json(200, { reference: '<b>x</b>' }),
      { kind: 'accepted', httpStatus: 200 },
    ],
    [
      '400 with field errors',
      () =>
        json(400, {
          error: 'invalid_referral',
          message: 'Some fields need correcting.',
          fields: { 'father.phone': 'Bad number.', n: 5 },
        }),
      {
        kind: 'rejected',
        httpStatus: 400,
        reason: 'Some fields need correcting.',
        fieldErrors: { 'father.phone': 'Bad number.' },
      },
    ],
    [
      '422 with a non-JSON body',
      () => new Response('nope', { status: 422 }),
      {
        kind: 'rejected',
        httpStatus: 422,
        reason: 'The partnership refused the referral (HTTP 422).',
        fieldErrors: {},
      },
    ],
    [
      '409 key reused',
      () => json(409, { error: 'idempotency_key_reused' }),
      { kind: 'rejected', httpStatus: 409, reason: 'idempotency_key_reused', fieldErrors: {} },
    ],
    ['500', () => json(500, {}), { kind: 'retryable', reason: 'server-error', httpStatus: 500 }],
    [
      '503 with Retry-After',
      () => json(503, {}, { 'retry-after': '30' }),
      { kind: 'retryable', reason: 'server-error', httpStatus: 503, retryAfterMs: 30_000 },
    ],
    ['429', () => json(429, {}), { kind: 'retryable', reason: 'throttled', httpStatus: 429 }],
    ['408', () => json(408, {}), { kind: 'retryable', reason: 'throttled', httpStatus: 408 }],
    [
      '401 (our signature refused)',
      () => json(401, {}),
      { kind: 'retryable', reason: 'unauthorised', httpStatus: 401 },
    ],
    ['403', () => json(403, {}), { kind: 'retryable', reason: 'unauthorised', httpStatus: 403 }],
    [
      '404 (a wrong URL, not a bad referral)',
      () => json(404, {}),
      { kind: 'retryable', reason: 'endpoint-refused', httpStatus: 404 },
    ],
    [
      '413 from a proxy',
      () => new Response('too large', { status: 413 }),
      { kind: 'retryable', reason: 'endpoint-refused', httpStatus: 413 },
    ],
    [
      '302 (redirects are not followed)',
      () =>
        new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/' } }),
      { kind: 'retryable', reason: 'unexpected-response', httpStatus: 302 },
    ],
  ];
  for (const [name, answer, expected] of table) {
    it(`maps ${name}`, async function () {
      const { client } = clientWith(answer);
      assert.deepEqual(await client.deliver({ referralId, body }), expected);
    });
  }

  it('maps a refused connection and a timeout to retryable, without throwing', async function () {
    const refused = createHttpPartnershipClient({
      url: 'https://intake.example/referrals',
      secret,
      fetch: async () => {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
        });
      },
    });
    assert.deepEqual(await refused.deliver({ referralId, body }), {
      kind: 'retryable',
      reason: 'connection',
      code: 'ECONNREFUSED',
    });

    const timedOut = createHttpPartnershipClient({
      url: 'https://intake.example/referrals',
      secret,
      fetch: async () => {
        throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      },
    });
    assert.deepEqual(await timedOut.deliver({ referralId, body }), {
      kind: 'retryable',
      reason: 'timeout',
    });
  });

  it('reads at most 64 kB of an answer', async function () {
    const { client } = clientWith(
      () => new Response(`{"message":"${'x'.repeat(1_000_000)}"}`, { status: 400 }),
    );
    const outcome = await client.deliver({ referralId, body });
    assert.equal(outcome.kind, 'rejected');
  });

  it('reads Retry-After as seconds or as an HTTP date', function () {
    const now = new Date('2025-03-03T09:00:00Z');
    assert.equal(retryAfterMs('120', now), 120_000);
    assert.equal(retryAfterMs('Mon, 03 Mar 2025 09:01:00 GMT', now), 60_000);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs(null, now), undefined);
  });
});
