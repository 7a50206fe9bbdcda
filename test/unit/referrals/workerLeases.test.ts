import { strict as assert } from 'node:assert';
import type { DocumentStore } from '../../../src/kernel/documentStore';
import {
  deliverKey,
  referralKey,
  referralStoresFrom,
  type OutboxEntry,
  type ReferralStores,
} from '../../../src/referrals/records/referralStores';
import { InMemoryStorage } from '../../../src/storage/memory/InMemoryStorage';
import { capturedLogger } from '../../support/capturedLogs';
import {
  accepted,
  ManualClock,
  RecordingListener,
  ScriptedPartnership,
} from '../../support/referrals/deliveryFakes';
import { DeliveryHarness } from '../../support/referrals/deliveryHarness';
import { aTenantId } from '../../support/referrals/referralBuilders';

/** Counts outbox scans (listPartition calls), the cost idle polling is made of. */
function countingScans(outbox: DocumentStore<OutboxEntry>) {
  let scans = 0;
  const store: DocumentStore<OutboxEntry> = {
    read: (key) => outbox.read(key),
    create: (key, value, options) => outbox.create(key, value, options),
    replace: (key, value, options) => outbox.replace(key, value, options),
    upsert: (key, value, options) => outbox.upsert(key, value, options),
    delete: (key) => outbox.delete(key),
    listPartition: (pk, options) => {
      scans += 1;
      return outbox.listPartition(pk, options);
    },
  };
  return { store, scans: () => scans };
}

function setup() {
  const clock = new ManualClock();
  const stores = referralStoresFrom(new InMemoryStorage({ clock }));
  const counted = countingScans(stores.outbox);
  const shared: ReferralStores = { ...stores, outbox: counted.store };
  const logs = capturedLogger();
  const harness = new DeliveryHarness({
    stores: shared,
    clock,
    logger: logs.logger,
    listener: new RecordingListener(),
  });
  return { clock, stores: shared, harness, scans: counted.scans };
}

const options = { pollIntervalMs: 5_000, idlePollIntervalMs: 30_000, purgeIntervalMs: 900_000 };

describe('referral delivery worker: shared duties between instances', function () {
  it('scheduled scans: one instance scans, the other only checks the lease', async function () {
    const { harness, scans } = setup();
    const partnership = new ScriptedPartnership(accepted('DPP-1'));
    const one = harness.worker(partnership, options, 1);
    const two = harness.worker(partnership, options, 2);
    for (let round = 0; round < 5; round += 1) {
      const reports = [await one.pollOnce(), await two.pollOnce()];
      assert.deepEqual(
        reports.map((r) => r !== undefined),
        [true, false],
        `round ${round}`,
      );
    }
    // Eight outbox partitions per scan, five scans: the second instance added none.
    assert.equal(scans(), 5 * 8);
  });

  it('another instance takes the scans over when the holder stops renewing', async function () {
    const { harness, clock } = setup();
    const partnership = new ScriptedPartnership(accepted('DPP-1'));
    const one = harness.worker(partnership, options, 1);
    const two = harness.worker(partnership, options, 2);
    assert.ok(await one.pollOnce());
    assert.equal(await two.pollOnce(), undefined);
    clock.advance(2 * options.idlePollIntervalMs + options.pollIntervalMs);
    assert.ok(await two.pollOnce(), 'the lease ran out: the second instance scans');
    assert.equal(await one.pollOnce(), undefined, 'and the first, back, defers to it');
  });

  it('a referral submitted while another instance holds the scans is still delivered, once', async function () {
    const { harness } = setup();
    const partnership = new ScriptedPartnership(accepted('DPP-1'));
    const one = harness.worker(partnership, options, 1);
    const two = harness.worker(partnership, options, 2);
    await two.pollOnce();
    const id = await harness.submit();
    await one.pollOnce();
    await two.pollOnce();
    assert.equal((await harness.record(id)).status, 'sent');
    assert.equal(partnership.requests.length, 1);
  });

  it('maintenance (purge and sweep): one instance runs each pass; the next is due a purge interval later', async function () {
    const { harness, clock } = setup();
    const partnership = new ScriptedPartnership(accepted('DPP-1'));
    const one = harness.worker(partnership, options, 1);
    const two = harness.worker(partnership, options, 2);
    assert.deepEqual(
      [(await one.maintainOnce()).ran, (await two.maintainOnce()).ran],
      [true, false],
    );
    clock.advance(options.purgeIntervalMs - 1);
    assert.equal((await one.maintainOnce()).ran, true, 'its own lease: the holder may run again');
    assert.equal((await two.maintainOnce()).ran, false);
    clock.advance(options.purgeIntervalMs);
    assert.equal((await two.maintainOnce()).ran, true);
  });

  it('the maintenance pass gives a queued referral without a delivery entry its entry back', async function () {
    const { harness, stores } = setup();
    const partnership = new ScriptedPartnership(accepted('DPP-1'));
    const worker = harness.worker(partnership, options, 1);
    const id = await harness.submit();
    // As the old submit could leave it: the referral stored, its entry deleted.
    await stores.outbox.delete(deliverKey(id));
    assert.equal((await worker.runOnce()).sent, 0, 'no entry: no worker would ever find it');
    const report = await worker.maintainOnce();
    assert.equal(report.sweep?.repaired, 1);
    assert.equal((await worker.runOnce()).sent, 1);
    assert.equal(partnership.requests.length, 1);
    assert.ok(await stores.referrals.read(referralKey(aTenantId, id)));
  });
});
