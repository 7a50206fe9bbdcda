import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { InMemoryStorage } from '../../../src/storage/memory/InMemoryStorage';
import {
  DeliveryWorker,
  retentionFromTenants,
} from '../../../src/referrals/delivery/deliveryWorker';
import type {
  DeliveryOutcome,
  PartnershipClient,
  ReferralStatusChange,
} from '../../../src/referrals/delivery/ports';
import {
  deliverKey,
  referralKey,
  referralStoresFrom,
  type ReferralStores,
} from '../../../src/referrals/records/referralStores';
import { submitReferral, getReferralStatus } from '../../../src/referrals/delivery/submitReferral';
import { sha256Hex, wireBody } from '../../../src/referrals/schema/wire';
import { CachedTenantDirectory } from '../../../src/tenants/cachedTenantDirectory';
import { StoredTenantDirectory, type TenantSettings } from '../../../src/tenants/tenantSettings';
import { capturedLogger } from '../../support/capturedLogs';
import {
  accepted,
  deferred,
  ManualClock,
  RecordingListener,
  refused,
  rejected,
  ScriptedPartnership,
  seededRandom,
  serverError,
} from '../../support/referrals/deliveryFakes';
import {
  DeliveryHarness,
  testWorkerOptions,
  withReadBarrier,
} from '../../support/referrals/deliveryHarness';
import {
  aReferralInput,
  aReferrerId,
  aTenantId,
  withField,
} from '../../support/referrals/referralBuilders';

const day = 24 * 3_600_000;

/** Strings from the builder's referral that must never reach a log line. */
const personalData = [
  'Sam Testperson',
  'Testperson',
  '1988-02-29',
  '07700 900 123',
  '1 Fictional Street',
  'ZZ1 1ZZ',
  'Alex Example',
  'alex.example@council.example.org',
  'Checks her phone',
  'Jo Placeholder',
  'XX/12345/24',
  'home landline',
];

function setup() {
  const clock = new ManualClock();
  const storage = new InMemoryStorage({ clock });
  const stores = referralStoresFrom(storage);
  const listener = new RecordingListener();
  const logs = capturedLogger();
  const harness = new DeliveryHarness({ stores, clock, logger: logs.logger, listener });
  return { clock, storage, stores, listener, logs, harness };
}

async function isEmpty(stores: ReferralStores, harness: DeliveryHarness): Promise<boolean> {
  const referrals = await stores.referrals.listPartition(aTenantId);
  return referrals.length === 0 && (await harness.deliverEntries()).length === 0;
}

