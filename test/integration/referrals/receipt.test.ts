import { ChannelRequestError } from '../../../src/conversations/channelRequestError';
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { createAdapter } from '../../../src/bot/adapter';
import { botFrameworkCardSender } from '../../../src/bot/proactive';
import type { CardSender } from '../../../src/conversations/cardSender';
import { start, type PartnershipIntake } from '../../../src/dev/partnershipIntake/intakeServer';
import type { Storage } from '../../../src/kernel/documentStore';
import { createHttpPartnershipClient } from '../../../src/partnership/httpPartnershipClient';
import { DeliveryWorker } from '../../../src/referrals/delivery/deliveryWorker';
import { createReceiptUpdater } from '../../../src/referrals/form';
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
      const sender: CardSender = {
        update: updateCard,
        send: sinon.fake.resolves('alert-activity'),
        createPersonalConversation: sinon.fake.rejects(new Error('not used by receipts')),
      };
      const h = aReferralHarness({ storage, clock, deps: { wakeDelivery: () => started.wake() } });
      const started: DeliveryWorker = new DeliveryWorker({
        stores: h.deps.stores,
        client: createHttpPartnershipClient({ url: intake.referralUrl, secret, clock }),
        clock,
        logger: h.logs.logger,
        listener: createReceiptUpdater({
          sender,
          receipts: h.deps.receipts,
          conversations: h.deps.conversations,
          cards: h.cards.renderer,
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

describe('the Bot Framework card sender over HTTP (a real CloudAdapter, a fake connector)', () => {
  const card = {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: 'Received by the partnership' }],
  };
  const personalChat = (serviceUrl: string) => ({
    channelId: 'msteams',
    serviceUrl,
    conversation: {
      id: 'a:receipt-conversation',
      conversationType: 'personal',
      tenantId: fakeTenantId,
    },
    bot: { id: '28:fake-bot-id' },
    user: { id: '29:fake-user-id' },
  });

  async function withSender(
    test: (
      sender: CardSender,
      connector: Awaited<ReturnType<typeof startFakeConnector>>,
    ) => Promise<void>,
    statusFor?: Parameters<typeof startFakeConnector>[0],
  ): Promise<void> {
    const connector = await startFakeConnector(statusFor);
    try {
      // The production adapter, turn-error handler included.
      const adapter = createAdapter(aConfig(), capturedLogger().logger, [], () => card);
      await test(botFrameworkCardSender(adapter, ''), connector);
    } finally {
      await connector.stop();
    }
  }

  it('updates a card in place: the activity in its conversation', () =>
    withSender(async (sender, connector) => {
      await sender.update(personalChat(connector.url), 'activity-42', card);
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
    }));

  it('rejects when Teams refuses an update, and posts nothing else into the chat', () =>
    withSender(
      async (sender, connector) => {
        await assert.rejects(
          sender.update(personalChat(connector.url), 'activity-42', card),
          // As the CardSender port promises: the refusal in framework-free terms.
          (err: unknown) => err instanceof ChannelRequestError && err.status === 429,
        );
        assert.deepEqual(
          connector.received.map((r) => r.path),
          ['/v3/conversations/a%3Areceipt-conversation/activities/activity-42'],
          'no "something went wrong" message was posted for the failed update',
        );
      },
      ({ method }) => (method === 'PUT' ? 429 : 200),
    ));

  it('sends a card as a new message and answers with the activity id the connector gave it', () =>
    withSender(async (sender, connector) => {
      const activityId = await sender.send(personalChat(connector.url), card);
      const [request] = await connector.waitFor(1);
      assert.match(
        request?.path ?? '',
        /\/v3\/conversations\/a%3Areceipt-conversation\/activities(\/[^/]+)?$/,
      );
      const body = request?.body as { attachments: Array<{ content: unknown }> };
      assert.deepEqual(body.attachments[0]?.content, card);
      assert.equal(activityId, 'reply-1');
    }));

  it('opens a personal chat with a team member, with the tenant, and answers with its address', () =>
    withSender(async (sender, connector) => {
      const channel = {
        ...personalChat(connector.url),
        conversation: {
          id: '19:team-channel@thread.tacv2',
          conversationType: 'channel',
          tenantId: fakeTenantId,
        },
      };
      const address = await sender.createPersonalConversation(channel, {
        userId: '29:team-member',
        tenantId: fakeTenantId,
      });
      const [request] = await connector.waitFor(1);
      assert.match(request?.path ?? '', /\/v3\/conversations$/);
      const body = request?.body as {
        isGroup: boolean;
        tenantId: string;
        members: Array<{ id: string }>;
        channelData: { tenant: { id: string } };
      };
      assert.equal(body.isGroup, false);
      assert.equal(body.tenantId, fakeTenantId);
      assert.deepEqual(body.channelData, { tenant: { id: fakeTenantId } });
      assert.deepEqual(
        body.members.map((m) => m.id),
        ['29:team-member'],
      );
      assert.deepEqual(address.conversation, {
        id: 'reply-1',
        conversationType: 'personal',
        tenantId: fakeTenantId,
        isGroup: false,
      });
      assert.deepEqual(address.user, { id: '29:team-member', aadObjectId: undefined });
      assert.equal(address.serviceUrl, connector.url);

      await sender.send(address, card);
      const [, posted] = await connector.waitFor(2);
      assert.match(posted?.path ?? '', /\/v3\/conversations\/reply-1\/activities(\/[^/]+)?$/);
    }));
});
