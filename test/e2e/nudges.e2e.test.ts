import assert from 'node:assert/strict';
import { useChatSession } from '../support/e2e/chatSession';
import { eventually } from '../support/eventually';
import { PlaygroundChat } from '../support/e2e/playgroundChat';

describe('end to end: a manager sends a refresher now, in the Agents Playground', function () {
  const session = useChatSession('nudges');
  let chat: PlaygroundChat;

  beforeEach(() => {
    ({ chat } = session());
  });

  it('sends the first tip now and it arrives in the personal chat, with "Stop refreshers"', async () => {
    const manage = await chat.ask('nudges');
    await chat.waitForCardText(manage, 'Send a refresher');
    const shown = await chat.cardCount();
    // Defaults: the first audience (the playground's team when it has been recorded, else
    // everyone who has talked to the bot, which includes this user) and the first tip.
    await chat.press(manage, 'Send now');
    await chat.waitForCardText(manage, 'Refresher: Alone before you ask');
    const arrived = await eventually(
      'the refresher in the personal chat',
      async () => {
        const count = await chat.cardCount();
        for (let i = shown; i < count; i += 1) {
          if ((await chat.cardText(i)).includes('DARE Coach refresher, from your manager'))
            return i;
        }
        return undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    assert.match(await chat.cardText(arrived), /Alone before you ask/);
    assert.ok((await chat.buttons(arrived)).includes('Stop refreshers'));
    // The manager's status card, refreshed on demand, counts it as sent.
    await chat.press(manage, 'Refresh');
    await chat.waitForCardText(manage, 'Finished', 30_000);
  });
});
