import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PNG } from 'pngjs';
import { format, resolveConfig } from 'prettier';
import { z } from 'zod';
import { projectRoot } from '../../src/kernel/projectRoot';
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
/** The prepare steps, in the words of card-heights.before.json. */
const stepNames = [
  'Step 1 of 7: Is it safe to ask?',
  'Step 2 of 7: Open the conversation',
  'Step 3 of 7: Explore what happens at home',
  'Step 4 of 7: Know the risk signs',
  'Step 5 of 7: Engage him as a father',
  'Step 6 of 7: Know what you can offer',
  'Step 7 of 7: Plan your record and reflect',
] as const;
const stopStepName = 'Step 1 of 7: do not ask now (his partner will be there)';
const heightsDir = path.join(projectRoot(), 'test', 'e2e', 'results');

/**
 * Writes card-heights.md: each step card's height before issue #16 (card-heights.before.json)
 * and as measured now, so the figures in the closing note come from a run, not by hand.
 */
async function recordHeights(
  heights: ReadonlyArray<readonly [string, number]>,
  expanded: ReadonlyArray<readonly [string, number]>,
): Promise<void> {
  const before = beforeSchema.parse(
    JSON.parse(await readFile(path.join(heightsDir, 'card-heights.before.json'), 'utf8')),
  ).heights;
  const rows = heights.map(([name, now]) => {
    const was = before[name];
    return `| ${name} | ${was === undefined ? 'not measured' : `${was} px`} | ${now} px |`;
  });
  const table = [
    `# Step card heights at ${phoneWidth} px wide, before anything is expanded`,
    '',
    `Written by \`test/e2e/conversation.e2e.test.ts\` (the Agents Playground in Chromium, the card set to`,
    `${phoneWidth} px wide, its screenshot's height). Limit: ${maxStepHeight} px. "Before" is`,
    'card-heights.before.json (commit 6a053ba).',
    '',
    '| step card | before | now |',
    '| --- | --- | --- |',
    ...rows,
    '',
    'Opened on demand (not limited):',
    '',
    '| step card | now |',
    '| --- | --- |',
    ...expanded.map(([name, now]) => `| ${name} | ${now} px |`),
    '',
  ].join('\n');
  // Formatted as the repository's Prettier would, so a test run leaves the lint check green.
  const file = path.join(heightsDir, 'card-heights.md');
  const options = (await resolveConfig(file)) ?? {};
  await writeFile(file, await format(table, { ...options, filepath: file }));
  console.log(`    ${path.relative(projectRoot(), path.join(heightsDir, 'card-heights.md'))}:`);
  for (const row of rows) console.log(`      ${row}`);
}

