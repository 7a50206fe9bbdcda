import { strict as assert } from 'node:assert';
import { start, type PartnershipIntake } from '../../../src/dev/partnershipIntake/intakeServer';
import type { Storage } from '../../../src/kernel/documentStore';
import { createHttpPartnershipClient } from '../../../src/partnership/httpPartnershipClient';
import {
  DeliveryWorker,
  retentionFromTenants,
  type DeliveryWorkerOptions,
} from '../../../src/referrals/delivery/deliveryWorker';
import type { DeliveryOutcome, PartnershipClient } from '../../../src/referrals/delivery/ports';
import { referralStoresFrom } from '../../../src/referrals/records/referralStores';
import { sha256Hex } from '../../../src/referrals/schema/wire';
import { CachedTenantDirectory } from '../../../src/tenants/cachedTenantDirectory';
import { StoredTenantDirectory, type TenantSettings } from '../../../src/tenants/tenantSettings';
import { capturedLogger } from '../../support/capturedLogs';
import { cosmosFixture, inMemoryFixture, type StorageFixture } from '../../support/storageFixtures';
import { deferred, ManualClock, RecordingListener } from '../../support/referrals/deliveryFakes';
import { DeliveryHarness, testWorkerOptions } from '../../support/referrals/deliveryHarness';
import { aTenantId } from '../../support/referrals/referralBuilders';

const secret = 'integration-secret-integration-secret-01';
const day = 24 * 3_600_000;

interface Attempt {
  readonly key: string | null;
  readonly timestamp: string | null;
  readonly signature: string | null;
  readonly body: string;
}

/** Node's fetch, with every request noted as it leaves (refused ones too). */
function recordingFetch(attempts: Attempt[], transform?: (body: string) => string): typeof fetch {
  return async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const body = typeof init?.body === 'string' ? init.body : '';
    attempts.push({
      key: headers.get('idempotency-key'),
      timestamp: headers.get('x-dare-timestamp'),
      signature: headers.get('x-dare-signature'),
      body,
    });
    return fetch(input, { ...init, body: transform ? transform(body) : body });
  };
}

/** A port that was free a moment ago and has nothing listening: "the partnership is down". */
async function freePort(): Promise<number> {
  const probe = await start({ secret, port: 0 });
  const { port } = probe;
  await probe.stop();
  return port;
}

