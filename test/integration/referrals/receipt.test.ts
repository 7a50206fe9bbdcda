import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { createAdapter } from '../../../src/bot/adapter';
import {
  botFrameworkCardUpdater,
  createReceiptUpdater,
  type CardUpdatePort,
} from '../../../src/bot/proactive';
import { start, type PartnershipIntake } from '../../../src/dev/partnershipIntake/intakeServer';
import type { Storage } from '../../../src/kernel/documentStore';
import { createHttpPartnershipClient } from '../../../src/partnership/httpPartnershipClient';
import { DeliveryWorker } from '../../../src/referrals/deliveryWorker';
import { textsOf } from '../../support/botHarness';
import { aConfig, fakeTenantId } from '../../support/builders';
import { capturedLogger } from '../../support/capturedLogs';
import { cosmosFixture, inMemoryFixture, type StorageFixture } from '../../support/storageFixtures';
import { eventually } from '../../support/eventually';
import { startFakeConnector } from '../../support/fakeConnector';
import { ManualClock } from '../../support/referrals/deliveryFakes';
import {
  answers,
  fillEveryStep,
  fillFromHousehold,
  nextWith,
} from '../../support/referrals/formAnswers';
import { aReferralHarness } from '../../support/referrals/formHarness';

const secret = 'integration-secret-integration-secret-02';
type Card = Record<string, unknown>;

/** Resolves once the card updater has been called more than `calls` times. */
function updatedMoreThan(calls: number, what: string, updateCard: sinon.SinonSpy): Promise<true> {
  return eventually(what, async () => (updateCard.callCount > calls ? true : undefined), {
    timeoutMs: 10_000,
    intervalMs: 20,
  });
}

