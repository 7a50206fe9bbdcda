/**
 * Renders a nudge report after a simulated month of a weekly quiz (fake clock, the real engine and
 * card catalogue) and saves the card JSON: `npx tsx test/support/nudges/writeMonthReport.ts [file]`
 * (default test-results/nudge-report-month.json). Paste it into the Adaptive Cards designer, or the
 * closing note.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { simulateMonth } from './simulatedMonth';

async function main(): Promise<void> {
  const file = path.resolve(process.argv[2] ?? 'test-results/nudge-report-month.json');
  const { card } = await simulateMonth();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(card, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
