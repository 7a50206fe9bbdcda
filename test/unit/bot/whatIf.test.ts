import assert from 'node:assert/strict';
import { aBotHarness, textsOf } from '../../support/botHarness';
import { CardUser } from '../../support/cardUser';

function aPractitioner() {
  return new CardUser(aBotHarness().adapter);
}

/** What the step card's note box holds (Teams sends it with any button that takes inputs). */
function noteOn(card: unknown): string {
  const found = JSON.stringify(card).match(/"id":"note"[^}]*?"value":"([^"]*)"/);
  return found?.[1] ?? '';
}

/** The items ticked on the card's checklist, as Teams would send them back. */
function tickedOn(card: unknown): string {
  const found = JSON.stringify(card).match(/"id":"ticked"[^}]*?"value":"([^"]*)"/);
  return found?.[1] ?? '';
}

describe('"what if…" buttons show their guidance on the same step', () => {
  it('opens the guidance on the same card, keeps the note, and goes back to the step; Next moves on', async () => {
    const user = aPractitioner();
    await user.say('prepare');
    await user.press(/It is safe/);
    assert.match(user.text(), /Step 2 of 7/);

    const note = 'Fake note typed before a what-if';
    await user.press('If he says everything is fine', { note });
    assert.equal(user.newCards.length, 0, 'nothing new in the chat: the same card changes');
    const guidance = user.text();
    assert.match(guidance, /Step 2 of 7/, 'still the same step');
    assert.match(guidance, /If he says everything is fine/);
    assert.match(guidance, /You could say/);
    assert.match(guidance, /“[^”]{20,}”/, 'the words to say, from the wording library');
    assert.equal(noteOn(user.card), note, 'the note is still in its box');
    assert.ok(user.button('Next'), 'moving on is the explicit Next');
    assert.throws(() => user.button('If he gets angry'), 'the list of what-ifs is closed');

    await user.press('Back to the step', { note: noteOn(user.card) });
    assert.match(user.text(), /Step 2 of 7/);
    assert.match(user.text(), /Questions you could ask him/, 'the step as it was');
    assert.doesNotMatch(user.text(), /You could say/);
    assert.equal(noteOn(user.card), note, 'and the note came back with it');

    await user.press('Next', { note: noteOn(user.card) });
    assert.match(user.text(), /Step 3 of 7/);
    while (!/Summary for your record/.test(user.text())) await user.press(/^(Next|Finish)/);
    const summary = user.text();
    assert.match(summary, /How to stay with specifics if he says everything is fine/);
    assert.match(summary, new RegExp(note), 'the note reaches the summary');
  });

  it('keeps ticked risk signs and the note through a what-if, and its risk note reaches the summary', async () => {
    const user = aPractitioner();
    await user.say('prepare');
    await user.press(/It is safe/);
    await user.press('Next');
    await user.press('Next');
    assert.match(user.text(), /Step 4 of 7/);
    await user.press('They are separating or have separated', {
      note: 'Fake note on risk',
      ticked: 'weapon',
    });
    assert.match(user.text(), /Step 4 of 7/);
    assert.match(user.text(), /a time of raised risk/);
    assert.equal(user.newCards.length, 1, 'its safety trigger raises the safety card below');
    assert.match(textsOf(user.newCards[0]).join(' '), /Separation/);
    assert.equal(tickedOn(user.card), 'weapon', 'the tick is kept');
    await user.press('Back to the step', { note: noteOn(user.card), ticked: tickedOn(user.card) });
    assert.equal(tickedOn(user.card), 'weapon');
    assert.equal(noteOn(user.card), 'Fake note on risk');
    await user.press('Next', { note: noteOn(user.card), ticked: tickedOn(user.card) });
    assert.match(user.text(), /Step 5 of 7/);
    while (!/Summary for your record/.test(user.text())) await user.press(/^(Next|Finish)/);
    assert.match(user.text(), /They are separating or have separated: a time of raised risk/);
    assert.match(user.text(), /Weapons/);
  });

  it('"More wording for this" opens the wording below and keeps the what-if and the note', async () => {
    const user = aPractitioner();
    await user.say('prepare');
    await user.press(/It is safe/);
    await user.press('Next');
    await user.press('If he denies it', { note: 'Fake note on exploring' });
    await user.press('More wording for this', { note: noteOn(user.card) });
    assert.equal(user.newCards.length, 1, 'the wording arrives below');
    assert.match(textsOf(user.newCards[0]).join(' '), /Phrasing 1 of/);
    assert.match(user.text(), /If he denies it/, 'the guidance stays open');
    assert.equal(noteOn(user.card), 'Fake note on exploring');
  });

  it('answers that choose the way on still move on (is it safe? what happened?)', async () => {
    const user = aPractitioner();
    await user.say('debrief');
    await user.press(/private and safe/);
    await user.press(/He talked openly/);
    assert.match(user.text(), /Step 3 of 7/);
  });
});
