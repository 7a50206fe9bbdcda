import assert from 'node:assert/strict';
import sinon from 'sinon';
import { DocumentStoreSessionRepository } from '../../../src/coaching';
import { textsOf, verbsOf } from '../../support/botHarness';
import { aBotHarness } from '../../support/botHarness';
import { CardUser } from '../../support/cardUser';

function aPractitioner() {
  const harness = aBotHarness();
  return { ...harness, user: new CardUser(harness.adapter) };
}

describe('coaching walk-through turns', () => {
  afterEach(() => sinon.restore());

  it('walks a prepare conversation from the welcome card to the record-and-reflect summary', async () => {
    const { user } = aPractitioner();
    await user.say('hi');
    await user.press('Prepare for a conversation');
    assert.match(user.text(), /Step 1 of 7/);
    assert.ok(
      !verbsOf(user.card).includes('coaching.skip'),
      'the safe-to-ask gate cannot be skipped',
    );
    await user.press(/It is safe/);
    assert.match(user.text(), /Step 2 of 7/);
    for (let step = 2; step < 7; step++) {
      assert.match(user.text(), new RegExp(`Step ${step} of 7`));
      await user.press(/^(Next|Finish)/);
    }
    assert.match(user.text(), /Step 7 of 7/);
    await user.press(/^(Next|Finish)/);
    assert.ok(verbsOf(user.card).includes('referral.start'), 'the summary offers a referral');
    assert.ok(verbsOf(user.card).includes('outcomes.ask'), 'and the two confidence questions');
  });

  it('opens the two confidence questions below the summary, which stays on screen', async () => {
    const { user } = aPractitioner();
    await user.say('prepare');
    await user.press(/It is safe/);
    while (!verbsOf(user.card).includes('outcomes.ask')) await user.press(/^(Next|Finish)/);
    const summary = user.card;
    await user.press(/two quick questions/);
    assert.equal(user.card, summary, 'the summary is not replaced');
    const checkIn = user.newCards.at(-1);
    assert.ok(verbsOf(checkIn).includes('outcomes.confidence'));
    assert.match(JSON.stringify(checkIn), /confident to identify/i);
    assert.match(JSON.stringify(checkIn), /"moment":"after-walkthrough"/);
  });

  it('walks a debrief, branching on what he said, and records it in the summary', async () => {
    const { user } = aPractitioner();
    await user.say('debrief');
    assert.match(user.text(), /Step 1 of 7/);
    await user.press(/safe/i);
    await user.press(/talked|spoke|opened up/i);
    assert.match(user.text(), /Step 3 of 7/);
    await user.press(/minimi/i, { note: 'he said it was only a push' });
    assert.match(user.text(), /Step 4 of 7/);
    await user.press(/^(Next|Finish)/);
    while (!verbsOf(user.card).includes('outcomes.ask')) await user.press(/^(Next|Finish)/);
    const summary = user.text();
    assert.match(summary, /played down/i, 'what he said is in the summary');
    assert.match(summary, /only a push/, "with the practitioner's own note");
    assert.ok(verbsOf(user.card).includes('referral.start'));
  });

  for (const [answer, advice] of [
    [/partner will be there/i, /not ask|don't ask|do not ask/i],
    [/child will be there/i, /not ask|don't ask|do not ask/i],
    [/family member or friend can interpret/i, /interpreter/i],
  ] as const) {
    it(`stops the enquiry at the safe-to-ask gate: ${answer.source}`, async () => {
      const { user } = aPractitioner();
      await user.say('prepare');
      await user.press(answer);
      assert.match(user.text(), advice);
      await user.press(/^(Skip|Next)/);
      assert.ok(
        !/Step 2 of 7/.test(user.text()),
        'moving on from "do not ask now" never opens the enquiry',
      );
      assert.match(user.text(), /You decided not to ask this time/, 'it ends there, plainly');
    });
  }

  it('raises the safety card mid-flow when danger is typed, then carries on where the user was', async () => {
    const { user } = aPractitioner();
    await user.say('prepare');
    await user.press(/It is safe/);
    await user.press(/^Next/);
    assert.match(user.text(), /Step 3 of 7/);
    user.keep('step 3');

    await user.say('he told her he would kill her if she left');
    const safety = user.text();
    assert.match(safety, /999/);
    assert.ok(
      !/DASH/i.test(safety) || /not .*DASH|DASH.*(victim|her)/i.test(safety),
      'never suggests DASH with the father',
    );
    assert.ok(!safety.includes('he told her he would kill her'), 'the typed text is not echoed');

    // The step comes back below the safety card, which stays in the chat.
    await user.press(/walk-through/i);
    assert.match(textsOf(user.newCards[0]).join('\n'), /Step 3 of 7/);
  });

  it('raises the safety card in the same turn when a note on a step names a danger', async () => {
    const { user } = aPractitioner();
    await user.say('prepare');
    await user.press(/It is safe/, { note: 'neighbour says he choked her last week' });
    assert.equal(user.newCards.length, 1, 'the safety card arrives as a new message');
    assert.match(textsOf(user.newCards[0]).join(' '), /999/);
    assert.match(user.text(), /Step 2 of 7/, 'and the walk-through still moved on');
  });

  it('pauses, then resumes from the welcome card (another device, days later)', async () => {
    const { user, adapter } = aPractitioner();
    await user.say('prepare');
    await user.press(/It is safe/);
    await user.press(/^Pause/);
    assert.ok(verbsOf(user.card).includes('coaching.resume'));

    const otherDevice = new CardUser(adapter);
    await otherDevice.say('hi');
    assert.match(otherDevice.text(), /carry on/i);
    await otherDevice.press(/Carry on where I left off/);
    assert.match(otherDevice.text(), /Step 2 of 7/);
  });

  it('answers a button on an old copy of a card with "out of date" and a way to the current step, changing nothing', async () => {
    const { user } = aPractitioner();
    await user.say('prepare');
    user.keep('step 1');
    await user.press(/It is safe/);
    await user.press(/^Next/);
    assert.match(user.text(), /Step 3 of 7/);

    await user.pressOn('step 1', /partner will be there/i);
    assert.match(user.text(), /out of date/i);
    await user.press(/current step|carry on|continue/i);
    assert.match(user.text(), /Step 3 of 7/, 'the session was not changed by the old card');
  });

  it('reads the session at most once and writes it at most once per turn', async () => {
    const load = sinon.spy(DocumentStoreSessionRepository.prototype, 'load');
    const save = sinon.spy(DocumentStoreSessionRepository.prototype, 'save');
    const { user } = aPractitioner();
    await user.say('prepare');
    for (const press of [/It is safe/, /^Next/, /^Back/, /^Skip/, /^Pause/]) {
      load.resetHistory();
      save.resetHistory();
      await user.press(press);
      assert.ok(load.callCount <= 1, `${press.source}: ${load.callCount} reads`);
      assert.ok(save.callCount <= 1, `${press.source}: ${save.callCount} writes`);
    }
  });
});
