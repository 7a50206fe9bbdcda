import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import sinon from 'sinon';
import { composeApplication, maxRequestBodyBytes } from '../../../src/composition';
import { InMemoryStorage } from '../../../src/storage/memory/InMemoryStorage';
import { aConfig, aMessage } from '../../support/builders';
import { capturedLogger } from '../../support/capturedLogs';
import { startFakeConnector } from '../../support/fakeConnector';

const clock = { now: () => new Date('2026-11-23T10:00:00Z') };

async function startApp(env: Record<string, string> = {}, storage = new InMemoryStorage()) {
  const logs = capturedLogger();
  const app = composeApplication(aConfig(env), { logger: logs.logger, storage, clock });
  const port = await app.server.listen(0, '127.0.0.1');
  return { ...app, storage, logs, base: `http://127.0.0.1:${port}` };
}

function postActivity(base: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
}

describe('HTTP server', () => {
  afterEach(() => sinon.restore());

  describe('health and readiness', () => {
    it('GET /healthz answers JSON while the process is up', async () => {
      const app = await startApp();
      try {
        const res = await fetch(`${app.base}/healthz`);
        assert.equal(res.status, 200);
        assert.deepEqual(await res.json(), { status: 'ok' });
      } finally {
        await app.server.stop();
      }
    });

    it('GET /readyz is 200 when storage takes a write and 503 when it does not', async () => {
      const app = await startApp();
      const closed = new InMemoryStorage();
      await closed.close();
      const down = await startApp({}, closed);
      try {
        assert.equal((await fetch(`${app.base}/readyz`)).status, 200);
        const res = await fetch(`${down.base}/readyz`);
        assert.equal(res.status, 503);
        assert.deepEqual(await res.json(), { status: 'unavailable', storage: 'unreachable' });
      } finally {
        await app.server.stop();
        await down.server.stop();
      }
    });
  });

  describe('a turn over real HTTP (no bot auth, as in the local sandbox)', () => {
    it('runs the turn and replies through the connector at the activity serviceUrl', async () => {
      const connector = await startFakeConnector();
      const app = await startApp();
      try {
        const res = await postActivity(app.base, {
          ...aMessage('help'),
          id: 'incoming-1',
          serviceUrl: connector.url,
        });
        assert.equal(res.status, 200);
        const [reply] = await connector.waitFor(1);
        assert.match(reply?.path ?? '', /\/v3\/conversations\/.+\/activities/);
        const attachments = reply?.body.attachments as Array<{ contentType: string }>;
        assert.equal(attachments[0]?.contentType, 'application/vnd.microsoft.card.adaptive');
      } finally {
        await app.server.stop();
        await connector.stop();
      }
    });
  });

  describe('authentication', () => {
    const withIdentity = {
      MicrosoftAppId: '00000000-0000-4000-8000-000000000a99',
      MicrosoftAppPassword: 'fake-password-for-tests-only',
      MicrosoftAppType: 'MultiTenant',
    };

    for (const [label, headers] of [
      ['no Authorization header', {}],
      ['a malformed bearer token', { authorization: 'Bearer not-a-jwt' }],
      ['a non-bearer scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    ] as const) {
      it(`refuses ${label} with 401 and never runs bot code`, async () => {
        const app = await startApp(withIdentity);
        const run = sinon.spy(app.bot, 'run');
        try {
          const res = await postActivity(app.base, aMessage('help'), headers);
          assert.equal(res.status, 401);
          assert.equal(run.callCount, 0);
        } finally {
          await app.server.stop();
        }
      });
    }
  });

  describe('request limits', () => {
    it(`refuses bodies over ${maxRequestBodyBytes} bytes with 413 before any bot code`, async () => {
      const app = await startApp();
      const run = sinon.spy(app.bot, 'run');
      try {
        const res = await postActivity(app.base, {
          ...aMessage('x'.repeat(maxRequestBodyBytes + 1)),
        });
        assert.equal(res.status, 413);
        assert.equal(run.callCount, 0);
      } finally {
        await app.server.stop();
      }
    });

    it('refuses a compressed body (a small gzip can inflate far past the limit) before any bot code', async () => {
      const app = await startApp();
      const run = sinon.spy(app.bot, 'run');
      try {
        // 4 MB of activity text in about 4 kB of gzip: under the limit on the wire, 16× over it inflated.
        const inflated = JSON.stringify(aMessage('x'.repeat(16 * maxRequestBodyBytes)));
        const res = await postActivity(app.base, gzipSync(inflated), {
          'content-encoding': 'gzip',
        });
        assert.equal(res.status, 415);
        assert.equal(run.callCount, 0);
      } finally {
        await app.server.stop();
      }
    });

    it('refuses JSON that is not an activity with 400 before any bot code', async () => {
      const app = await startApp();
      const run = sinon.spy(app.bot, 'run');
      try {
        for (const body of [{ text: 'no type' }, [], { type: 42 }]) {
          assert.equal((await postActivity(app.base, body)).status, 400);
        }
        assert.equal(run.callCount, 0);
      } finally {
        await app.server.stop();
      }
    });

    it('refuses a body that is not JSON with 400 and logs no part of it', async () => {
      const app = await startApp();
      try {
        const res = await postActivity(app.base, '{"text": "Testy McFakeface 07700 900123"');
        assert.equal(res.status, 400);
        assert.ok(!app.logs.text().includes('McFakeface'));
      } finally {
        await app.server.stop();
      }
    });
  });

  describe('graceful shutdown', () => {
    it('finishes a turn in flight, then stops accepting', async () => {
      const connector = await startFakeConnector();
      const app = await startApp();
      // Hold the turn open so stop() is called while it is in flight; say when it got there.
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let entered: () => void = () => undefined;
      const turnStarted = new Promise<void>((resolve) => (entered = resolve));
      const original = app.bot.run.bind(app.bot);
      sinon.stub(app.bot, 'run').callsFake(async (turn) => {
        entered();
        await gate;
        return original(turn);
      });

      const inFlight = postActivity(app.base, { ...aMessage('help'), serviceUrl: connector.url });
      await turnStarted;
      // stop() stops accepting before it first waits, so a new connection is refused at once.
      const stopped = app.server.stop(5000);
      await assert.rejects(fetch(`${app.base}/healthz`), 'no new connections while stopping');
      assert.equal(connector.received.length, 0, 'the turn is still held');
      release();

      assert.equal((await inFlight).status, 200, 'the in-flight turn completed');
      await stopped;
      assert.equal(connector.received.length, 1, 'its reply was delivered');
      await assert.rejects(fetch(`${app.base}/healthz`), 'no longer accepting connections');
      await connector.stop();
    });
  });
});