function describeReceipts(fixture: StorageFixture): void {
  describe(`referral form → delivery → receipt, over HTTP to the real receiver, on ${fixture.name}`, function () {
    this.timeout(60_000);
    let clock: ManualClock;
    let storage: Storage;
    let intake: PartnershipIntake;
    let worker: DeliveryWorker | undefined;

    before(() => fixture.before());
    after(() => fixture.after());

    beforeEach(async () => {
      // One clock for the form, the worker, the signer and the receiver.
      clock = new ManualClock(new Date());
      storage = await fixture.open(clock);
      intake = await start({ secret, port: 0, clock });
    });

    afterEach(async () => {
      await worker?.stop();
      worker = undefined;
      await intake.stop();
      await storage.close();
      sinon.restore();
    });

    /** The bot and a running delivery worker whose listener updates receipts through a fake port. */
    function aRunningBot() {
      const updateCard = sinon.fake.resolves(undefined);
      const port: CardUpdatePort = { updateCard, sendCard: sinon.fake.resolves(undefined) };
      const h = aReferralHarness({ storage, clock, deps: { wakeDelivery: () => started.wake() } });
      const started: DeliveryWorker = new DeliveryWorker({
        stores: h.deps.stores,
        client: createHttpPartnershipClient({ url: intake.referralUrl, secret, clock }),
        clock,
        logger: h.logs.logger,
        listener: createReceiptUpdater({
          port,
          receipts: h.deps.receipts,
          conversations: h.deps.conversations,
          cards: h.cards,
          tenants: h.deps.tenants,
          clock,
          logger: h.logs.logger,
        }),
        options: { pollIntervalMs: 60_000 },
      });
      started.start();
      worker = started;
      return { h, updateCard };
    }

    it('happy path: every step, Send, delivered once; the receipt turns to "sent" with the receiver’s reference', async () => {
      const { h, updateCard } = aRunningBot();
      await h.user.say('refer');
      await fillEveryStep(h.user);
      await h.user.press('Send the referral');
      const receiptId = [...h.user.messages.keys()].at(-1);
      assert.match(JSON.stringify(h.user.messages.get(receiptId ?? '')), /Queued for delivery/);

      await updatedMoreThan(0, 'the receipt update', updateCard);
      const [received] = intake.received();
      assert.equal(intake.received().length, 1);
      assert.equal(received?.referral.father.name, 'Sam Testperson');
      assert.equal(received?.referral.restricted, true);
      const [, activityId, card] = updateCard.firstCall.args as [unknown, string, Card];
      assert.equal(activityId, receiptId);
      const text = textsOf(card).join('\n');
      assert.match(text, /Received by the partnership/);
      assert.ok(
        received && text.includes(received.reference),
        'the receiver’s reference is on the receipt',
      );
      const [stored] = await h.deps.stores.referrals.listPartition(fakeTenantId);
      assert.equal(stored?.value.status, 'sent');
      assert.equal(stored?.value.reference, received?.reference);
      assert.equal(updateCard.callCount, 1);
    });

    it('a field error corrected, then sent back by the partnership, corrected again and delivered', async () => {
      intake.failNext(1, 422, {
        error: 'invalid_referral',
        message: 'Some fields need correcting.',
        fields: { 'father.phone': 'This number is not in service.' },
      });
      const { h, updateCard } = aRunningBot();
      await h.user.say('refer');
      await nextWith(h.user, answers.referrer, /Step 2 of 7/);
      await h.user.press('Next', { ...answers.father, 'father.address.postcode': 'SW1A' });
      assert.match(h.user.errors()['father.address.postcode'] ?? '', /postcode like SW1A 1AA/);
      await nextWith(h.user, { 'father.address.postcode': 'ZZ1 1ZZ' }, /Step 3 of 7/);
      await fillFromHousehold(h.user);
      await h.user.press('Send the referral');
      await updatedMoreThan(0, 'the rejected receipt', updateCard);
      const rejectedCard = updateCard.firstCall.args[2] as Card;
      assert.match(
        textsOf(rejectedCard).join('\n'),
        /His phone number: \nThis number is not in service\./,
      );

      h.user.card = rejectedCard;
      await h.user.press('Correct it and send again');
      assert.match(h.user.errors()['father.phone'] ?? '', /not in service/);
      await nextWith(
        h.user,
        { 'father.phone': '07700 900 456' },
        /Check your answers before sending/,
      );
      await h.user.press('Send the referral');
      await updatedMoreThan(1, 'the second receipt update', updateCard);
      assert.match(
        textsOf(updateCard.secondCall.args[2]).join('\n'),
        /Received by the partnership/,
      );
      assert.equal(intake.received().length, 1);
      assert.equal(intake.received()[0]?.referral.father.phone, '07700 900 456');
    });
  });
}

describeReceipts(inMemoryFixture);
describeReceipts(cosmosFixture('receipts'));

describe('the Bot Framework card-update port over HTTP', () => {
  it('updates the receipt activity in its conversation through the connector (a real CloudAdapter)', async () => {
    const connector = await startFakeConnector();
    try {
      const logs = capturedLogger();
      const adapter = createAdapter(aConfig(), logs.logger, []);
      const port = botFrameworkCardUpdater(adapter, '');
      const card = {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: 'Received by the partnership' }],
      };
      await port.updateCard(
        {
          channelId: 'msteams',
          serviceUrl: connector.url,
          conversation: {
            id: 'a:receipt-conversation',
            conversationType: 'personal',
            tenantId: fakeTenantId,
          },
          bot: { id: '28:fake-bot-id' },
          user: { id: '29:fake-user-id' },
        },
        'activity-42',
        card,
      );
      const [request] = await connector.waitFor(1);
      assert.match(
        request?.path ?? '',
        /\/v3\/conversations\/a%3Areceipt-conversation\/activities\/activity-42$/,
      );
      const body = request?.body as {
        type: string;
        id: string;
        attachments: Array<{ content: unknown }>;
      };
      assert.equal(body.type, 'message');
      assert.equal(body.id, 'activity-42');
      assert.deepEqual(body.attachments[0]?.content, card);
    } finally {
      await connector.stop();
    }
  });
});
