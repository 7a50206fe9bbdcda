import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { resultsDir } from '../support/e2e/failureReport';
import { useChatSession } from '../support/e2e/chatSession';
import { PlaygroundChat } from '../support/e2e/playgroundChat';

/** Stages of a prepare walk-through: "Step N of 7" on every step card. */
const stages = 7;
const progress = (step: number) => `Step ${step} of ${stages}`;
/** A threat to kill, typed mid-flow: the safety net must catch it (see safety-triggers.json). */
const dangerPhrase = 'he told her he would kill her if she left';
/** Generous for a slow 2-core CI runner, yet bounded: a bot turn through the playground. */
const turnTimeoutMs = 30_000;

describe('end to end: a coaching walk-through in the Agents Playground, in Chromium', function () {
  const session = useChatSession('coaching');
  let chat: PlaygroundChat;

  /**
   * With E2E_SCREENSHOTS=1, keeps a picture under test-results/ for a person to look at: of the
   * whole card at `index` or, without one, of the chat as the user sees it. The chat scrolls inside
   * the page, so for a card the window is made tall enough for the moment of the picture.
   */
  const snapshot = async (name: string, index?: number) => {
    if (!process.env.E2E_SCREENSHOTS) return;
    const { page } = session();
    const file = path.join(resultsDir, `coaching-${name}.png`);
    const viewport = page.viewportSize();
    await mkdir(resultsDir, { recursive: true });
    if (index === undefined) {
      await page.screenshot({ path: file, timeout: 10_000 });
      console.log(`  screenshot: ${file}`);
      return;
    }
    try {
      await page.setViewportSize({ width: 1280, height: 3_000 });
      await chat.card(index).screenshot({ path: file, timeout: 10_000 });
      console.log(`  screenshot: ${file}`);
    } finally {
      if (viewport) await page.setViewportSize(viewport);
      await page.evaluate('window.scrollTo(0, 0)');
    }
  };

  const openMenu = () => chat.openMenu(turnTimeoutMs);
  const pressAndExpect = (index: number, title: string, expected: string) =>
    chat.pressAndExpect(index, title, expected, turnTimeoutMs);

  beforeEach(() => {
    ({ chat } = session());
  });

  it('walks a prepare conversation from the welcome card to the summary, all in one card', async () => {
    const card = await openMenu();
    const shown = await chat.cardCount();
    const sameCard = async (when: string) =>
      assert.equal(
        await chat.cardCount(),
        shown,
        `${when}: the card is updated in place, no new one`,
      );

    await pressAndExpect(card, 'Prepare for a conversation', progress(1));
    await sameCard('starting');
    await snapshot('step-1', card);

    await pressAndExpect(card, 'It is safe: I will see him on his own', progress(2));
    await sameCard('step 1');
    for (let step = 2; step < stages; step++) {
      await pressAndExpect(card, 'Next', progress(step + 1));
      await sameCard(`step ${step}`);
      assert.doesNotMatch(await chat.cardText(card), new RegExp(`${progress(step)}\\b`));
    }

    await pressAndExpect(card, 'Finish and see summary', 'Summary for your record');
    await sameCard('finishing');
    await snapshot('summary', card);
    const summary = await chat.cardText(card);
    assert.doesNotMatch(summary, /Step \d of 7/, 'the summary replaced the last step');
    assert.match(summary, /How confident do you feel\?/);
    assert.ok(
      (await chat.buttons(card)).includes('Make a referral'),
      'the summary offers a referral',
    );
    assert.ok(
      (await chat.buttons(card)).includes('Answer two quick questions (optional)'),
      'the summary offers the confidence check-in',
    );
  });

  it('raises the safety card when danger is typed mid-flow, then goes back to the same step', async () => {
    const card = await openMenu();
    await pressAndExpect(card, 'Prepare for a conversation', progress(1));
    await pressAndExpect(card, 'It is safe: I will see him on his own', progress(2));
    await pressAndExpect(card, 'Next', progress(3));
    const before = await chat.cardCount();

    const safety = await chat.ask(dangerPhrase, { timeoutMs: turnTimeoutMs });
    await chat.waitForCardText(safety, 'Act now: check safety', turnTimeoutMs);
    await chat.waitForCardText(safety, 'Back to the walk-through', turnTimeoutMs);
    assert.equal(await chat.cardCount(), before + 1, 'the safety card is a new message');
    assert.equal(safety, before, 'and the last card in the chat');
    await snapshot('safety-chat');
    await snapshot('safety', safety);

    const alert = await chat.cardText(safety);
    assert.match(alert, /call 999/);
    assert.match(
      alert,
      /Any concern for a child:.*children['’]s safeguarding.*today/,
      'child route',
    );
    // The card explains "threats to kill" in its own words; what the user typed is not repeated.
    for (const typed of [dangerPhrase, 'he told her', 'if she left']) {
      assert.ok(!alert.includes(typed), `the typed words are not echoed: "${typed}"`);
    }
    assert.match(await chat.cardText(card), new RegExp(progress(3)), 'the step card is untouched');

    // The safety card stays in the chat; the step comes back as a new message below it.
    await chat.press(safety, 'Back to the walk-through');
    const back = safety + 1;
    await chat.waitForCardText(back, progress(3), turnTimeoutMs);
    assert.equal(await chat.cardCount(), before + 2, 'the step is a new message');
    assert.match(await chat.cardText(safety), /Act now: check safety/, 'the safety card stays');
    assert.match(await chat.cardText(back), /Explore what happens at home/);
    await snapshot('back-to-step-3', back);

    // The walk-through carries on from there.
    await pressAndExpect(back, 'Next', progress(4));
  });
});