describe('referral delivery (worker over in-memory storage, scripted partnership)', function () {
  describe('submitReferral', function () {
    it('stores a valid referral as queued, with an outbox entry due now', async function () {
      const { harness, stores, clock } = setup();
      const result = await submitReferral(
        { stores, clock },
        { tenantId: aTenantId, referrerId: aReferrerId, input: aReferralInput() },
      );
      assert.ok(result.ok);
      assert.equal(result.referral.status, 'queued');
      assert.equal(result.referral.attempts, 0);
      const record = await harness.record(result.referral.referralId);
      assert.equal(record.deadlineAt, new Date(clock.now().getTime() + day).toISOString());
      assert.equal(record.body?.restricted, true);
      assert.equal(
        record.bodySha256,
        sha256Hex(
          wireBody({
            referralId: record.id,
            submittedAt: record.submittedAt,
            referral: record.body,
          }),
        ),
      );
      const entries = await harness.deliverEntries();
      assert.deepEqual(
        entries.map((e) => e.value),
        [
          {
            kind: 'deliver',
            referralId: record.id,
            tenantId: aTenantId,
            dueAt: record.submittedAt,
            createdAt: record.submittedAt,
          },
        ],
      );
      assert.deepEqual(await getReferralStatus(stores, aTenantId, record.id), result.referral);
    });

    it('stores nothing and sends nothing for any invalid submission', async function () {
      const { harness, stores, clock } = setup();
      const partnership = new ScriptedPartnership();
      const worker = harness.worker(partnership);
      const field = fc.constantFrom(
        'father.name',
        'father.phone',
        'concerns.kinds',
        'consent.basis',
        'risk.onBail',
      );
      const bad = fc.oneof(
        fc.anything(),
        fc
          .tuple(
            field,
            fc.oneof(
              fc.constant(null),
              fc.integer(),
              fc.constant('${x}<script>'),
              fc.constant('x'.repeat(100_000)),
            ),
          )
          .map(([path, value]) => withField(aReferralInput(), path, value)),
      );
      await fc.assert(
        fc.asyncProperty(bad, async (input) => {
          const result = await submitReferral(
            { stores, clock },
            { tenantId: aTenantId, referrerId: aReferrerId, input },
          );
          if (result.ok) return; // fc.anything() cannot produce a valid referral; guard anyway
          assert.ok(Object.keys(result.errors).length > 0);
          assert.ok(await isEmpty(stores, harness));
        }),
        { numRuns: 150 },
      );
      await worker.runOnce();
      assert.equal(partnership.requests.length, 0);
    });

    it('refuses to store without a tenant or a referrer (a caller bug)', async function () {
      const { stores, clock, harness } = setup();
      await assert.rejects(
        submitReferral(
          { stores, clock },
          { tenantId: '', referrerId: aReferrerId, input: aReferralInput() },
        ),
        /tenant id/,
      );
      assert.ok(await isEmpty(stores, harness));
    });
  });

  it('delivers a queued referral once: sent with the reference, listener told, outbox tidied', async function () {
    const { harness, listener } = setup();
    const partnership = new ScriptedPartnership(accepted('DPP-0001'));
    const id = await harness.submit();
    const worker = harness.worker(partnership);

    const report = await worker.runOnce();
    assert.equal(report.sent, 1);
    const record = await harness.record(id);
    assert.equal(record.status, 'sent');
    assert.equal(record.reference, 'DPP-0001');
    assert.equal(record.attempts, 1);
    assert.equal(record.lease, undefined);
    assert.deepEqual(
      listener.changes.map((c) => [c.previousStatus, c.referral.status, c.referral.reference]),
      [['queued', 'sent', 'DPP-0001']],
    );
    assert.equal((await harness.deliverEntries()).length, 0);
    assert.equal((await harness.purgeEntries()).length, 1);

    await worker.runOnce();
    assert.equal(partnership.requests.length, 1, 'nothing is sent twice');
    assert.equal(partnership.requests[0]?.referralId, id);
    assert.equal(sha256Hex(partnership.requests[0]?.body ?? ''), record.bodySha256);
  });

  it('a 4xx makes it rejected with the reasons, told to the listener, and never retried', async function () {
    const { harness, listener, clock } = setup();
    const partnership = new ScriptedPartnership(
      rejected({ 'father.phone': 'We cannot call this number.' }),
    );
    const id = await harness.submit();
    const worker = harness.worker(partnership);
    await worker.runOnce();
    const record = await harness.record(id);
    assert.equal(record.status, 'rejected');
    assert.deepEqual(record.rejection?.fieldErrors, {
      'father.phone': 'We cannot call this number.',
    });
    assert.equal(listener.changes[0]?.referral.rejection?.reason, 'Some fields need correcting.');
    clock.advance(day);
    await worker.runOnce();
    assert.equal(partnership.requests.length, 1);
  });

  it('retries 5xx with backoff, with the same key and the same bytes, until it gets through', async function () {
    const { harness, listener } = setup();
    const partnership = new ScriptedPartnership(
      serverError(),
      serverError(502),
      accepted('DPP-0002'),
    );
    const id = await harness.submit();
    const worker = harness.worker(partnership);

    assert.equal((await worker.runOnce()).retrying, 1);
    const afterFirst = await harness.record(id);
    assert.equal(afterFirst.status, 'queued');
    assert.deepEqual(afterFirst.lastFailure?.reason, 'server-error');
    await worker.runOnce();
    assert.equal(partnership.requests.length, 1, 'not retried before its time');

    await harness.advanceToNextAttempt(id);
    assert.equal((await worker.runOnce()).retrying, 1);
    await harness.advanceToNextAttempt(id);
    assert.equal((await worker.runOnce()).sent, 1);

    const record = await harness.record(id);
    assert.equal(record.status, 'sent');
    assert.equal(record.attempts, 3);
    assert.equal(record.lastFailure, undefined);
    assert.deepEqual(new Set(partnership.requests.map((r) => r.referralId)), new Set([id]));
    assert.equal(new Set(partnership.requests.map((r) => r.body)).size, 1);
    assert.deepEqual(
      listener.changes.map((c) => c.referral.status),
      ['sent'],
      'retries are not status changes',
    );
  });

  it('gives up at the deadline: failed, told, and an error logged without personal data', async function () {
    const { harness, listener, logs, clock } = setup();
    const partnership = new ScriptedPartnership(refused());
    const id = await harness.submit();
    const deadline = Date.parse((await harness.record(id)).deadlineAt);
    const worker = harness.worker(partnership, {
      backoff: { baseDelayMs: 1_000, maxDelayMs: 3_600_000, minDelayMs: 1_000 },
    });

    for (let i = 0; i < 1_000; i += 1) {
      await worker.runOnce();
      const record = await harness.record(id);
      if (record.status !== 'queued') break;
      assert.ok(
        Date.parse(record.nextAttemptAt ?? '') <= deadline,
        'never scheduled past the deadline',
      );
      await harness.advanceToNextAttempt(id);
    }
    const record = await harness.record(id);
    assert.equal(record.status, 'failed');
    assert.ok(clock.now().getTime() >= deadline);
    assert.ok(record.attempts > 12 && record.attempts < 200, `attempts: ${record.attempts}`);
    assert.deepEqual(
      listener.changes.map((c) => c.referral.status),
      ['failed'],
    );
    const failure = logs.lines().find((l) => l.level === 50 && String(l.msg).includes('deadline'));
    assert.ok(failure, 'an error line for the failure');
    assert.equal(failure.referralId, id);
    assert.equal(failure.status, 'failed');
    for (const text of personalData) assert.ok(!logs.text().includes(text), `log leaked "${text}"`);
  });

  it('logs no personal data, not even the partnership’s rejection reason', async function () {
    const { harness, logs } = setup();
    const reason: DeliveryOutcome = {
      kind: 'rejected',
      httpStatus: 422,
      reason: 'Sam Testperson is already known to us',
      fieldErrors: { 'father.name': 'Sam Testperson is already known to us' },
    };
    await harness.submit();
    await harness.worker(new ScriptedPartnership(reason)).runOnce();
    await harness.submit();
    await harness.worker(new ScriptedPartnership(accepted('DPP-9'))).runOnce();
    assert.ok(logs.lines().length >= 2);
    for (const text of personalData) assert.ok(!logs.text().includes(text), `log leaked "${text}"`);
  });

  describe('leases', function () {
    it('a second worker leaves alone a referral another is sending (live lease)', async function () {
      const { harness } = setup();
      const gate = deferred();
      const partnership = new ScriptedPartnership(accepted('DPP-A'));
      partnership.gate = gate.promise;
      const id = await harness.submit();
      const a = harness.worker(partnership);
      const b = harness.worker(partnership);

      const aPass = a.runOnce();
      while (partnership.requests.length === 0) await new Promise((r) => setImmediate(r));
      const bReport = await b.runOnce();
      assert.equal(bReport.notDue, 1);
      assert.equal(partnership.requests.length, 1);

      gate.resolve();
      assert.equal((await aPass).sent, 1);
      assert.equal((await harness.record(id)).status, 'sent');
      assert.equal(partnership.requests.length, 1);
    });

    it('two workers reading the same version: If-Match lets one send, the other backs off', async function () {
      const { harness, stores, clock, logs, listener } = setup();
      const id = await harness.submit();
      const raced: ReferralStores = {
        referrals: withReadBarrier(stores.referrals, 2),
        outbox: stores.outbox,
      };
      const partnership = new ScriptedPartnership(accepted('DPP-R'));
      const racing = new DeliveryHarness({ stores: raced, clock, logger: logs.logger, listener });
      const [one, two] = await Promise.all([
        racing.worker(partnership).runOnce(),
        racing.worker(partnership).runOnce(),
      ]);
      assert.equal(one.sent + two.sent, 1);
      assert.equal(one.lostRace + two.lostRace, 1);
      assert.equal(partnership.requests.length, 1);
      assert.equal((await harness.record(id)).reference, 'DPP-R');
    });

    it('many workers at once still make one delivery per referral', async function () {
      const { harness } = setup();
      const ids = await Promise.all([1, 2, 3, 4, 5].map(() => harness.submit()));
      const partnership = new ScriptedPartnership(accepted('DPP-M'));
      await Promise.all(
        [1, 2, 3, 4].map((seed) => harness.worker(partnership, {}, seed).runOnce()),
      );
      assert.deepEqual([...partnership.requests.map((r) => r.referralId)].sort(), [...ids].sort());
    });

    it('an expired lease is taken over; the stalled worker’s late outcome is discarded', async function () {
      const { harness, clock, logs } = setup();
      const gate = deferred();
      const stalled = new ScriptedPartnership(accepted('DPP-LATE'));
      stalled.gate = gate.promise;
      const id = await harness.submit();
      const aPass = harness.worker(stalled).runOnce();
      while (stalled.requests.length === 0) await new Promise((r) => setImmediate(r));

      clock.advance(60_001); // past the lease
      const healthy = new ScriptedPartnership(accepted('DPP-B'));
      assert.equal((await harness.worker(healthy).runOnce()).sent, 1);
      gate.resolve();
      assert.equal((await aPass).lostLease, 1);

      const record = await harness.record(id);
      assert.equal(record.status, 'sent');
      assert.equal(record.reference, 'DPP-B');
      assert.equal(record.attempts, 2);
      assert.equal(stalled.requests[0]?.referralId, healthy.requests[0]?.referralId);
      assert.ok(logs.lines().some((l) => String(l.msg).includes('Lease ran out')));
    });
  });

  describe('restarts and crash leftovers', function () {
    it('a new worker instance over the same storage carries on where the old one stopped', async function () {
      const { harness } = setup();
      const id = await harness.submit();
      const down = new ScriptedPartnership(refused());
      const first = harness.worker(down);
      await first.runOnce();
      await first.stop();

      await harness.advanceToNextAttempt(id);
      const up = new ScriptedPartnership(accepted('DPP-AFTER'));
      const second = harness.worker(up);
      assert.notEqual(second.workerId, first.workerId);
      await second.runOnce();
      const record = await harness.record(id);
      assert.equal(record.status, 'sent');
      assert.equal(record.attempts, 2);
      assert.equal(up.requests.length, 1);
    });

    it('finishes the outbox (and tells the listener again) when a worker died after recording the outcome', async function () {
      const { harness, stores, listener, clock } = setup();
      const id = await harness.submit();
      await harness.worker(new ScriptedPartnership(accepted('DPP-C'))).runOnce();
      // Put back the delivery entry, as if the worker had died before tidying the outbox.
      await stores.outbox.create(deliverKey(id), {
        kind: 'deliver',
        referralId: id,
        tenantId: aTenantId,
        dueAt: new Date(0).toISOString(),
        createdAt: new Date(0).toISOString(),
      });
      const partnership = new ScriptedPartnership();
      const worker = harness.worker(partnership);
      assert.equal(
        (await worker.runOnce()).notDue,
        1,
        'left alone while its worker may still be tidying',
      );
      clock.advance(60_000);
      const report = await worker.runOnce();
      assert.equal(report.repaired, 1);
      assert.equal(partnership.requests.length, 0, 'not sent again');
      assert.equal((await harness.deliverEntries()).length, 0);
      assert.equal((await harness.purgeEntries()).length, 1, 'purge entry written once');
      assert.deepEqual(
        listener.changes.map((c) => c.referral.status),
        ['sent', 'sent'],
      );
    });

    it('drops an outbox entry whose referral never got written, after a grace period', async function () {
      const { harness, stores, clock } = setup();
      const orphan = '0b7d3c84-3f0e-4a61-9f0c-2a5e1f6b9d10';
      await stores.outbox.create(deliverKey(orphan), {
        kind: 'deliver',
        referralId: orphan,
        tenantId: aTenantId,
        dueAt: clock.now().toISOString(),
        createdAt: clock.now().toISOString(),
      });
      const worker = harness.worker(new ScriptedPartnership());
      assert.equal((await worker.runOnce()).notDue, 1, 'kept while a submit may still be writing');
      clock.advance(5 * 60_000);
      assert.equal((await worker.runOnce()).repaired, 1);
      assert.equal((await harness.deliverEntries()).length, 0);
    });

    it('moves an early outbox entry to the referral’s next attempt instead of re-reading it each pass', async function () {
      const { harness } = setup();
      const id = await harness.submit();
      const worker = harness.worker(new ScriptedPartnership(serverError()));
      await worker.runOnce();
      const entry = (await harness.deliverEntries())[0];
      assert.equal(entry?.value.dueAt, (await harness.record(id)).nextAttemptAt);
    });

    it('treats a client that throws as a fault to retry', async function () {
      const { harness } = setup();
      const id = await harness.submit();
      const worker = harness.worker({
        deliver: () => Promise.reject(new Error('boom')),
      });
      assert.equal((await worker.runOnce()).retrying, 1);
      assert.equal((await harness.record(id)).lastFailure?.reason, 'unexpected-response');
    });

    it('keeps delivering when the status listener throws', async function () {
      const { stores, clock, logs } = setup();
      const harness = new DeliveryHarness({
        stores,
        clock,
        logger: logs.logger,
        listener: { onStatusChanged: () => Promise.reject(new Error('Teams is down')) },
      });
      const id = await harness.submit();
      assert.equal(
        (await harness.worker(new ScriptedPartnership(accepted('DPP-L'))).runOnce()).sent,
        1,
      );
      assert.equal((await harness.record(id)).status, 'sent');
      assert.ok(logs.lines().some((l) => String(l.msg).includes('listener failed')));
    });

    describe('telling the referrer (the status listener) is durable', function () {
      /** A listener that fails `failures` times (as Teams answering 429/5xx would), then works. */
      function aFlakyListener(failures: number) {
        const calls: string[] = [];
        return {
          calls,
          onStatusChanged: async (change: ReferralStatusChange) => {
            calls.push(change.referral.status);
            if (calls.length <= failures) throw new Error('429 Too Many Requests');
          },
        };
      }

      it('keeps a notify entry after a failed call and retries it on later passes, with backoff, until told', async function () {
        const { stores, clock, logs } = setup();
        const listener = aFlakyListener(2);
        const harness = new DeliveryHarness({ stores, clock, logger: logs.logger, listener });
        const id = await harness.submit();
        const worker = harness.worker(new ScriptedPartnership(rejected({})));
        const first = await worker.runOnce();
        assert.equal(first.rejected, 1);
        assert.equal(first.notifyRetrying, 1);
        const [entry] = await harness.deliverEntries();
        assert.equal(entry?.value.kind, 'notify', 'the referrer is still to be told');
        assert.ok(Date.parse(entry.value.dueAt) > clock.now().getTime(), 'after a backoff');

        assert.equal((await worker.runOnce()).notifyRetrying, 0, 'not before it is due');
        assert.equal(listener.calls.length, 1);

        clock.advance(60_000);
        assert.equal((await worker.runOnce()).notifyRetrying, 1, 'failed again: kept');
        const [again] = await harness.deliverEntries();
        assert.equal(again?.value.kind === 'notify' && again.value.attempts, 2);

        clock.advance(120_000);
        assert.equal((await worker.runOnce()).notified, 1);
        assert.deepEqual(listener.calls, ['rejected', 'rejected', 'rejected']);
        assert.equal((await harness.deliverEntries()).length, 0, 'gone once told');
        assert.equal((await harness.purgeEntries()).length, 1);
        clock.advance(60 * 60_000);
        await worker.runOnce();
        assert.equal(listener.calls.length, 3, 'never told again');
        assert.equal((await harness.record(id)).status, 'rejected');
        const logged = JSON.stringify(logs.lines());
        for (const text of personalData) assert.ok(!logged.includes(text), `log shows "${text}"`);
      });

      it('a hung listener call times out: the pass goes on, and it is retried later', async function () {
        const { stores, clock, logs } = setup();
        let calls = 0;
        const listener = {
          onStatusChanged: () => {
            calls += 1;
            // The first call never answers (a hung Teams call).
            return calls === 1 ? new Promise<void>(() => undefined) : Promise.resolve();
          },
        };
        const harness = new DeliveryHarness({ stores, clock, logger: logs.logger, listener });
        await harness.submit();
        await harness.submit();
        const worker = harness.worker(new ScriptedPartnership(accepted('DPP-H')), {
          notifyTimeoutMs: 20,
        });
        const report = await worker.runOnce();
        assert.equal(report.sent, 2, 'the second referral was not held up by the first');
        assert.equal(report.notifyRetrying, 1);
        clock.advance(60_000);
        assert.equal((await worker.runOnce()).notified, 1);
        assert.equal(calls, 3);
        assert.equal((await harness.deliverEntries()).length, 0);
      });

      it('gives up after the notify deadline, with an error logged and no personal data', async function () {
        const { stores, clock, logs } = setup();
        const listener = aFlakyListener(Number.POSITIVE_INFINITY);
        const harness = new DeliveryHarness({ stores, clock, logger: logs.logger, listener });
        await harness.submit();
        const worker = harness.worker(new ScriptedPartnership(accepted('DPP-G')), {
          notifyDeadlineMs: 10 * 60_000,
        });
        await worker.runOnce();
        for (let i = 0; i < 20 && (await harness.deliverEntries()).length > 0; i += 1) {
          clock.advance(60_000);
          await worker.runOnce();
        }
        assert.equal((await harness.deliverEntries()).length, 0);
        assert.ok(logs.lines().some((l) => String(l.msg).includes('gave up')));
      });
    });

    it('fails (rather than retrying forever) a queued referral whose body is missing', async function () {
      const { harness, stores } = setup();
      const id = await harness.submit();
      const item = await stores.referrals.read(referralKey(aTenantId, id));
      assert.ok(item);
      const { body: _body, ...withoutBody } = item.value;
      await stores.referrals.replace(
        { ...referralKey(aTenantId, id), etag: item.etag },
        withoutBody,
      );
      const partnership = new ScriptedPartnership();
      assert.equal((await harness.worker(partnership).runOnce()).failed, 1);
      assert.equal((await harness.record(id)).lastFailure?.reason, 'body-missing');
      assert.equal(partnership.requests.length, 0);
    });
  });

  describe('retention', function () {
    it('purges the body after the retention period, leaving the audit record', async function () {
      const { harness, clock } = setup();
      const id = await harness.submit();
      const worker = harness.worker(new ScriptedPartnership(accepted('DPP-P')), {
        retentionMs: 30 * day,
      });
      await worker.runOnce();
      const sent = await harness.record(id);

      clock.advance(30 * day - 60_000);
      assert.equal((await worker.purgeOnce()).purged, 0);
      assert.ok((await harness.record(id)).body, 'kept until the retention runs out');

      clock.advance(120_000);
      assert.equal((await worker.purgeOnce()).purged, 1);
      const audit = await harness.record(id);
      assert.deepEqual(Object.keys(audit).sort(), [
        'attempts',
        'bodyPurgedAt',
        'bodySha256',
        'deadlineAt',
        'id',
        'purgeAfter',
        'reference',
        'referrerId',
        'schemaVersion',
        'sentAt',
        'status',
        'statusChangedAt',
        'submittedAt',
        'tenantId',
        'updatedAt',
      ]);
      assert.equal(audit.status, 'sent');
      assert.equal(audit.bodySha256, sent.bodySha256);
      assert.equal(audit.bodyPurgedAt, clock.now().toISOString());
      assert.equal((await harness.purgeEntries()).length, 0);
      assert.equal((await worker.purgeOnce()).purged, 0, 'nothing left to do');
    });

    it('purges rejected and failed referrals too, with the partnership’s reasons', async function () {
      const { harness, clock } = setup();
      const rejectedId = await harness.submit();
      await harness.worker(new ScriptedPartnership(rejected({ 'father.name': 'x' }))).runOnce();
      clock.advance(31 * day);
      await harness.worker(new ScriptedPartnership()).purgeOnce();
      const audit = await harness.record(rejectedId);
      assert.equal(audit.status, 'rejected');
      assert.equal(audit.body, undefined);
      assert.equal(audit.rejection, undefined);
    });

    describe('set per tenant', function () {
      const otherTenantId = '00000000-0000-4000-8000-00000000bbbb';

      /** A worker whose retention comes from the tenant settings, cached, as the app wires it. */
      function perTenantWorker(s: ReturnType<typeof setup>, client: PartnershipClient) {
        const settings = new StoredTenantDirectory(s.storage.collection<TenantSettings>('tenants'));
        const worker = new DeliveryWorker({
          stores: s.stores,
          client,
          clock: s.clock,
          logger: s.logs.logger,
          random: seededRandom(1),
          listener: s.listener,
          retention: retentionFromTenants(new CachedTenantDirectory(settings, s.clock), 30 * day),
          options: { ...testWorkerOptions, retentionMs: 30 * day },
        });
        return { settings, worker };
      }

      it('a tenant with 7 days purges its bodies after 7 days', async function () {
        const s = setup();
        const { settings, worker } = perTenantWorker(s, new ScriptedPartnership(accepted('D-7')));
        await settings.save(aTenantId, { contacts: {}, referralRetentionDays: 7 });
        const id = await s.harness.submit();
        await worker.runOnce();
        const sent = await s.harness.record(id);
        assert.equal(
          sent.purgeAfter,
          new Date(Date.parse(sent.statusChangedAt) + 7 * day).toISOString(),
        );

        s.clock.advance(7 * day - 60_000);
        assert.equal((await worker.purgeOnce()).purged, 0);
        assert.ok((await s.harness.record(id)).body, 'kept until its 7 days run out');
        s.clock.advance(120_000);
        assert.equal((await worker.purgeOnce()).purged, 1);
        assert.equal((await s.harness.record(id)).body, undefined);
      });

      it('a tenant without the setting keeps the global default', async function () {
        const s = setup();
        const { settings, worker } = perTenantWorker(s, new ScriptedPartnership(accepted('D-30')));
        await settings.save(aTenantId, { contacts: {}, referralRetentionDays: 7 });
        await settings.save(otherTenantId, { contacts: { councilName: 'Other Council' } });
        const other = await s.harness.submit(aReferralInput(), otherTenantId);
        await worker.runOnce();
        const sent = await s.harness.record(other, otherTenantId);
        assert.equal(
          sent.purgeAfter,
          new Date(Date.parse(sent.statusChangedAt) + 30 * day).toISOString(),
        );

        s.clock.advance(7 * day + 60_000);
        assert.equal((await worker.purgeOnce()).purged, 0, 'the 7 days are the other tenant’s');
        s.clock.advance(23 * day);
        assert.equal((await worker.purgeOnce()).purged, 1);
        assert.equal((await s.harness.record(other, otherTenantId)).body, undefined);
      });

      it('a changed setting applies to referrals finalised after it; earlier ones keep their time', async function () {
        const s = setup();
        const { settings, worker } = perTenantWorker(s, new ScriptedPartnership(accepted('D-C')));
        await settings.save(aTenantId, { contacts: {}, referralRetentionDays: 7 });
        const first = await s.harness.submit();
        await worker.runOnce();

        await settings.save(aTenantId, { contacts: {}, referralRetentionDays: 90 });
        s.clock.advance(10 * 60_000); // past the settings cache
        const second = await s.harness.submit();
        await worker.runOnce();

        const days = async (id: string) => {
          const r = await s.harness.record(id);
          return (Date.parse(r.purgeAfter ?? '') - Date.parse(r.statusChangedAt)) / day;
        };
        assert.equal(await days(first), 7);
        assert.equal(await days(second), 90);
      });

      it('an unusable value from the port falls back to the default, logged without the tenant', async function () {
        const s = setup();
        const worker = new DeliveryWorker({
          stores: s.stores,
          client: new ScriptedPartnership(accepted('D-X')),
          clock: s.clock,
          logger: s.logs.logger,
          retention: { retentionFor: () => Promise.resolve(Number.NaN) },
          options: { ...testWorkerOptions, retentionMs: 30 * day },
        });
        const id = await s.harness.submit();
        assert.equal((await worker.runOnce()).sent, 1);
        const sent = await s.harness.record(id);
        assert.equal(
          sent.purgeAfter,
          new Date(Date.parse(sent.statusChangedAt) + 30 * day).toISOString(),
        );
        assert.ok(s.logs.text().includes('Tenant referral retention is not valid'));
        assert.ok(!s.logs.text().includes(aTenantId));
      });
    });
  });

  describe('running on its own', function () {
    it('start → wake → delivers → stop, leaving no timer behind', async function () {
      const { harness, listener } = setup();
      const worker = harness.worker(new ScriptedPartnership(accepted('DPP-S')), {
        pollIntervalMs: 3_600_000,
      });
      worker.start();
      const id = await harness.submit();
      worker.wake();
      const change = await listener.next((c) => c.referral.referralId === id);
      assert.equal(change.referral.status, 'sent');
      await worker.stop();
      await worker.stop();
    });
  });
});
