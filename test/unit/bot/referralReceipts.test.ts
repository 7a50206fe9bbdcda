import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { CardSender } from '../../../src/conversations/cardSender';
import { getReferralStatus, type ReferralSummary } from '../../../src/referrals';
import { createReceiptUpdater, showReceiptStatus } from '../../../src/referrals/form';
import { DeliveryWorker } from '../../../src/referrals/delivery/deliveryWorker';
import type { PartnershipClient } from '../../../src/referrals/delivery/ports';
import { invokeCardOf, runTurn, textsOf } from '../../support/botHarness';
import { aCardAction, fakeTenantId } from '../../support/builders';
import {
  accepted,
  rejected,
  RecordingListener,
  ScriptedPartnership,
  serverError,
  seededRandom,
} from '../../support/referrals/deliveryFakes';
import { fillEveryStep, nextWith } from '../../support/referrals/formAnswers';
import { aReferralHarness, inputsOf } from '../../support/referrals/formHarness';

const personal = ['Sam Testperson', '07700 900 123', 'ZZ1 1ZZ', 'Checks her phone', 'Alex Example'];

/** A fake at the real boundary (Teams' activity API): records every send and update asked of it. */
function aFakePort() {
  const updateCard = sinon.fake.resolves(undefined);
  const sendCard = sinon.fake.resolves('alert-activity');
  const port: CardSender = {
    update: updateCard,
    send: sendCard,
    createPersonalConversation: sinon.fake.rejects(new Error('not used by receipts')),
  };
  return { port, updateCard, sendCard };
}

async function sentReferral(options: { contacts?: Record<string, string> } = {}) {
  const h = aReferralHarness();
  if (options.contacts) await h.setContacts(options.contacts);
  await h.user.say('refer');
  await fillEveryStep(h.user);
  await h.user.press('Send the referral');
  const [stored] = await h.deps.stores.referrals.listPartition(fakeTenantId);
  assert.ok(stored);
  const receiptActivityId = [...h.user.messages.keys()].at(-1);
  const fake = aFakePort();
  const updater = receiptUpdaterFor(h, fake.port);
  const worker = (client: PartnershipClient, listener = updater) =>
    new DeliveryWorker({
      stores: h.deps.stores,
      client,
      clock: h.clock,
      logger: h.logs.logger,
      random: seededRandom(1),
      listener,
      options: { backoff: { baseDelayMs: 1_000, maxDelayMs: 60_000, minDelayMs: 1_000 } },
    });
  return { h, referralId: stored.id, receiptActivityId, updater, worker, ...fake };
}

type Card = Record<string, unknown>;
const cardArg = (fake: sinon.SinonSpy, call = 0) => fake.getCall(call).args[2] as Card;

/** The production receipt updater over the harness's stores, talking to `port`. */
function receiptUpdaterFor(h: ReturnType<typeof aReferralHarness>, port: CardSender) {
  return createReceiptUpdater({
    sender: port,
    receipts: h.deps.receipts,
    conversations: h.deps.conversations,
    cards: h.cards.renderer,
    tenants: h.deps.tenants,
    clock: h.clock,
    logger: h.logs.logger,
  });
}

