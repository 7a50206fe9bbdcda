import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium: CI installs it (.ci/run); playwright-core never downloads a browser. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Why the end-to-end tests cannot run here, or undefined when they can. In CI a missing browser
 * is an error, not a reason to skip: CI is where the browser is supposed to be.
 */
export function browserUnavailable(): string | undefined {
  if (existsSync(chromiumPath)) return undefined;
  const reason = `${chromiumPath} is missing (apt-get install chromium)`;
  if (process.env.CI === 'true') throw new Error(`End-to-end tests need a browser: ${reason}.`);
  return reason;
}

/** Headless Chromium with the background chatter (updates, sync, QUIC probes) switched off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: 60_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export interface OpenedPage {
  readonly page: Page;
  /** Console errors and failed requests seen so far, for failure reports. */
  readonly problems: string[];
}

/**
 * Opens `url` in a fresh context that may talk to that origin only. The playground's page asks a
 * CDN for fonts and animations; refusing those at once keeps the run offline and its timing
 * independent of DNS on the machine.
 */
export async function openOffline(browser: Browser, url: string): Promise<OpenedPage> {
  const origin = new URL(url).origin;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route('**/*', (route) =>
    new URL(route.request().url()).origin === origin
      ? route.continue()
      : route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.setDefaultNavigationTimeout(60_000);
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.goto(url);
  return { page, problems };
}
