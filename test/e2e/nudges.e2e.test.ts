import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { DateTime } from 'luxon';
import { useChatSession } from '../support/e2e/chatSession';
import { eventually } from '../support/eventually';
import type { PlaygroundChat } from '../support/e2e/playgroundChat';

/** The sandbox team, as the sandbox's playground context file names it (src/dev/sandbox). */
const sandboxTeam = { id: 'sandbox-team', name: 'Sandbox team' };

/**
 * Puts the bot in the sandbox team the way the playground's "Mock an Activity" menu does: its
 * internal API builds the activity Teams sends for the chosen event in the team's General channel
 * (`install`: installationUpdate add; `botAdded`: conversationUpdate with the bot in membersAdded)
 * and sends it to the bot. Teams sends both on install, in this order.
 */
async function installInSandboxTeam(playgroundUrl: string): Promise<void> {
  const origin = new URL(playgroundUrl).origin;
  for (const type of ['install', 'botAdded']) {
    const query = new URLSearchParams({ type, conversationId: sandboxTeam.id });
    const template = await fetch(
      `${origin}/_internal/v1/customActivities/template?${query.toString()}`,
    );
    assert.equal(template.status, 200, `the playground builds the ${type} activity`);
    const activity = (await template.json()) as { channelData?: { team?: { id?: string } } };
    assert.equal(activity.channelData?.team?.id, sandboxTeam.id);
    const sent = await fetch(`${origin}/_internal/v1/customActivities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    assert.equal(sent.status, 200, `the playground sends the ${type} activity`);
  }
}

/** The first card from `from` on whose text `test` holds. */
async function cardWith(
  chat: PlaygroundChat,
  from: number,
  text: string,
): Promise<number | undefined> {
  const count = await chat.cardCount();
  for (let i = from; i < count; i += 1) if ((await chat.cardText(i)).includes(text)) return i;
  return undefined;
}

describe('end to end: a manager sends a refresher now, in the Agents Playground', function () {
  const session = useChatSession('nudges');

  it('records the sandbox team when the bot is added to it; a tip sent now to that team arrives in the personal chat', async () => {
    const { chat, sandbox, page, appLog } = session();
    await installInSandboxTeam(sandbox.playgroundUrl);
    await eventually(
      'the team installation noted by the bot',
      () =>
        Promise.resolve(
          appLog().some((l) => l.msg === 'team installation noted' && l.reason === 'installed')
            ? true
            : undefined,
        ),
      { timeoutMs: 30_000, intervalMs: 200 },
    );

    const manage = await chat.ask('nudges');
    await chat.waitForCardText(manage, 'Send a refresher');
    // "Send to": the team is offered (and picked, as the only team); pick it as a manager would.
    // That it went to the team, not to everyone, is checked below by who it was expanded to.
    await chat.card(manage).getByRole('combobox').first().click();
    await page.getByRole('option', { name: sandboxTeam.name, exact: true }).click();
    const shown = await chat.cardCount();
    // The first tip is the default content.
    await chat.press(manage, 'Send now');
    await chat.waitForCardText(manage, 'Refresher: Alone before you ask');

    const arrived = await eventually(
      'the refresher in the personal chat',
      () => cardWith(chat, shown, 'DARE Coach refresher, from your manager'),
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    assert.match(await chat.cardText(arrived), /Alone before you ask/);
    assert.ok((await chat.buttons(arrived)).includes('Stop refreshers'));
    // It went to the team: its members (the playground's user and five colleagues) were listed
    // from the team's roster, not the people who have talked to the bot (only this user has).
    const expanded = appLog().find((l) => l.msg === 'nudge expanded');
    assert.equal(expanded?.count, 6, 'the six members of the sandbox team');

    // The manager's status card, refreshed on demand, counts every member as sent.
    await chat.press(manage, 'Refresh');
    await chat.waitForCardText(manage, 'Finished: 6 of 6 sent', 30_000);
    await mkdir('test-results', { recursive: true });
    await page.screenshot({
      path: path.join('test-results', 'e2e-nudges-team-tip.png'),
      fullPage: true,
    });
  });

  it('schedules a weekly quiz for the team; when the test clock reaches its time the quiz arrives, the answer gets its feedback, and the report counts it answered', async () => {
    const { chat, sandbox, page } = session();
    // The bot was put in the sandbox team by the test above (same sandbox and chat).
    const manage = await chat.ask('nudges');
    await chat.waitForCardText(manage, 'Send a refresher');
    await chat.pressAndExpect(manage, 'Schedules', 'Refresher schedules', 30_000);
    await chat.pressAndExpect(manage, 'New schedule', 'Schedule a refresher', 30_000);
    const form = chat.card(manage);
    const pick = async (label: string, option: string) => {
      await form.getByRole('combobox', { name: label }).click();
      await page.getByRole('option', { name: option }).click();
    };
    await pick('Send to', sandboxTeam.name);
    await pick('What to send', 'A quiz');
    // Weekly on Monday at 10:00 London (the form's defaults), starting today in London.
    const today = DateTime.now().setZone('Europe/London').toISODate() ?? '';
    await form.getByLabel('Start date (the date of a one-off)').fill(today);
    await chat.pressAndExpect(manage, 'Save schedule', 'Weekly on Monday at 10:00', 30_000);

    // The schedules card says when it is next due, as the manager reads it (London time).
    const listed = await chat.cardText(manage);
    const due = /next (\w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2})/.exec(listed)?.[1];
    assert.ok(due, `the schedules card shows the next date: ${listed}`);
    const dueAt = DateTime.fromFormat(due, 'ccc d LLL yyyy, HH:mm', { zone: 'Europe/London' });
    assert.equal(dueAt.weekday, 1, 'a Monday (or the next working day after a bank holiday)');
    assert.equal(dueAt.toFormat('HH:mm'), '10:00');

    // Nothing is sent before its time; the test clock then reaches it.
    const shown = await chat.cardCount();
    const moved = await fetch(sandbox.clockUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: dueAt.toUTC().toISO() }),
    });
    assert.equal(moved.status, 200);
    assert.equal(((await moved.json()) as { created?: number }).created, 1, 'one occurrence');

    const quiz = await eventually(
      'the quiz in the personal chat',
      () => cardWith(chat, shown, 'a two-minute scenario'),
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    assert.ok((await chat.buttons(quiz)).includes('Stop refreshers'));
    await mkdir('test-results', { recursive: true });
    await page.screenshot({
      path: path.join('test-results', 'e2e-nudges-quiz.png'),
      fullPage: true,
    });

    // Answering turns the same card into the feedback; pressing again cannot answer twice.
    const before = await chat.cardCount();
    await chat.pressAndExpect(quiz, 'A', 'You chose A', 30_000);
    assert.equal(await chat.cardCount(), before, 'the quiz was updated in place');
    assert.ok(!(await chat.buttons(quiz)).includes('B'), 'no reply left to press');
    await page.screenshot({
      path: path.join('test-results', 'e2e-nudges-quiz-answered.png'),
      fullPage: true,
    });

    // The manager's report on the schedule: sent to the team's six, one answered.
    const schedules = await chat.ask('nudges');
    await chat.waitForCardText(schedules, 'Send a refresher');
    await chat.pressAndExpect(schedules, 'Schedules', 'Refresher schedules', 30_000);
    await chat.pressAndExpect(schedules, 'Report', 'Answered', 30_000);
    await eventually(
      'the report counting the answer',
      async () => {
        await chat.press(schedules, 'Refresh');
        const text = await chat.cardText(schedules);
        return /Answered\s*1 \(17% of those sent\)/.test(text) ? text : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 2_000 },
    );
    await page.screenshot({
      path: path.join('test-results', 'e2e-nudges-report.png'),
      fullPage: true,
    });
  });
});
