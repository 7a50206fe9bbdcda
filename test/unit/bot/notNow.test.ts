import assert from 'node:assert/strict';
import { aBotHarness } from '../../support/botHarness';
import { CardUser } from '../../support/cardUser';

describe('"do not ask now"', () => {
  it('says what to do instead and ends the walk-through plainly, not at the last step', async () => {
    const harness = aBotHarness();
    const user = new CardUser(harness.adapter);
    await user.say('prepare');
    await user.press('His partner will be there');
    assert.match(user.text(), /Do not ask now/);
    await user.press('That will not be possible for now');
    const text = user.text();
    assert.doesNotMatch(text, /Step 7 of 7/, 'not walked on to record and reflect');
    assert.match(text, /Summary for your record/);
    assert.match(text, /You decided not to ask this time/);
    assert.match(text, /how to raise it safely another time/, 'what to do instead');
  });
});