describe('referral receipts, updated in place', () => {
  afterEach(() => sinon.restore());

  it('queued → sent: the receipt shows the partnership’s reference, in the chat it was posted in', async () => {
    const { h, referralId, receiptActivityId, worker, updateCard } = await sentReferral();
    assert.equal(
      (await worker(new ScriptedPartnership(accepted('DPP-7K2M9QXA'))).runOnce()).sent,
      1,
    );

    assert.equal(updateCard.callCount, 1);
    const [reference, activityId, card] = updateCard.firstCall.args as [
      Record<string, unknown>,
      string,
      Card,
    ];
    assert.equal(activityId, receiptActivityId, 'the receipt message itself is updated');
    assert.equal((reference.conversation as { id: string }).id, 'a:fake-personal-conversation');
    const text = textsOf(card).join('\n');
    assert.match(text, /Received by the partnership/);
    assert.match(text, /DPP-7K2M9QXA/);
    assert.match(text, new RegExp(referralId.slice(0, 8).toUpperCase()));
    for (const p of personal) assert.ok(!JSON.stringify(card).includes(p), `receipt shows "${p}"`);
    assert.equal(
      (await h.deps.receipts.find(fakeTenantId, referralId))?.receipt.shownStatus,
      'sent',
    );
  });

  it('is idempotent: told the same change again, it does not update the card again', async () => {
    const { h, referralId, updater, updateCard } = await sentReferral();
    const summary: ReferralSummary = {
      referralId,
      tenantId: fakeTenantId,
      referrerId: 'x',
      status: 'sent',
      submittedAt: h.clock.now().toISOString(),
      statusChangedAt: h.clock.now().toISOString(),
      attempts: 1,
      reference: 'DPP-1',
    };
    await updater.onStatusChanged({ previousStatus: 'queued', referral: summary });
    await updater.onStatusChanged({ previousStatus: 'queued', referral: summary });
    await Promise.all([
      updater.onStatusChanged({ previousStatus: 'queued', referral: summary }),
      updater.onStatusChanged({ previousStatus: 'queued', referral: summary }),
    ]);
    assert.equal(updateCard.callCount, 1);
  });

  it('does nothing for a referral without a receipt (e.g. its receipt could not be posted)', async () => {
    const { h, updater, updateCard } = await sentReferral();
    await updater.onStatusChanged({
      previousStatus: 'queued',
      referral: {
        referralId: '11111111-2222-4333-8444-555555555555',
        tenantId: fakeTenantId,
        referrerId: 'x',
        status: 'sent',
        submittedAt: h.clock.now().toISOString(),
        statusChangedAt: h.clock.now().toISOString(),
        attempts: 1,
      },
    });
    assert.equal(updateCard.callCount, 0);
  });

  it('queued → rejected: what to correct, by our labels; "correct it" reopens the form at the step to fix', async () => {
    const { h, worker, updateCard } = await sentReferral();
    const partnership = new ScriptedPartnership(
      rejected({ 'father.phone': 'We cannot call this number.', 'somewhere.else': 'Unclear.' }),
    );
    assert.equal((await worker(partnership).runOnce()).rejected, 1);
    const card = cardArg(updateCard);
    const text = textsOf(card).join('\n');
    assert.match(text, /Needs attention: sent back by the partnership/);
    assert.match(text, /His phone number: \nWe cannot call this number\./);
    assert.match(text, /Another part of the referral: \nUnclear\./);

    // The user presses "Correct it and send again" on the updated receipt.
    h.user.card = card;
    await h.user.press('Correct it and send again');
    assert.match(h.user.text(), /Step 2 of 7: About him/);
    assert.match(h.user.text(), /The partnership sent this referral back/);
    assert.match(
      h.user.errors()['father.phone'] ?? '',
      /The partnership: We cannot call this number/,
    );
    assert.equal(
      inputsOf(h.user.card)['father.name'],
      'Sam Testperson',
      'the returned answers are there',
    );
    await nextWith(
      h.user,
      { 'father.phone': '07700 900 124' },
      /Check your answers before sending/,
    );
    await h.user.press('Send the referral');
    assert.equal(
      (await h.counts()).referrals,
      2,
      'a new referral; the rejected one stays as it was',
    );
  });

  it('queued → failed: the card says it was not delivered and gives the partnership’s phone route', async () => {
    const { h, worker, updateCard } = await sentReferral({
      contacts: {
        partnershipName: 'Exampleshire Prevention Partnership',
        partnershipPhone: '01632 960 777',
      },
    });
    const w = worker(new ScriptedPartnership(serverError()));
    await w.runOnce();
    h.clock.advance(25 * 60 * 60_000); // past the 24-hour deadline
    await w.runOnce();
    assert.equal(updateCard.callCount, 1);
    const text = textsOf(cardArg(updateCard)).join('\n');
    assert.match(text, /not delivered/);
    assert.match(text, /Call Exampleshire Prevention Partnership on 01632 960 777/);
    assert.match(text, /call them/i);
  });

  it('failed: also posts a new message to the referrer, with the phone route, once, even when the in-place update is retried', async () => {
    const { h, referralId, worker, sendCard } = await sentReferral({
      contacts: {
        partnershipName: 'Exampleshire Prevention Partnership',
        partnershipPhone: '01632 960 777',
      },
    });
    const updateCard = sinon.stub();
    updateCard
      .onFirstCall()
      .rejects(Object.assign(new Error('Too Many Requests'), { statusCode: 429 }));
    updateCard.resolves(undefined);
    const updater = receiptUpdaterFor(h, {
      ...aFakePort().port,
      update: updateCard,
      send: sendCard,
    });
    const w = worker(new ScriptedPartnership(serverError()), updater);
    await w.runOnce();
    h.clock.advance(25 * 60 * 60_000); // past the 24-hour deadline
    const report = await w.runOnce();
    assert.equal(report.failed, 1);
    assert.equal(report.notifyRetrying, 1, 'the failed update is kept to retry');
    assert.equal(sendCard.callCount, 1, 'the referrer is told by a new message');
    const [reference, alert] = sendCard.firstCall.args as [Record<string, unknown>, Card];
    assert.equal((reference.conversation as { id: string }).id, 'a:fake-personal-conversation');
    const text = textsOf(alert).join('\n');
    assert.match(text, /A referral needs your attention/);
    assert.match(text, /could not be delivered/);
    assert.match(text, /call them on 01632 960 777/);
    assert.match(text, new RegExp(referralId.slice(0, 8).toUpperCase()));
    for (const p of personal) assert.ok(!JSON.stringify(alert).includes(p), `alert shows "${p}"`);

    h.clock.advance(60 * 60_000);
    assert.equal((await w.runOnce()).notified, 1, 'the in-place update, retried, goes through');
    assert.equal(updateCard.callCount, 2);
    assert.match(textsOf(updateCard.secondCall.args[2] as Card).join('\n'), /not delivered/);
    assert.equal(sendCard.callCount, 1, 'the new message is not posted again');
    const receipt = (await h.deps.receipts.find(fakeTenantId, referralId))?.receipt;
    assert.equal(receipt?.shownStatus, 'failed');
    assert.equal(receipt?.alertedStatus, 'failed');
    h.clock.advance(60 * 60_000);
    await w.runOnce();
    await updater.onStatusChanged({
      previousStatus: 'queued',
      referral: (await getReferralStatus(h.deps.stores, fakeTenantId, referralId))!,
    });
    assert.equal(sendCard.callCount, 1, 'told again: still one message');
  });

  it('rejected: a new message too; if Teams refuses it, it is posted on a later pass (not lost)', async () => {
    const { h, worker, updateCard, port } = await sentReferral();
    const sendCard = sinon.stub();
    sendCard.onFirstCall().rejects(Object.assign(new Error('Bad Gateway'), { statusCode: 502 }));
    sendCard.resolves(undefined);
    const updater = createReceiptUpdater({
      sender: { ...port, send: sendCard },
      receipts: h.deps.receipts,
      conversations: h.deps.conversations,
      cards: h.cards.renderer,
      tenants: h.deps.tenants,
      clock: h.clock,
      logger: h.logs.logger,
    });
    const w = worker(new ScriptedPartnership(rejected({ 'father.phone': 'Wrong.' })), updater);
    assert.equal((await w.runOnce()).notifyRetrying, 1);
    h.clock.advance(60 * 60_000);
    assert.equal((await w.runOnce()).notified, 1);
    assert.equal(sendCard.callCount, 2);
    assert.match(
      textsOf(sendCard.secondCall.args[1] as Card).join('\n'),
      /sent back by[\s\S]*Check the status/,
    );
    assert.equal(updateCard.callCount, 1, 'the receipt was updated once');
    assert.ok(!h.logs.text().includes('Wrong.'), 'the partnership’s words are not logged');
  });

  it('sent: the receipt updates in place; no new message', async () => {
    const { worker, sendCard, updateCard } = await sentReferral();
    await worker(new ScriptedPartnership(accepted('DPP-1'))).runOnce();
    assert.equal(updateCard.callCount, 1);
    assert.equal(sendCard.callCount, 0);
  });

  it('catches up in the Send turn when delivery finished before the receipt was remembered', async () => {
    const listener = new RecordingListener();
    const h0 = aReferralHarness();
    const realReceipts = h0.deps.receipts;
    const early = new DeliveryWorker({
      stores: h0.deps.stores,
      client: new ScriptedPartnership(accepted('DPP-FAST0001')),
      clock: h0.clock,
      logger: h0.logs.logger,
      listener,
    });
    const h = aReferralHarness({
      storage: h0.storage,
      clock: h0.clock,
      deps: {
        receipts: {
          ...realReceipts,
          find: (t, r) => realReceipts.find(t, r),
          markShown: (l, s, a) => realReceipts.markShown(l, s, a),
          // The worker delivers just before the receipt is written.
          save: async (record) => {
            await early.runOnce();
            await realReceipts.save(record);
          },
        },
      },
    });
    await h.user.say('refer');
    await fillEveryStep(h.user);
    await h.user.press('Send the referral');
    assert.equal(listener.changes.length, 1, 'the worker finished first');
    const receipt = JSON.stringify(h.user.newCards.at(-1));
    assert.match(receipt, /Received by the partnership/, 'the receipt was brought up to date');
    assert.match(receipt, /DPP-FAST0001/);
  });

  it('“Check the status” on a receipt shows the current status in place; only for the referrer', async () => {
    const { h, referralId, worker } = await sentReferral();
    h.user.card = h.user.newCards.at(-1);
    await worker(new ScriptedPartnership(accepted('DPP-CHECK001'))).runOnce();
    await h.user.press('Check the status');
    assert.match(h.user.text(), /Received by the partnership[\s\S]*DPP-CHECK001/);

    const someoneElse = {
      ...aCardAction('referral.status', { referralId }),
      from: {
        id: '29:another-user',
        aadObjectId: '00000000-0000-4000-8000-0000000000f2',
        name: 'Another',
      },
    };
    const replies = await runTurn(h.adapter, someoneElse);
    const shown = textsOf(invokeCardOf(replies.at(-1) ?? {})).join('\n');
    assert.match(shown, /Referral not found/);
    assert.ok(!shown.includes('DPP-CHECK001'));
  });

  it('uses the newest conversation reference the directory holds, not the one stored with the receipt', async () => {
    const { h, referralId, updateCard, port } = await sentReferral();
    const loaded = await h.deps.receipts.find(fakeTenantId, referralId);
    assert.ok(loaded);
    await h.deps.conversations.remember({
      tenantId: fakeTenantId,
      conversationId: loaded.receipt.conversationId,
      kind: 'personal',
      reference: { ...loaded.receipt.reference, serviceUrl: 'https://smba.example.test/moved/' },
    });
    const summary = (await h.deps.stores.referrals.read({
      partitionKey: fakeTenantId,
      id: referralId,
    }))!.value;
    await showReceiptStatus(
      {
        sender: port,
        receipts: h.deps.receipts,
        conversations: h.deps.conversations,
        cards: h.cards.renderer,
        tenants: h.deps.tenants,
        clock: h.clock,
      },
      {
        referralId,
        tenantId: fakeTenantId,
        referrerId: summary.referrerId,
        status: 'sent',
        submittedAt: summary.submittedAt,
        statusChangedAt: summary.submittedAt,
        attempts: 1,
      },
    );
    assert.equal(
      (updateCard.firstCall.args[0] as { serviceUrl: string }).serviceUrl,
      'https://smba.example.test/moved/',
    );
  });
});
