import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateAppPackage } from '../../../src/dev/package/appPackage';
import { repoRoot } from '../../../src/dev/package/paths';

/** Runs `npm run package`'s script as a child process, with only the variables given. */
function runPackage(
  args: readonly string[],
  env: Record<string, string> = {},
): { status: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    ['--require', 'tsx/cjs', join(repoRoot, 'src', 'dev', 'package', 'buildPackage.ts'), ...args],
    {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm run package (command line)', () => {
  let outDir: string;
  beforeEach(() => {
    outDir = mkdtempSync(join(tmpdir(), 'dare-package-'));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes a valid appPackage.<env>.zip and exits 0', () => {
    const { status, output } = runPackage(['--out', outDir], { APP_ENV: 'local' });

    assert.equal(status, 0, output);
    const zipPath = join(outDir, 'appPackage.local.zip');
    assert.deepEqual(validateAppPackage(readFileSync(zipPath)), []);
    assert.match(output, /is valid/);
  });

  it('exits non-zero, says what is missing and writes nothing when settings are incomplete', () => {
    const { status, output } = runPackage(['--env', 'prod', '--out', outDir], {
      TEAMS_APP_ID: 'not-a-guid',
    });

    assert.equal(status, 1, output);
    assert.match(output, /TEAMS_APP_ID must be a GUID/);
    assert.match(output, /MicrosoftAppId is not set \(needed for --env prod\)/);
    assert.equal(existsSync(join(outDir, 'appPackage.prod.zip')), false);
  });
});
