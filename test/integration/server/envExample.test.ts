import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `.env.example` says "copy to .env": a copy, untouched, must start the bot. Its empty values
 * (`MicrosoftAppType=` and the rest) mean "unset", not "invalid".
 */
describe('.env.example copied to .env', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dare-env-example-'));
    copyFileSync(path.resolve('.env.example'), path.join(dir, '.env'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts the process, which answers /healthz', async function () {
    this.timeout(60_000);
    // Only PORT comes from outside (a free port instead of the file's 3978): dotenv never
    // overrides what is already set, so everything else is read from the copied file.
    const child = spawn(
      process.execPath,
      ['--import', pathToFileURL(require.resolve('tsx')).href, path.resolve('src/index.ts')],
      {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString('utf8');
          const line = output.split('\n').find((l) => l.includes('"msg":"listening"'));
          const match = line === undefined ? null : /"port":(\d+)/.exec(line);
          if (match) resolve(Number(match[1]));
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        void exited.then((code) =>
          reject(new Error(`the bot exited (${String(code)}) before listening:\n${output}`)),
        );
      });
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(response.status, 200);
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    }
  });
});
