import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { start, type PartnershipIntake } from '../../../src/dev/partnershipIntake/intakeServer';
import type { DocumentStore, Storage } from '../../../src/kernel/documentStore';
import { AppError, ErrorCodes } from '../../../src/kernel/errors';
import { createHttpPartnershipClient } from '../../../src/partnership/httpPartnershipClient';
import {
  deliverKey,
  referralStoresFrom,
  type ReferralStores,
} from '../../../src/referrals/records/referralStores';
import { submitReferral } from '../../../src/referrals/delivery/submitReferral';
import { capturedLogger } from '../../support/capturedLogs';
import { ManualClock, RecordingListener } from '../../support/referrals/deliveryFakes';
import { DeliveryHarness } from '../../support/referrals/deliveryHarness';
import { aReferralInput, aReferrerId, aTenantId } from '../../support/referrals/referralBuilders';
import { cosmosFixture, inMemoryFixture, type StorageFixture } from '../../support/storageFixtures';

const secret = 'integration-secret-integration-secret-02';

/** The calls submit makes, in order, named by store and method. */
interface Call {
  readonly store: 'referrals' | 'outbox';
  readonly method: string;
}

/**
 * Wraps both referral stores so that call number `lostAt` (counting from 0 over both) is carried
 * out by the real store and then "loses its answer": the caller gets STORE_UNAVAILABLE although
 * the write (or read) happened. Every call is recorded.
 */
function losingAnswerAt(stores: ReferralStores, lostAt: number, calls: Call[]): ReferralStores {
  const wrap = <T>(name: Call['store'], store: DocumentStore<T>): DocumentStore<T> =>
    new Proxy(store, {
      get(target, property, receiver) {
        const original = Reflect.get(target, property, receiver) as unknown;
        if (typeof original !== 'function' || typeof property !== 'string') return original;
        return async (...args: unknown[]) => {
          const index = calls.length;
          calls.push({ store: name, method: property });
          const call = original as (...a: unknown[]) => Promise<unknown>;
          const result: unknown = await call.apply(target, args);
          if (index === lostAt) {
            throw new AppError(ErrorCodes.storeUnavailable, 'The answer was lost (test).');
          }
          return result;
        };
      },
    });
  return {
    ...stores,
    referrals: wrap('referrals', stores.referrals),
    outbox: wrap('outbox', stores.outbox),
  };
}

function describeLostAnswers(fixture: StorageFixture): void {
  describe(`submit: "write succeeded, answer lost" at each storage call, on ${fixture.name}`, function () {
    let storage: Storage;
    let intake: PartnershipIntake;
    let clock: ManualClock;

    before(() => fixture.before());
    after(() => fixture.after());
    beforeEach(async () => {
      clock = new ManualClock('2025-03-03T09:00:00.000Z');
      storage = await fixture.open(clock);
      intake = await start({ secret, port: 0, clock });
    });
    afterEach(async () => {
      await intake.stop();
      await storage.close();
    });

    // Learn the sequence of calls from an undisturbed submit, then fail each in turn.
    const submitCalls = ['referrals.read', 'outbox.create', 'referrals.create'];

    it('an undisturbed submit makes exactly the calls the cases below fail one by one', async () => {
      const calls: Call[] = [];
      const stores = losingAnswerAt(referralStoresFrom(storage), -1, calls);
      await submitReferral(
        { stores, clock, newId: randomUUID },
        { tenantId: aTenantId, referrerId: aReferrerId, input: aReferralInput() },
      );
      assert.deepEqual(
        calls.map((c) => `${c.store}.${c.method}`),
        submitCalls,
      );
    });

    submitCalls.forEach((call, lostAt) => {
      it(`answer lost at ${call}: the referrer sees the truth and the partnership receives it exactly once`, async () => {
        const plain = referralStoresFrom(storage);
        const id = randomUUID();
        const calls: Call[] = [];
        const faulty = losingAnswerAt(plain, lostAt, calls);
        const request = { tenantId: aTenantId, referrerId: aReferrerId, input: aReferralInput() };
        let told: 'submitted' | 'try again';
        try {
          const result = await submitReferral({ stores: faulty, clock, newId: () => id }, request);
          assert.ok(result.ok);
          told = 'submitted';
        } catch (err) {
          assert.ok(err instanceof AppError && err.code === ErrorCodes.storeUnavailable);
          told = 'try again';
        }
        if (told === 'try again') {
          // What the form does on the next press: Send again with the same id.
          const again = await submitReferral({ stores: plain, clock, newId: () => id }, request);
          assert.ok(again.ok);
        }
        const harness = new DeliveryHarness({
          stores: plain,
          clock,
          logger: capturedLogger().logger,
          listener: new RecordingListener(),
        });
        const worker = harness.worker(
          createHttpPartnershipClient({ url: intake.referralUrl, secret, clock }),
        );
        await worker.runOnce();
        await worker.maintainOnce();
        clock.advance(60 * 60_000);
        await worker.runOnce();
        await worker.maintainOnce();
        assert.equal((await harness.record(id)).status, 'sent');
        assert.deepEqual(
          intake.received().map((r) => r.idempotencyKey),
          [id],
        );
      });
    });

    it('a queued referral left without its outbox entry (any cause) is found by the sweeper and delivered once', async () => {
      const stores = referralStoresFrom(storage);
      const harness = new DeliveryHarness({
        stores,
        clock,
        logger: capturedLogger().logger,
        listener: new RecordingListener(),
      });
      const id = await harness.submit();
      await stores.outbox.delete(deliverKey(id));
      const worker = harness.worker(
        createHttpPartnershipClient({ url: intake.referralUrl, secret, clock }),
      );
      assert.equal((await worker.runOnce()).sent, 0);
      assert.equal((await worker.maintainOnce()).sweep?.repaired, 1);
      assert.equal((await worker.runOnce()).sent, 1);
      await worker.maintainOnce();
      assert.equal((await worker.runOnce()).sent, 0);
      assert.deepEqual(
        intake.received().map((r) => r.idempotencyKey),
        [id],
      );
    });
  });
}

describeLostAnswers(inMemoryFixture);
describeLostAnswers(cosmosFixture('lost-answers'));
