import { strict as assert } from 'node:assert';
import { start, type PartnershipIntake } from '../../../src/dev/partnershipIntake/intakeServer';
import type { Storage } from '../../../src/kernel/documentStore';
import { createHttpPartnershipClient } from '../../../src/partnership/httpPartnershipClient';
import { referralKey, referralStoresFrom } from '../../../src/referrals/records/referralStores';
import { sha256Hex, wireBody } from '../../../src/referrals/schema/wire';
import { capturedLogger } from '../../support/capturedLogs';
import { ManualClock } from '../../support/referrals/deliveryFakes';
import { DeliveryHarness } from '../../support/referrals/deliveryHarness';
import {
  aTenantId,
  aVersion1Referral,
  aVersion2Referral,
} from '../../support/referrals/referralBuilders';
import { inMemoryFixture } from '../../support/storageFixtures';

const secret = 'integration-secret-integration-secret-02';

describe('payload versions over HTTP to the real receiver', function () {
  let clock: ManualClock;
  let storage: Storage;
  let intake: PartnershipIntake;

  beforeEach(async function () {
    clock = new ManualClock('2025-03-03T09:00:00.000Z');
    storage = await inMemoryFixture.open(clock);
    intake = await start({ secret, port: 0, clock });
  });

  afterEach(async function () {
    await intake.stop();
    await storage.close();
  });

  function setup() {
    const stores = referralStoresFrom(storage);
    const harness = new DeliveryHarness({ stores, clock, logger: capturedLogger().logger });
    const client = createHttpPartnershipClient({ url: intake.referralUrl, secret, clock });
    return { stores, harness, worker: harness.worker(client) };
  }

  const olderShapes = [
    { version: 1, body: aVersion1Referral },
    { version: 2, body: aVersion2Referral },
  ] as const;
  for (const older of olderShapes) {
    it(`delivers a referral queued in the version ${older.version} shape before an upgrade, byte for byte as it was stored`, async function () {
      const { stores, harness, worker } = setup();
      const id = await harness.submit();
      // What an earlier release stored: a body in its shape and the hash of its wire bytes.
      const key = referralKey(aTenantId, id);
      const stored = await stores.referrals.read(key);
      assert.ok(stored);
      const body = older.body();
      const bytes = wireBody({
        referralId: id,
        submittedAt: stored.value.submittedAt,
        referral: body,
      });
      await stores.referrals.replace(
        { ...key, etag: stored.etag },
        { ...stored.value, body, bodySha256: sha256Hex(bytes) },
      );

      assert.equal((await worker.runOnce()).sent, 1);
      const [received] = intake.received();
      assert.equal(intake.received().length, 1);
      assert.equal(received?.body, bytes);
      assert.equal(received?.bodySha256, (await harness.record(id)).bodySha256);
      assert.equal((await harness.record(id)).status, 'sent');
    });
  }

  it('delivers a current referral, which declares version 3, with its other agencies as a list', async function () {
    const { harness, worker } = setup();
    const id = await harness.submit();
    assert.equal((await worker.runOnce()).sent, 1);
    const [received] = intake.received();
    assert.equal(received?.idempotencyKey, id);
    assert.equal(
      (JSON.parse(received?.body ?? '{}') as { referral: { version: number } }).referral.version,
      3,
    );
    const sent = JSON.parse(received?.body ?? '{}') as {
      referral: { agencies: { list: Array<{ agency: string }> } };
    };
    assert.deepEqual(
      sent.referral.agencies.list.map((a) => a.agency),
      ['drug-and-alcohol'],
    );
  });
});
