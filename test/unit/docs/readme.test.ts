import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const readme = readFileSync(path.resolve('README.md'), 'utf8');

/** Paths the README names: Markdown links and backticked file paths (`src/x.ts`, `a/B.md`). */
function namedPaths(text: string): string[] {
  const links = [...text.matchAll(/\]\(([^)#\s]+)\)/g)].map((m) => m[1] ?? '');
  const ticked = [...text.matchAll(/`([\w.-]+(?:\/[\w.-]+)+\.(?:md|json|ts))`/g)].map(
    (m) => m[1] ?? '',
  );
  // build/ and dist/ hold what the commands write, not sources.
  return [...links, ...ticked].filter(
    (p) => p !== '' && !/^[a-z]+:/i.test(p) && !/^(build|dist)\//.test(p),
  );
}

describe('README', () => {
  it('names only files inside the repository (no guide a reader of the repo cannot open)', () => {
    const paths = namedPaths(readme);
    assert.ok(paths.length > 5, 'the README names files');
    const missing = paths.filter((p) => !existsSync(path.resolve(p)));
    assert.deepEqual(missing, []);
  });

  it('points a content reviewer to the project’s own content report', () => {
    assert.match(readme, /npm run (-s )?content:report/);
    assert.ok(!/CONTENT-GUIDE/.test(readme), 'no pointer to the out-of-repo content guide');
  });
});
