/**
 * Writes the generated part of docs/data-protection.md from the code's own container, record and
 * field definitions (`npm run data-map`); `--check` only says whether it is stale (exit 1).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../kernel/projectRoot';
import { renderDataMap, withGeneratedPart } from './renderDataMap';

export const dataMapPath = path.join(projectRoot(), 'docs', 'data-protection.md');

function main(): void {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const current = readFileSync(dataMapPath, 'utf8');
  const next = withGeneratedPart(current, renderDataMap());
  if (values.check) {
    if (next !== current) {
      process.stderr.write('docs/data-protection.md is stale: run npm run data-map\n');
      process.exitCode = 1;
    }
    return;
  }
  if (next !== current) writeFileSync(dataMapPath, next);
  process.stdout.write(
    `docs/data-protection.md ${next === current ? 'is up to date' : 'updated'}\n`,
  );
}

main();
