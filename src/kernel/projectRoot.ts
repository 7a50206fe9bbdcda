import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder holding package.json, found by walking up from this file, so `cards/` and content
 * resolve the same from `src/` (tsx) and from `dist/` (built).
 */
export function projectRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + start);
    dir = parent;
  }
}
