import assert from 'node:assert/strict';
import { aBotHarness, verbsOf } from '../../support/botHarness';
import { CardUser } from '../../support/cardUser';

function aPractitioner() {
  const harness = aBotHarness();
  return { ...harness, user: new CardUser(harness.adapter) };
}

/** A practitioner part-way through a prepare walk-through (step 2 of 7). */
async function midWalkthrough() {
  const practitioner = aPractitioner();
  await practitioner.user.say('prepare');
  await practitioner.user.press(/It is safe/);
  assert.match(practitioner.user.text(), /Step 2 of 7/);
  return practitioner;
}

describe('a way out of everything', () => {
  for (const words of [
    'stop',
    'STOP!',
    'Cancel.',
    'quit',
    ' Menu ',
    'start again',
    'Start again!',
  ]) {
    it(`"${words}" in a walk-through pauses it, says so and how to resume, and shows the menu`, async () => {
      const { user } = await midWalkthrough();
      await user.say(words);
      const text = user.text();
      assert.match(text, /paused/i);
      assert.match(text, /Step 2 of 7/, 'says where it was paused');
      assert.match(text, /Carry on where I left off/, 'and how to resume');
      assert.ok(verbsOf(user.card).includes('coaching.prepare'), 'the menu');

      await user.press('Carry on where I left off');
      assert.match(user.text(), /Step 2 of 7/, 'it resumes where it stopped');
    });
  }

  it('"stop" with nothing in progress shows the menu and says nothing was running', async () => {
    const { user } = aPractitioner();
    await user.say('stop');
    assert.ok(verbsOf(user.card).includes('coaching.prepare'), 'the menu');
    assert.ok(!/paused/i.test(user.text()));
  });

  it('"stop" in the referral form keeps the draft and shows the menu', async () => {
    const { user } = aPractitioner();
    await user.say('refer');
    await user.say('stop');
    assert.ok(verbsOf(user.card).includes('referral.start'), 'the menu');
    await user.press('Make a referral');
    assert.match(user.text(), /referral draft|Carry on/i, 'the draft is still there');
  });

  it('refreshers keep their own words: "stop refreshers" does not pause a walk-through', async () => {
    const { user } = await midWalkthrough();
    await user.say('stop refreshers');
    await user.say('hi');
    assert.ok(!/paused/i.test(user.text()));
    await user.press('Carry on where I left off');
    assert.match(user.text(), /Step 2 of 7/);
    assert.ok(verbsOf(user.card).includes('coaching.next'), 'still running, not paused');
  });

  it('danger typed with "stop" still raises the safety card first', async () => {
    const { user } = await midWalkthrough();
    await user.say('stop, he said he would kill her');
    assert.match(user.text(), /999|safety|danger/i);
    assert.ok(!/paused/i.test(user.text()), 'the safety card, not the menu');
  });

  it('a step card has a way back to the menu that pauses the walk-through', async () => {
    const { user } = await midWalkthrough();
    await user.press(/menu/i);
    assert.match(user.text(), /paused/i);
    assert.ok(verbsOf(user.card).includes('coaching.prepare'), 'the menu');
  });
});