const beforeSchema = z.object({ heights: z.record(z.string(), z.number()) });

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
  const heightAtPhoneWidth = async (index: number, name: string): Promise<number> => {
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
        const file = `phone-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.png`;
        await writeFile(path.join(resultsDir, file), shot);
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

  it(`keeps every step card (prepare and debrief) at most ${maxStepHeight} px tall at ${phoneWidth} px wide; "why" and "avoid" open on demand`, async () => {
    const card = await openMenu();
    await startPrepare(card);
    const heights: Array<[string, number]> = [];
    const expanded: Array<[string, number]> = [];
    const measure = async (name: string, on = card) => {
      heights.push([name, await heightAtPhoneWidth(on, name)]);
    };
    await measure(stepNames[0]);
    await pressAndExpect(card, 'His partner will be there', 'Do not ask now');
    await measure(stopStepName);
    await pressAndExpect(card, 'I can arrange to see him on his own', 'Step 1 of 7');
    await pressAndExpect(card, 'It is safe: I will see him on his own', 'Step 2 of 7');
    for (let step = 2; step <= 7; step++) {
      await measure(stepNames[step - 1] ?? `Step ${step} of 7`);
      if (step === 2) {
        await chat.press(card, 'What if...');
        await pressAndExpect(card, 'If he says everything is fine', 'You could say');
        const name = 'Step 2 of 7 with "If he says everything is fine" open';
        expanded.push([name, await heightAtPhoneWidth(card, name)]);
        await pressAndExpect(card, 'Back to the step', 'Questions you could ask him');
      }
      if (step < 7) await pressAndExpect(card, 'Next', `Step ${step + 1} of 7`);
    }

    // What is behind "Why this matters" is hidden until asked for, then shown on the same card.
    const [, closed] = heights.at(-1) ?? ['', 0];
    await chat.press(card, 'Why this matters');
    const opened = await heightAtPhoneWidth(card, 'step-7-why-open');
    expanded.push(['Step 7 of 7 with "Why this matters" open', opened]);
    assert.ok(opened > closed, 'opening "why" makes the card taller');
    await pressAndExpect(card, 'Finish and see summary', 'Summary for your record');

    // The debrief's step cards, on the way most steps are seen.
    const debrief = await openMenu();
    await pressAndExpect(debrief, 'Debrief a conversation', 'Step 1 of 7');
    await measure('Debrief, step 1 of 7: Was it safe to ask?', debrief);
    await pressAndExpect(debrief, 'His partner was there', 'Act now');
    await measure('Debrief, step 1 of 7: act now (his partner was there)', debrief);
    await pressAndExpect(debrief, 'Carry on with the debrief', 'Step 2 of 7');
    await measure('Debrief, step 2 of 7', debrief);
    await pressAndExpect(debrief, 'He talked openly', 'Step 3 of 7');
    await measure('Debrief, step 3 of 7', debrief);
    await pressAndExpect(debrief, 'He got angry', 'When he got angry');
    await measure('Debrief, step 4 of 7: when he got angry', debrief);
    await pressAndExpect(debrief, 'We were able to carry on', 'Step 5 of 7');
    await measure('Debrief, step 5 of 7', debrief);
    await pressAndExpect(debrief, 'Back', 'Step 4 of 7');
    await pressAndExpect(debrief, 'Back', 'Step 3 of 7');
    await pressAndExpect(debrief, 'He denied it', 'Did you hear any risk signs?');
    await measure('Debrief, step 4 of 7: risk signs', debrief);
    for (let step = 5; step <= 7; step++) {
      await pressAndExpect(debrief, 'Next', `Step ${step} of 7`);
      if (step > 5) await measure(`Debrief, step ${step} of 7`, debrief);
    }

    await recordHeights(heights, expanded);
    const tooTall = heights.filter(([, h]) => h > maxStepHeight);
    assert.deepEqual(tooTall, [], `step cards taller than ${maxStepHeight} px at ${phoneWidth} px`);
  });

  it('keeps a note typed on a step when a wording button is pressed, into the summary, and the summary stays when a referral is opened', async () => {
    const card = await openMenu();
    await startPrepare(card);
    await pressAndExpect(card, 'It is safe: I will see him on his own', 'Step 2 of 7');
    const note = 'E2E fake note typed before asking for wording';
    await chat.card(card).getByRole('textbox').first().fill(note);
    const before = await chat.cardCount();
    await chat.press(card, 'Wording');
    await chat.press(card, 'Wording: opening the subject');
    await chat.settle({ atLeast: before + 1 });
    assert.match(await chat.cardText(before), /Phrasing 1 of/, 'the wording arrives below');
    assert.match(await chat.cardText(card), /Step 2 of 7/, 'the step card stays');
    assert.equal(
      await chat.card(card).getByRole('textbox').first().inputValue(),
      note,
      'with the note still in its box',
    );
    // A "what if…" opens on the same card, and the note is still there, then and after.
    const shown = await chat.cardCount();
    await chat.press(card, 'What if...');
    await pressAndExpect(card, 'If he says everything is fine', 'You could say');
    assert.match(await chat.cardText(card), /Step 2 of 7/, 'the same step');
    assert.equal(await chat.cardCount(), shown, 'in the same card');
    const box = () => chat.card(card).getByRole('textbox').first();
    assert.equal(await box().inputValue(), note, 'the note survives the what-if');
    await pressAndExpect(card, 'Back to the step', 'Questions you could ask him');
    assert.equal(await box().inputValue(), note, 'and the way back');
    for (let step = 2; step < 7; step++)
      await pressAndExpect(card, 'Next', `Step ${step + 1} of 7`);
    await pressAndExpect(card, 'Finish and see summary', 'Summary for your record');
    assert.match(await chat.cardText(card), new RegExp(note), 'the note reaches the summary');

    const withSummary = await chat.cardCount();
    await chat.press(card, 'Make a referral');
    await chat.settle({ atLeast: withSummary + 1 });
    assert.equal(await chat.cardCount(), withSummary + 1, 'the referral form is a new message');
    assert.match(
      await chat.cardText(card),
      /Summary for your record/,
      'the summary stays in the chat',
    );
    assert.match(await chat.cardText(card), new RegExp(note));
  });

  /** A picture of the page as the user sees it, for a person to look at (E2E_SCREENSHOTS=1). */
  const snapshot = async (name: string, width?: number) => {
    if (!process.env.E2E_SCREENSHOTS) return;
    const { page } = session();
    const viewport = page.viewportSize();
    await mkdir(resultsDir, { recursive: true });
    try {
      if (width !== undefined) await page.setViewportSize({ width, height: 780 });
      await page.screenshot({ path: path.join(resultsDir, `chat-${name}.png`), timeout: 10_000 });
    } finally {
      if (viewport) await page.setViewportSize(viewport);
    }
  };

  /** In a shared conversation, the bot's answer to an @mention naming a personal-only flow. */
  const refusalIn = async (conversation: RegExp, typed: string) => {
    const { page } = session();
    await page.getByRole('treeitem', { name: conversation }).click();
    await chat.settle({ atLeast: 1 });
    const refusal = page
      .locator('.ac-adaptiveCard')
      .filter({ hasText: 'Nothing you pressed or typed here was saved' });
    const before = await refusal.count();
    await chat.sendMentioningBot('DARE Coach', typed);
    // In a channel the answer is a reply in the post's thread, not the last card on the page.
    await refusal.nth(before).waitFor({ state: 'visible', timeout: turnTimeoutMs });
    const text = await refusal.nth(before).innerText();
    assert.match(text, /only work in your personal chat/);
    assert.match(text, /hold details of a family/);
    assert.doesNotMatch(text, /Step \d of 7|what he said/i, 'no walk-through in a shared chat');
    assert.match(text, /Open my personal chat with DARE Coach/, 'the way to the personal chat');
  };

  it('in a group chat, offers only what may run there, and refuses "prepare" with the way to the personal chat', async () => {
    const { page } = session();
    await snapshot('personal', 1280);
    await snapshot('personal-360', 360);
    await page.getByRole('treeitem', { name: /Sandbox group chat/ }).click();
    try {
      // The card the bot posts when it joins the group chat.
      await chat.settle({ atLeast: 1 });
      const welcome = 0;
      await chat.waitForCardText(welcome, 'only work in your personal chat', turnTimeoutMs);
      const text = await chat.cardText(welcome);
      assert.match(text, /hold details of a family/);
      assert.match(text, /Open my personal chat with DARE Coach/);
      const buttons = await chat.buttons(welcome);
      assert.ok(buttons.includes('Find wording'));
      assert.ok(!buttons.some((b) => /Prepare|Debrief|referral/.test(b)), buttons.join(' | '));

      // "prepare", typed with an @mention of the bot (the playground forwards only those).
      await refusalIn(/Sandbox group chat/, 'prepare');
      await snapshot('group', 1280);
      await snapshot('group-360', 360);
    } finally {
      await page.getByRole('treeitem', { name: /Personal Chat/ }).click();
      await chat.settle({ atLeast: 1 });
    }
  });

  it('in a team channel, refuses a debrief with the way to the personal chat', async () => {
    const { page } = session();
    try {
      await refusalIn(/Referrals/, 'debrief');
      await snapshot('channel', 1280);
      await snapshot('channel-360', 360);
    } finally {
      await page.getByRole('treeitem', { name: /Personal Chat/ }).click();
      await chat.settle({ atLeast: 1 });
    }
  });
});
