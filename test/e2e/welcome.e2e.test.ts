import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { sandboxTenantId } from '../../src/dev/sandbox/sandboxConfig';
import { startSandbox, type Sandbox } from '../../src/dev/sandbox/startSandbox';
import { aConfig } from '../support/builders';
import { capturedLogger } from '../support/capturedLogs';
import {
  browserUnavailable,
  launchChromium,
  openOffline,
  type OpenedPage,
} from '../support/e2e/browser';
import { saveFailureEvidence } from '../support/e2e/failureReport';
import { PlaygroundChat } from '../support/e2e/playgroundChat';

const mainMenu = [
  'Prepare for a conversation',
  'Debrief a conversation',
  'Find wording',
  'Make a referral',
  'Team managers: refresher nudges',
];

describe('end to end: the bot behind the Agents Playground, in Chromium', function () {
  const logs = capturedLogger();
  let workDir: string | undefined;
  let sandbox: Sandbox | undefined;
  let browser: Browser | undefined;
  let opened: OpenedPage | undefined;
  let chat: PlaygroundChat;

  const report = (title: string) =>
    saveFailureEvidence(title, {
      page: opened?.page,
      appLog: logs.text(),
      playgroundLogFile: sandbox?.playgroundLogFile,
      notes: opened?.problems,
    }).then((files) => files.length > 0 && console.error(`  evidence saved: ${files.join(', ')}`));

  before(async function () {
    const missing = browserUnavailable();
    if (missing) {
      console.warn(`  Skipping the end-to-end tests: ${missing}.`);
      this.skip();
    }
    try {
      workDir = await mkdtemp(path.join(os.tmpdir(), 'dare-e2e-playground-'));
      // Explicit settings, not .env: the tenant guard is on and lets the playground's tenant in.
      const config = aConfig({ PORT: '0', LOG_LEVEL: 'info', ALLOWED_TENANT_IDS: sandboxTenantId });
      sandbox = await startSandbox(config, {
        logger: logs.logger,
        playground: { port: 0, workDir, readyTimeoutMs: 60_000 },
      });
      browser = await launchChromium();
      opened = await openOffline(browser, sandbox.playgroundUrl);
      chat = new PlaygroundChat(opened.page);
    } catch (err) {
      await report('e2e-startup');
      throw err;
    }
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await report(this.currentTest.fullTitle());
  });

  after(async function () {
    // Each step on its own, so one failing to close does not leave the others running.
    await opened?.page
      .context()
      .close()
      .catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await sandbox?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('answers "help" with the welcome card, whose buttons change that same card in place', async () => {
    // A fresh chat is greeted on install; let that finish so it cannot disturb the counts below.
    await chat.settle({ atLeast: 1 });

    await chat.send('help');
    const welcome = await chat.answerTo('help');
    await chat.waitForCardText(welcome, 'DARE Coach');
    const shown = await chat.cardCount();
    assert.deepEqual(
      (await chat.buttons(welcome)).filter((title) => mainMenu.includes(title)),
      mainMenu,
      'the welcome card offers the main actions',
    );

    await chat.press(welcome, 'Team managers: refresher nudges');
    await chat.waitForCardText(welcome, 'coming soon');
    assert.equal(
      await chat.cardCount(),
      shown,
      'Action.Execute must replace the pressed card, not post a new one',
    );
    assert.match(await chat.cardText(welcome), /Refresher nudges is coming soon/);
    assert.deepEqual(await chat.buttons(welcome), ['Back to the menu']);

    await chat.press(welcome, 'Back to the menu');
    await chat.waitForCardText(welcome, 'Prepare for a conversation');
    assert.equal(await chat.cardCount(), shown, 'the menu comes back in the same card');
    assert.match(await chat.cardText(welcome), /DARE Coach/);
    assert.doesNotMatch(await chat.cardText(welcome), /coming soon/);
  });
});
