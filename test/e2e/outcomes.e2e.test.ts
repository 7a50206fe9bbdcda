import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { useChatSession } from '../support/e2e/chatSession';
import { resultsDir } from '../support/e2e/failureReport';
import { PlaygroundChat } from '../support/e2e/playgroundChat';

const turnTimeoutMs = 30_000;

describe('end to end: a manager sees team confidence from a seeded month, in the Agents Playground', function () {
  // The sandbox seeds fake answers and makes the playground's user the team's manager.
  const session = useChatSession('outcomes', { seedConfidence: true });
  let chat: PlaygroundChat;

  beforeEach(() => {
    ({ chat } = session());
  });

  it('shows team and council shares by month, the seed reference and "kept up", with no one named', async () => {
    const card = await chat.openMenu(turnTimeoutMs);
    await chat.pressAndExpect(
      card,
      'My confidence over time',
      'My confidence over time',
      turnTimeoutMs,
    );
    await chat.pressAndExpect(card, 'Team confidence figures', 'Kept up', turnTimeoutMs);
    const text = await chat.cardText(card);
    assert.match(text, /Your team/);
    assert.match(text, /42% before training, 100% after/);
    assert.match(text, /\d+%/);
    assert.match(text, /Kept up/);
    assert.doesNotMatch(text, /Sandbox Colleague|d4e0c0ac/, 'no one named or identified');
    assert.ok((await chat.buttons(card)).includes('Download as a CSV file'));

    // The picture for the closing note: test-results/outcomes-team-view.png.
    const { page } = session();
    await mkdir(resultsDir, { recursive: true });
    const file = path.join(resultsDir, 'outcomes-team-view.png');
    const viewport = page.viewportSize();
    try {
      await page.setViewportSize({ width: 1280, height: 2_400 });
      await chat.card(card).screenshot({ path: file, timeout: 10_000 });
      console.log(`  screenshot: ${file}`);
    } finally {
      if (viewport) await page.setViewportSize(viewport);
    }
  });
});
