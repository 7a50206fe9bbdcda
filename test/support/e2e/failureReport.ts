import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { projectRoot } from '../../../src/kernel/projectRoot';

/** Where failure evidence goes (gitignored; CI can keep it as an artifact). */
export const resultsDir = path.join(projectRoot(), 'test-results');

export interface FailureEvidence {
  readonly page?: Page;
  /** The app's captured JSON log lines. */
  readonly appLog?: string;
  /** The playground's own log file. */
  readonly playgroundLogFile?: string;
  /** Anything else worth reading: browser console errors, process output. */
  readonly notes?: readonly string[];
}

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

/**
 * Saves a screenshot and the logs of a failed end-to-end test under test-results/, named after the
 * test, and returns the paths written. Never throws: a broken report must not hide the failure.
 */
export async function saveFailureEvidence(
  title: string,
  evidence: FailureEvidence,
): Promise<string[]> {
  const base = path.join(resultsDir, slug(title) || 'e2e-failure');
  const written: string[] = [];
  const attempt = async (file: string, write: () => Promise<unknown>) => {
    try {
      await write();
      written.push(file);
    } catch {
      // Keep going: the other files may still help.
    }
  };
  await mkdir(resultsDir, { recursive: true });
  const { page, appLog, playgroundLogFile, notes } = evidence;
  if (page && !page.isClosed()) {
    await attempt(`${base}.png`, () =>
      page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 10_000 }),
    );
  }
  if (appLog !== undefined)
    await attempt(`${base}.app.log`, () => writeFile(`${base}.app.log`, appLog));
  if (playgroundLogFile) {
    await attempt(`${base}.playground.log`, () =>
      copyFile(playgroundLogFile, `${base}.playground.log`),
    );
  }
  if (notes && notes.length > 0) {
    await attempt(`${base}.notes.txt`, () =>
      writeFile(`${base}.notes.txt`, `${notes.join('\n')}\n`),
    );
  }
  return written;
}