function describeDelivery(fixture: StorageFixture): void {
  describe(`referral delivery over HTTP to the real receiver, on ${fixture.name}`, function () {
    let clock: ManualClock;
    let storage: Storage;
    let intake: PartnershipIntake | undefined;
    let listener: RecordingListener;
    let logs: ReturnType<typeof capturedLogger>;
    let attempts: Attempt[];

    before(() => fixture.before());
    after(() => fixture.after());

    beforeEach(async function () {
      // One clock for worker, signer and receiver, so hours can pass in a test without waiting.
      clock = new ManualClock('2025-03-03T09:00:00.000Z');
      storage = await fixture.open(clock);
      listener = new RecordingListener();
      logs = capturedLogger();
      attempts = [];
      intake = undefined;
    });

    afterEach(async function () {
      await intake?.stop();
      await storage.close();
    });

    const harnessOver = (s: Storage) =>
      new DeliveryHarness({ stores: referralStoresFrom(s), clock, logger: logs.logger, listener });

    const httpClient = (
      url: string,
      options: { secret?: string; timeoutMs?: number; transform?: (b: string) => string } = {},
    ) =>
      createHttpPartnershipClient({
        url,
        secret: options.secret ?? secret,
        clock,
        fetch: recordingFetch(attempts, options.transform),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      });

    async function startIntake(port = 0): Promise<PartnershipIntake> {
      intake = await start({ secret, port, clock });
      return intake;
    }

    it('happy path: queued → sent with the receiver’s reference; the receiver holds exactly the stored body', async function () {
      const receiver = await startIntake();
      const harness = harnessOver(storage);
      const id = await harness.submit();
      const worker = harness.worker(httpClient(receiver.referralUrl));

      assert.equal((await worker.runOnce()).sent, 1);
      const record = await harness.record(id);
      const [received] = receiver.received();
      assert.equal(receiver.received().length, 1);
      assert.equal(record.status, 'sent');
      assert.equal(record.reference, received?.reference);
      assert.equal(received?.idempotencyKey, id);
      assert.equal(
        sha256Hex(received?.body ?? ''),
        record.bodySha256,
        'audit hash is the hash of what was received',
      );
      assert.equal(received?.referral.restricted, true);
      assert.deepEqual(
        listener.changes.map((c) => [
          c.referral.referralId,
          c.referral.status,
          c.referral.reference,
        ]),
        [[id, 'sent', received?.reference]],
      );
    });

    it('receiver down → worker restarted → receiver up: delivered exactly once, same key every attempt', async function () {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/referrals`;
      const first = harnessOver(storage);
      const id = await first.submit();

      const before = first.worker(httpClient(url));
      assert.equal((await before.runOnce()).retrying, 1);
      await first.advanceToNextAttempt(id);
      assert.equal((await before.runOnce()).retrying, 1);
      const queued = await first.record(id);
      assert.equal(queued.status, 'queued');
      assert.equal(queued.attempts, 2);
      assert.equal(queued.lastFailure?.reason, 'connection');
      await before.stop();

      // "Restart": a new storage client (Cosmos) and a new worker instance; nothing carried over.
      storage = await fixture.restart(storage, clock);
      const second = harnessOver(storage);
      const receiver = await startIntake(port);
      await second.advanceToNextAttempt(id);
      const after = second.worker(httpClient(url), {}, 2);
      assert.equal((await after.runOnce()).sent, 1);
      clock.advance(day);
      await after.runOnce();

      const record = await second.record(id);
      assert.equal(record.status, 'sent');
      assert.equal(record.attempts, 3);
      assert.equal(receiver.received().length, 1, 'stored once');
      assert.equal(receiver.requests().length, 1, 'reached the receiver once');
      assert.equal(attempts.length, 3, 'two refused attempts and one that got through');
      assert.deepEqual(
        new Set(attempts.map((a) => a.key)),
        new Set([id]),
        'the same Idempotency-Key every time',
      );
      assert.equal(new Set(attempts.map((a) => a.body)).size, 1, 'the same bytes every time');
      assert.equal(new Set(attempts.map((a) => a.signature)).size, 3, 'freshly signed every time');
      assert.deepEqual(
        listener.changes.map((c) => c.referral.status),
        ['sent'],
      );
      for (const personal of ['Sam Testperson', '07700 900 123', 'ZZ1 1ZZ', 'Checks her phone']) {
        assert.ok(!logs.text().includes(personal), `log leaked "${personal}"`);
      }
    });

    it('answer lost after the receiver stored it → restart → retry gets the original reference; stored once', async function () {
      const receiver = await startIntake();
      receiver.dropResponseNext(1);
      const harness = harnessOver(storage);
      const id = await harness.submit();
      assert.equal((await harness.worker(httpClient(receiver.referralUrl)).runOnce()).retrying, 1);
      assert.equal(receiver.received().length, 1, 'it did get through');

      storage = await fixture.restart(storage, clock);
      const restarted = harnessOver(storage);
      await restarted.advanceToNextAttempt(id);
      assert.equal(
        (await restarted.worker(httpClient(receiver.referralUrl), {}, 2).runOnce()).sent,
        1,
      );

      const record = await restarted.record(id);
      assert.equal(record.reference, receiver.received()[0]?.reference);
      assert.equal(receiver.received().length, 1);
      assert.deepEqual(
        receiver.requests().map((r) => [r.idempotencyKey, r.outcome]),
        [
          [id, 'dropped'],
          [id, 'duplicate'],
        ],
      );
    });

    it('4xx → rejected, with the receiver’s field errors for the referrer; not retried', async function () {
      const receiver = await startIntake();
      receiver.failNext(1, 422, {
        error: 'invalid_referral',
        message: 'Some fields need correcting.',
        fields: { 'father.phone': 'We cannot call this number.' },
      });
      const harness = harnessOver(storage);
      const id = await harness.submit();
      const worker = harness.worker(httpClient(receiver.referralUrl));
      assert.equal((await worker.runOnce()).rejected, 1);
      clock.advance(day);
      await worker.runOnce();

      const record = await harness.record(id);
      assert.equal(record.status, 'rejected');
      assert.deepEqual(record.rejection, {
        httpStatus: 422,
        reason: 'Some fields need correcting.',
        fieldErrors: { 'father.phone': 'We cannot call this number.' },
      });
      assert.deepEqual(listener.changes[0]?.referral.rejection?.fieldErrors, {
        'father.phone': 'We cannot call this number.',
      });
      assert.equal(receiver.requests().length, 1);
      assert.equal(receiver.received().length, 0);
      assert.ok(
        !logs.text().includes('We cannot call this number'),
        'the reason is for the referrer, not the log',
      );
    });

    it('5xx twice then 2xx → sent, one stored, three requests with one key', async function () {
      const receiver = await startIntake();
      receiver.failNext(2, 503);
      const harness = harnessOver(storage);
      const id = await harness.submit();
      const worker = harness.worker(httpClient(receiver.referralUrl));
      assert.equal((await worker.runOnce()).retrying, 1);
      await harness.advanceToNextAttempt(id);
      assert.equal((await worker.runOnce()).retrying, 1);
      await harness.advanceToNextAttempt(id);
      assert.equal((await worker.runOnce()).sent, 1);

      assert.equal((await harness.record(id)).status, 'sent');
      assert.equal(receiver.received().length, 1);
      assert.deepEqual(
        receiver.requests().map((r) => [r.idempotencyKey, r.httpStatus]),
        [
          [id, 503],
          [id, 503],
          [id, 201],
        ],
      );
    });

    it('two workers racing over the same storage → each referral delivered once', async function () {
      const receiver = await startIntake();
      const harness = harnessOver(storage);
      const ids = [await harness.submit(), await harness.submit(), await harness.submit()];
      const workers = [1, 2].map((seed) =>
        harness.worker(httpClient(receiver.referralUrl), {}, seed),
      );
      const reports = await Promise.all(workers.map((w) => w.runOnce()));

      assert.equal(
        reports.reduce((n, r) => n + r.sent, 0),
        3,
      );
      assert.deepEqual(
        receiver
          .received()
          .map((r) => r.idempotencyKey)
          .sort(),
        [...ids].sort(),
      );
      assert.equal(receiver.requests().length, 3, 'no referral was sent by both');
      assert.equal(listener.changes.length, 3, 'one status change per referral');
      for (const id of ids) assert.equal((await harness.record(id)).status, 'sent');
    });

    it('a worker that hangs mid-send is taken over after its lease; the receiver still stores once', async function () {
      const receiver = await startIntake();
      const harness = harnessOver(storage);
      const id = await harness.submit();
      const hang = deferred();
      const real = httpClient(receiver.referralUrl);
      let reached = false;
      const hanging: PartnershipClient = {
        deliver: async (request): Promise<DeliveryOutcome> => {
          const outcome = await real.deliver(request);
          reached = true;
          await hang.promise; // the process "freezes" after the partnership got it
          return outcome;
        },
      };
      const frozen = harness.worker(hanging).runOnce();
      while (!reached) await new Promise((r) => setImmediate(r));

      clock.advance(60_001); // past the lease
      storage = await fixture.restart(storage, clock);
      const restarted = harnessOver(storage);
      assert.equal(
        (await restarted.worker(httpClient(receiver.referralUrl), {}, 2).runOnce()).sent,
        1,
      );
      hang.resolve();
      const late = await frozen;
      // In memory its write loses the If-Match race; on Cosmos its closed client cannot write at all.
      assert.equal(late.sent, 0, 'the frozen worker’s outcome is not written over');
      assert.ok(late.lostLease + late.errors >= 1);

      const record = await restarted.record(id);
      assert.equal(record.status, 'sent');
      assert.equal(record.reference, receiver.received()[0]?.reference);
      assert.equal(receiver.received().length, 1);
      assert.deepEqual(
        receiver.requests().map((r) => r.outcome),
        ['stored', 'duplicate'],
      );
    });

    it('a body tampered with in transit → 401; nothing stored; retried, logged as a signature problem', async function () {
      const receiver = await startIntake();
      const harness = harnessOver(storage);
      const id = await harness.submit();
      const tamper = (body: string) => body.replace('Sam Testperson', 'Someone Else');
      const worker = harness.worker(httpClient(receiver.referralUrl, { transform: tamper }));
      assert.equal((await worker.runOnce()).retrying, 1);

      assert.deepEqual(
        receiver.requests().map((r) => r.httpStatus),
        [401],
      );
      assert.equal(receiver.received().length, 0);
      const record = await harness.record(id);
      assert.equal(record.status, 'queued');
      assert.deepEqual(record.lastFailure?.reason, 'unauthorised');
      assert.ok(
        logs
          .lines()
          .some((l) => l.level === 50 && String(l.msg).includes('PARTNERSHIP_SIGNING_SECRET')),
      );
    });

    it('a receiver that does not answer → timeout → retried and delivered', async function () {
      const receiver = await startIntake();
      receiver.stallNext(1);
      const harness = harnessOver(storage);
      const id = await harness.submit();
      const worker = harness.worker(httpClient(receiver.referralUrl, { timeoutMs: 300 }));
      assert.equal((await worker.runOnce()).retrying, 1);
      assert.equal((await harness.record(id)).lastFailure?.reason, 'timeout');
      await harness.advanceToNextAttempt(id);
      assert.equal((await worker.runOnce()).sent, 1);
      assert.equal(receiver.received().length, 1);
    });

    it('purges the body after retention; the audit hash still matches what the receiver got', async function () {
      const receiver = await startIntake();
      const harness = harnessOver(storage);
      const id = await harness.submit();
      const options: DeliveryWorkerOptions = { retentionMs: 30 * day };
      const worker = harness.worker(httpClient(receiver.referralUrl), options);
      await worker.runOnce();
      clock.advance(30 * day + 1);
      assert.equal((await worker.purgeOnce()).purged, 1);

      const audit = await harness.record(id);
      assert.equal(audit.body, undefined);
      assert.equal(audit.status, 'sent');
      assert.equal(audit.bodySha256, sha256Hex(receiver.received()[0]?.body ?? ''));
      assert.equal((await harness.purgeEntries()).length, 0);
    });

    it('purges after the tenant’s own retention when its settings set one', async function () {
      const receiver = await startIntake();
      const harness = harnessOver(storage);
      const settings = new StoredTenantDirectory(storage.collection<TenantSettings>('tenants'));
      await settings.save(aTenantId, { contacts: {}, referralRetentionDays: 7 });
      const worker = new DeliveryWorker({
        stores: referralStoresFrom(storage),
        client: httpClient(receiver.referralUrl),
        clock,
        logger: logs.logger,
        retention: retentionFromTenants(new CachedTenantDirectory(settings, clock), 30 * day),
        options: { ...testWorkerOptions, retentionMs: 30 * day },
      });
      const id = await harness.submit();
      assert.equal((await worker.runOnce()).sent, 1);
      clock.advance(7 * day - 60_000);
      assert.equal((await worker.purgeOnce()).purged, 0);
      clock.advance(120_000);
      assert.equal((await worker.purgeOnce()).purged, 1);
      assert.equal((await harness.record(id)).body, undefined);
    });
  });
}

describeDelivery(inMemoryFixture);
describeDelivery(cosmosFixture('referrals'));
