import { strict as assert } from 'node:assert';
import { start, type PartnershipIntake } from '../../../src/dev/partnershipIntake/intakeServer';
import { createHttpPartnershipClient } from '../../../src/partnership/httpPartnershipClient';
import type { PartnershipClient } from '../../../src/referrals/delivery/ports';
import { referralStoresFrom } from '../../../src/referrals/records/referralStores';
import { wireBody } from '../../../src/referrals/schema/wire';
import { InMemoryStorage } from '../../../src/storage/memory/InMemoryStorage';
import { capturedLogger } from '../../support/capturedLogs';
import { ManualClock } from '../../support/referrals/deliveryFakes';
import { DeliveryHarness } from '../../support/referrals/deliveryHarness';
import { aReferralInput } from '../../support/referrals/referralBuilders';

const oldSecret = 'rotation-old-secret-rotation-old-secret-01';
const newSecret = 'rotation-new-secret-rotation-new-secret-02';

/**
 * The rotation the contract describes (src/dev/partnershipIntake/README.md), step by step, with
 * referrals failing and retrying across every step: the real HTTP client and the real receiver.
 */
describe('signing-secret rotation with referrals in flight (real client, real receiver over HTTP)', function () {
  this.timeout(30_000);
  let intake: PartnershipIntake;
  let clock: ManualClock;
  let harness: DeliveryHarness;

  beforeEach(async function () {
    // One clock for signing, the receiver's window and the worker: retries are minutes apart.
    clock = new ManualClock();
    intake = await start({ secret: oldSecret, port: 0, clock });
    const stores = referralStoresFrom(new InMemoryStorage({ clock }));
    harness = new DeliveryHarness({ stores, clock, logger: capturedLogger().logger });
  });
  afterEach(() => intake.stop());

  const client = (secret: string, nextSecret?: string): PartnershipClient =>
    createHttpPartnershipClient({
      url: intake.referralUrl,
      secret,
      clock,
      ...(nextSecret ? { nextSecret } : {}),
    });

  /** Submits `count` referrals and lets one pass run with `failing` of its attempts refused (503). */
  async function passWith(via: PartnershipClient, submit: number, failing: number) {
    const ids: string[] = [];
    for (let i = 0; i < submit; i += 1) ids.push(await harness.submit(aReferralInput()));
    intake.failNext(failing);
    clock.advance(2 * 60_000); // every retry so far is due
    await harness.worker(via).runOnce();
    return ids;
  }

  it('none lost, none rejected: each referral received exactly once, no request refused', async function () {
    const ids: string[] = [];
    // Before: both sides on the old secret; some referrals fail and wait to retry.
    ids.push(...(await passWith(client(oldSecret), 3, 3)));
    // Step 2: the council adds the next secret: requests carry both signatures.
    ids.push(...(await passWith(client(oldSecret, newSecret), 3, 4)));
    // Step 3: the partnership switches to the new secret alone.
    intake.acceptSecrets([newSecret]);
    ids.push(...(await passWith(client(oldSecret, newSecret), 2, 3)));
    // Step 4: the council promotes the new secret; the rest drain on it.
    const promoted = client(newSecret);
    for (let pass = 0; pass < 10; pass += 1) {
      clock.advance(2 * 60_000);
      await harness.worker(promoted).runOnce();
    }

    for (const id of ids) assert.equal((await harness.record(id)).status, 'sent', id);
    const keys = intake.received().map((r) => r.idempotencyKey);
    assert.deepEqual([...keys].sort(), [...ids].sort(), 'each referral received exactly once');
    const outcomes = intake.requests().map((r) => r.outcome);
    assert.equal(outcomes.filter((o) => o === 'unauthorised').length, 0, 'no signature refused');
    assert.ok(outcomes.filter((o) => o === 'fault').length >= 10, 'referrals were in flight');
  });

  it('the receiver would refuse a request signed with the old secret alone after it switched', async function () {
    intake.acceptSecrets([newSecret]);
    const body = wireBody({
      referralId: '3f1c9a52-0000-4000-8000-000000000001',
      submittedAt: clock.now().toISOString(),
      referral: aReferralInput() as never,
    });
    const refused = await client(oldSecret).deliver({
      referralId: '3f1c9a52-0000-4000-8000-000000000001',
      body,
    });
    assert.equal(refused.kind, 'retryable');
    assert.equal(refused.kind === 'retryable' && refused.reason, 'unauthorised');
    const rotating = await client(oldSecret, newSecret).deliver({
      referralId: '3f1c9a52-0000-4000-8000-000000000001',
      body,
    });
    assert.notEqual(rotating.kind, 'retryable', 'the next signature is accepted');
  });
});
