import assert from 'node:assert/strict';
import { aBotHarness, cardOf, runTurn, textsOf, verbsOf } from '../../support/botHarness';
import { aMessage } from '../../support/builders';
import { CardUser } from '../../support/cardUser';

function aPractitioner() {
  const harness = aBotHarness();
  return { ...harness, user: new CardUser(harness.adapter) };
}

/** What the step card's note box holds (Teams sends it with any button that takes inputs). */
function noteOn(card: unknown): string {
  const found = JSON.stringify(card).match(/"id":"note"[^}]*?"value":"([^"]*)"/);
  return found?.[1] ?? '';
}

async function toTheSummary(user: CardUser): Promise<void> {
  while (!verbsOf(user.card).includes('outcomes.ask'))
    await user.press(/^(Next|Finish)/, { note: noteOn(user.card) });
}

describe('nothing typed is lost, nothing shown is destroyed', () => {
  it('a note typed on a step survives Back and Pause, comes back in its box, and reaches the summary', async () => {
    const { user } = aPractitioner();
    await user.say('prepare');
    await user.press(/It is safe/);
    await user.press('Next', { note: 'Fake note on opening' });
    assert.match(user.text(), /Step 3 of 7/);
    await user.press('Back', { note: 'Fake note on exploring' });
    assert.equal(noteOn(user.card), 'Fake note on opening', 'the step gone back to keeps its note');
    await user.press('Next', { note: noteOn(user.card) });
    assert.equal(noteOn(user.card), 'Fake note on exploring', 'and the one left by Back is back');
    await user.press('Pause', { note: 'Fake note on exploring, edited' });
    await user.press(/Go to the current step|Resume|Carry on/);
    assert.equal(noteOn(user.card), 'Fake note on exploring, edited', 'Pause keeps it too');
    await user.press('Menu', { note: 'Fake note on exploring, edited again' });
    await user.press('Carry on where I left off');
    assert.equal(noteOn(user.card), 'Fake note on exploring, edited again', 'and Menu');
    await toTheSummary(user);
    const summary = user.text();
    assert.match(summary, /Fake note on opening/);
    assert.match(summary, /Fake note on exploring, edited again/);
  });

  it('a note typed on a step is kept when a wording button on it is pressed', async () => {
    const { user } = aPractitioner();
    await user.say('prepare');
    await user.press(/It is safe/);
    await user.press(/^Wording:/, { note: 'Fake note before wording' });
    assert.equal(user.newCards.length, 1, 'the wording opens below');
    assert.match(textsOf(user.newCards[0]).join(' '), /Phrasing 1 of/);
    assert.match(user.text(), /Step 2 of 7/);
    assert.equal(noteOn(user.card), 'Fake note before wording', 'the note stays in its box');
    await toTheSummary(user);
    assert.match(user.text(), /Fake note before wording/);
  });

  it('"Make a referral" from the summary opens the form below it and leaves the summary in place', async () => {
    const { user } = aPractitioner();
    await user.say('prepare');
    await user.press(/It is safe/);
    await toTheSummary(user);
    const summary = user.text();
    await user.press('Make a referral');
    assert.equal(user.text(), summary, 'the summary stays');
    assert.equal(user.newCards.length, 1, 'the form arrives as a new message');
    assert.match(textsOf(user.newCards[0]).join(' '), /referral/i);
  });

  it('the referral offer says exactly what the form will carry over', async () => {
    const { user } = aPractitioner();
    await user.say('debrief');
    await user.press(/private and safe/);
    await user.press(/He talked openly/);
    await user.press(/He denied it/);
    await toTheSummary(user);
    assert.match(user.text(), /The form starts with what you chose about him \(he denied it\)/);
    assert.match(user.text(), /Your notes and his words are not carried over/);
  });

  it('"Back to the walk-through" on a safety card brings the step below it and leaves the safety card', async () => {
    const { user, adapter } = aPractitioner();
    await user.say('prepare');
    await user.press(/It is safe/);
    const replies = await runTurn(adapter, aMessage('he said he would kill her'));
    const safety = replies.map(cardOf).find((c) => c !== undefined);
    assert.ok(verbsOf(safety).includes('coaching.resume'));
    user.card = safety;
    await user.press('Back to the walk-through');
    assert.deepEqual(user.card, safety, 'the safety card stays');
    assert.equal(user.newCards.length, 1);
    assert.match(textsOf(user.newCards[0]).join(' '), /Step 2 of 7/);
  });

  it('starting a new walk-through while one is paused asks first: resume, or start again and discard', async () => {
    const { user } = aPractitioner();
    await user.say('debrief');
    await user.press(/private and safe/);
    await user.press('Pause');
    await user.say('prepare');
    assert.match(
      user.text(),
      /You have a paused debrief from \w+day \d+ \w+: resume it, or start again and discard it\?/,
    );
    await user.press('Resume it');
    assert.match(user.text(), /Step 2 of 7/);
    await user.press('Pause');
    await user.say('prepare');
    await user.press('Start again and discard it');
    assert.match(user.text(), /Prepare/);
    assert.match(user.text(), /Step 1 of 7/);
  });

  it('everything a safety card fired on is in "risks noted" once, typed words included; the card is never held back as a repeat', async () => {
    const { user, adapter } = aPractitioner();
    await user.say('prepare');
    await user.press(/It is safe/);
    for (let i = 0; i < 2; i++) {
      const replies = await runTurn(adapter, aMessage('he said he would kill her'));
      assert.ok(
        replies.map(cardOf).some((c) => /999/.test(textsOf(c).join(' '))),
        `card ${i + 1}`,
      );
    }
    await user.press('Next', { note: 'he has a knife in the van' });
    assert.ok(user.newCards.some((c) => /Weapons/.test(textsOf(c).join(' '))));
    await toTheSummary(user);
    const risks = /Risks noted\n([\s\S]*?)\nActions/.exec(user.text())?.[1] ?? '';
    assert.equal(risks.match(/Threats to kill/g)?.length, 1, 'once');
    assert.match(
      risks,
      /Threats to kill \(you typed “would kill her”\)|Threats to kill \(you typed “[^”]*kill[^”]*”\)/,
    );
    assert.match(risks, /Weapons \(you typed “[^”]*knife[^”]*”\)/);
  });
});
