import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PNG } from 'pngjs';
import { resultsDir } from '../support/e2e/failureReport';
import { useChatSession } from '../support/e2e/chatSession';
import { eventually } from '../support/eventually';
import type { PlaygroundChat } from '../support/e2e/playgroundChat';

/** Generous for a slow 2-core CI runner, yet bounded: a bot turn through the playground. */
const turnTimeoutMs = 30_000;
/** A phone's width: step cards are measured rendered this wide. */
const phoneWidth = 360;
/** No step card may be taller than this before anything on it is expanded. */
const maxStepHeight = 900;

describe('end to end: the chat as a practitioner lives it (Agents Playground, Chromium)', function () {
  const session = useChatSession('conversation');
  let chat: PlaygroundChat;

  beforeEach(() => {
    ({ chat } = session());
  });

  const openMenu = () => chat.openMenu(turnTimeoutMs);
  const pressAndExpect = (index: number, title: string, expected: string) =>
    chat.pressAndExpect(index, title, expected, turnTimeoutMs);

  /** Starts a prepare walk-through on the menu card, discarding one left unfinished. */
  const startPrepare = async (card: number) => {
    await chat.press(card, 'Prepare for a conversation');
    const asked = await eventually(
      'step 1, or the question about the walk-through left unfinished',
      async () => {
        const text = await chat.cardText(card);
        if (text.includes('Step 1 of 7')) return 'no';
        return text.includes('Start again and discard it') ? 'yes' : undefined;
      },
      { timeoutMs: turnTimeoutMs, intervalMs: 200 },
    );
    if (asked === 'yes') await pressAndExpect(card, 'Start again and discard it', 'Step 1 of 7');
  };

  /**
   * The card's height in pixels, from a screenshot of it rendered `phoneWidth` wide (the card's
   * own width is set, so the playground's side panels do not matter).
   */
  const heightAtPhoneWidth = async (index: number): Promise<number> => {
    const { page } = session();
    const card = chat.card(index);
    const viewport = page.viewportSize();
    try {
      await page.setViewportSize({ width: 1280, height: 3_000 });
      await card.evaluate((el, width) => {
        const style = (el as { style: Record<string, string> }).style;
        style.width = `${width}px`;
        style.maxWidth = `${width}px`;
        style.minWidth = `${width}px`;
      }, phoneWidth);
      const shot = await card.screenshot({ timeout: 10_000 });
      if (process.env.E2E_SCREENSHOTS) {
        await mkdir(resultsDir, { recursive: true });
        await writeFile(path.join(resultsDir, `step-card-${index}-${Date.now()}.png`), shot);
      }
      const png = PNG.sync.read(shot);
      assert.equal(png.width, phoneWidth, 'measured at phone width');
      return png.height;
    } finally {
      await card.evaluate((el) => {
        const style = (el as { style: Record<string, string> }).style;
        style.width = style.maxWidth = style.minWidth = '';
      });
      if (viewport) await page.setViewportSize(viewport);
    }
  };

  it(`measures every prepare step card at ${phoneWidth} px wide; "why" and "avoid" open on demand`, async () => {
    const card = await openMenu();
    await startPrepare(card);
    const heights: Array<[string, number]> = [];
    const measure = async () => {
      const text = await chat.cardText(card);
      const progress = text.split('\n').find((l) => /Step \d of 7/.test(l)) ?? '?';
      const stop = text.includes('Do not ask now') ? ' (do not ask now)' : '';
      heights.push([`${progress.trim()}${stop}`, await heightAtPhoneWidth(card)]);
    };
    await measure();
    await pressAndExpect(card, 'His partner will be there', 'Do not ask now');
    await measure();
    await pressAndExpect(card, 'I can arrange to see him on his own', 'Step 1 of 7');
    await pressAndExpect(card, 'It is safe: I will see him on his own', 'Step 2 of 7');
    for (let step = 2; step <= 7; step++) {
      await measure();
      if (step < 7) await pressAndExpect(card, 'Next', `Step ${step + 1} of 7`);
    }
    console.log(`    step card heights at ${phoneWidth} px wide (before expanding):`);
    for (const [step, height] of heights) console.log(`      ${height} px  ${step}`);
    const tallest = Math.max(...heights.map(([, h]) => h));
    console.log(`      tallest: ${tallest} px (target: at most ${maxStepHeight} px)`);

    // What is behind "Why this matters" is hidden until asked for, then shown on the same card.
    const [, closed] = heights.at(-1) ?? ['', 0];
    await chat.press(card, 'Why this matters');
    const opened = await heightAtPhoneWidth(card);
    console.log(`      ${opened} px  the last step with "Why this matters" open`);
    assert.ok(opened > closed, 'opening "why" makes the card taller');
    await pressAndExpect(card, 'Finish and see summary', 'Summary for your record');
  });

  it('keeps a note typed on a step when a wording button is pressed, into the summary, and the summary stays when a referral is opened', async () => {
    const card = await openMenu();
    await startPrepare(card);
    await pressAndExpect(card, 'It is safe: I will see him on his own', 'Step 2 of 7');
    const note = 'E2E fake note typed before asking for wording';
    await chat.card(card).getByRole('textbox').first().fill(note);
    const before = await chat.cardCount();
    await chat.press(card, 'Wording: opening the subject');
    await chat.settle({ atLeast: before + 1 });
    assert.match(await chat.cardText(before), /Phrasing 1 of/, 'the wording arrives below');
    assert.match(await chat.cardText(card), /Step 2 of 7/, 'the step card stays');
    assert.equal(
      await chat.card(card).getByRole('textbox').first().inputValue(),
      note,
      'with the note still in its box',
    );
    for (let step = 2; step < 7; step++)
      await pressAndExpect(card, 'Next', `Step ${step + 1} of 7`);
    await pressAndExpect(card, 'Finish and see summary', 'Summary for your record');
    assert.match(await chat.cardText(card), new RegExp(note), 'the note reaches the summary');

    const shown = await chat.cardCount();
    await chat.press(card, 'Make a referral');
    await chat.settle({ atLeast: shown + 1 });
    assert.equal(await chat.cardCount(), shown + 1, 'the referral form is a new message');
    assert.match(
      await chat.cardText(card),
      /Summary for your record/,
      'the summary stays in the chat',
    );
    assert.match(await chat.cardText(card), new RegExp(note));
  });

  it('in a group chat, offers only what may run there and the way to the personal chat, saying why', async () => {
    // The playground forwards typed group-chat messages only with an @mention of the bot; the
    // refusal of "prepare" itself is held by test/unit/bot/sharedChats.test.ts. Here: the card
    // the bot posts when it joins the group chat.
    const { page } = session();
    await page.getByRole('treeitem', { name: /Sandbox group chat/ }).click();
    try {
      await chat.settle({ atLeast: 1 });
      const welcome = (await chat.cardCount()) - 1;
      await chat.waitForCardText(welcome, 'only work in your personal chat', turnTimeoutMs);
      const text = await chat.cardText(welcome);
      assert.match(text, /hold details of a family/);
      assert.match(text, /Open my personal chat with DARE Coach/);
      const buttons = await chat.buttons(welcome);
      assert.ok(buttons.includes('Find wording'));
      assert.ok(!buttons.some((b) => /Prepare|Debrief|referral/.test(b)), buttons.join(' | '));
    } finally {
      await page.getByRole('treeitem', { name: /Personal Chat/ }).click();
      await chat.settle({ atLeast: 1 });
    }
  });
});
