import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { sandboxTenantId } from '../../../src/dev/sandbox/sandboxConfig';
import { startSandbox, type Sandbox } from '../../../src/dev/sandbox/startSandbox';
import { aConfig } from '../builders';
import { capturedLogger } from '../capturedLogs';
import { browserUnavailable, launchChromium, openOffline, type OpenedPage } from './browser';
import { saveFailureEvidence } from './failureReport';
import { PlaygroundChat } from './playgroundChat';

/** What a test file sees of the running sandbox and its chat page. */
export interface ChatSession {
  readonly sandbox: Sandbox;
  readonly chat: PlaygroundChat;
  readonly page: OpenedPage['page'];
  /** The app's log so far, one parsed JSON line each (a signal to wait for, never a sleep). */
  readonly appLog: () => Array<Record<string, unknown>>;
}

/**
 * Registers the mocha hooks every end-to-end file needs, in the `describe` that calls it: one
 * sandbox (embedded store, partnership intake, bot, Agents Playground) and one offline Chromium
 * page for the file; evidence saved for every failure; everything stopped afterwards, each part
 * on its own so one failing to close does not leave the others running. Skips only when the
 * browser is missing outside CI. Call `session()` inside tests.
 */
export function useChatSession(
  name: string,
  options: { readonly seedConfidence?: boolean } = {},
): () => ChatSession {
  const logs = capturedLogger();
  let workDir: string | undefined;
  let sandbox: Sandbox | undefined;
  let browser: Browser | undefined;
  let opened: OpenedPage | undefined;
  let chat: PlaygroundChat | undefined;

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
      workDir = await mkdtemp(path.join(os.tmpdir(), `dare-e2e-${name}-`));
      // Explicit settings, not .env: the tenant guard is on and lets the playground's tenant in.
      const config = aConfig({ PORT: '0', LOG_LEVEL: 'info', ALLOWED_TENANT_IDS: sandboxTenantId });
      sandbox = await startSandbox(config, {
        logger: logs.logger,
        playground: { port: 0, workDir, readyTimeoutMs: 60_000 },
        ...(options.seedConfidence ? { seedConfidence: true } : {}),
      });
      browser = await launchChromium();
      opened = await openOffline(browser, sandbox.playgroundUrl);
      chat = new PlaygroundChat(opened.page);
      // A fresh chat is greeted on install; let that finish so it cannot disturb card counts.
      await chat.settle({ atLeast: 1 });
    } catch (err) {
      await report(`e2e-${name}-startup`);
      throw err;
    }
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await report(this.currentTest.fullTitle());
  });

  after(async function () {
    await opened?.page
      .context()
      .close()
      .catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await sandbox?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  return () => {
    if (!sandbox || !chat || !opened) throw new Error('the chat session has not started');
    return { sandbox, chat, page: opened.page, appLog: logs.lines };
  };
}
