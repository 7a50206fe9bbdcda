import assert from 'node:assert/strict';
import { useChatSession } from '../support/e2e/chatSession';
import { PlaygroundChat } from '../support/e2e/playgroundChat';

const mainMenu = [
  'Prepare for a conversation',
  'Debrief a conversation',
  'Find wording',
  'Make a referral',
  'Team managers: refresher nudges',
];

describe('end to end: the bot behind the Agents Playground, in Chromium', function () {
  const session = useChatSession('welcome');
  let chat: PlaygroundChat;

  beforeEach(() => {
    ({ chat } = session());
  });

  it('answers "help" with the welcome card, whose buttons change that same card in place', async () => {
    await chat.send('help');
    const welcome = await chat.answerTo('help');
    await chat.waitForCardText(welcome, 'DARE Coach');
    const shown = await chat.cardCount();
    assert.deepEqual(
      (await chat.buttons(welcome)).filter((title) => mainMenu.includes(title)),
      mainMenu,
      'the welcome card offers the main actions',
    );

    // The sandbox's user is a team manager: the refreshers card, in place of the menu.
    await chat.press(welcome, 'Team managers: refresher nudges');
    await chat.waitForCardText(welcome, 'Send a refresher');
    assert.equal(
      await chat.cardCount(),
      shown,
      'Action.Execute must replace the pressed card, not post a new one',
    );
    assert.doesNotMatch(await chat.cardText(welcome), /coming soon/);
    assert.ok((await chat.buttons(welcome)).includes('Back to the menu'));

    await chat.press(welcome, 'Back to the menu');
    await chat.waitForCardText(welcome, 'Prepare for a conversation');
    assert.equal(await chat.cardCount(), shown, 'the menu comes back in the same card');
    assert.match(await chat.cardText(welcome), /DARE Coach/);
    assert.doesNotMatch(await chat.cardText(welcome), /coming soon/);
  });
});
