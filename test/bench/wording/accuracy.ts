/**
 * npm run bench:wording — how well free-text search finds the right situation, on the labelled
 * practitioner queries, and how long a search takes. Prints; always exits 0 (CI shows the numbers).
 *
 *   --misses=tuning   also list the tuning half's misses (for tuning; never list held-out misses
 *                     while tuning, or the held-out half stops being held out)
 *   --repeat=N        timing repetitions over the whole set (default 200)
 *   --half=tuning     score the tuning half only (what to run while tuning)
 */
import { performance } from 'node:perf_hooks';
import { loadWordingLibrary } from '../../../src/content/wording/loadLibrary';
import { createWordingSearch, type SearchOutcome } from '../../../src/wording/search';
import { labelledQueries, type Half, type LabelledQuery } from './labelledQueries';

const targets = { top1: 0.85, top3: 0.95 };

function argument(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

function rankOf(outcome: SearchOutcome, expected: string): number | undefined {
  if (outcome.kind !== 'matches') return undefined;
  const index = outcome.results.findIndex((r) => r.situationId === expected);
  return index === -1 ? undefined : index + 1;
}

function percent(n: number, of: number): string {
  return `${((100 * n) / of).toFixed(1)}%`.padStart(6);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const started = performance.now();
const library = loadWordingLibrary();
const search = createWordingSearch(library);
const buildMs = performance.now() - started;

const showMisses = argument('misses');
console.log(
  `Wording search accuracy (library ${library.version}, index built in ${buildMs.toFixed(1)} ms)\n`,
);
console.log('half        queries   top-1   top-3   no-match   off-topic → menu');

const halves: Record<Half, { top1: number; top3: number }> = {
  tuning: { top1: 0, top3: 0 },
  heldOut: { top1: 0, top3: 0 },
};
const onlyHalf = argument('half');
for (const half of ['tuning', 'heldOut'] as const) {
  if (onlyHalf !== undefined && onlyHalf !== half) continue;
  const queries: readonly LabelledQuery[] = labelledQueries[half];
  let top1 = 0;
  let top3 = 0;
  let noMatch = 0;
  const misses: string[] = [];
  for (const { query, expected } of queries) {
    const outcome = search.search(query, { limit: 3 });
    const rank = rankOf(outcome, expected);
    if (rank === 1) top1 += 1;
    if (rank !== undefined && rank <= 3) top3 += 1;
    if (outcome.kind === 'no-match') noMatch += 1;
    if (rank !== 1) {
      const got =
        outcome.kind === 'matches'
          ? outcome.results.map((r) => `${r.situationId} ${r.score.toFixed(2)}`).join(', ')
          : `no match (${outcome.reason}; nearest ${outcome.nearest.map((r) => `${r.situationId} ${r.score.toFixed(2)}`).join(', ')})`;
      misses.push(`  [${expected}] "${query}" → ${got}`);
    }
  }
  const offTopic = labelledQueries.offTopic[half];
  const toMenu = offTopic.filter((q) => search.search(q).kind === 'no-match').length;
  halves[half] = { top1: top1 / queries.length, top3: top3 / queries.length };
  console.log(
    `${half.padEnd(10)} ${String(queries.length).padStart(8)}  ${percent(top1, queries.length)}  ${percent(top3, queries.length)}  ${String(noMatch).padStart(9)}   ${toMenu}/${offTopic.length}`,
  );
  if (showMisses === half && half === 'tuning' && misses.length > 0) console.log(misses.join('\n'));
  if (showMisses === half && half === 'tuning') {
    for (const q of offTopic) {
      const o = search.search(q);
      if (o.kind === 'matches')
        console.log(
          `  [off-topic] "${q}" → ${o.results[0]?.situationId} ${o.results[0]?.score.toFixed(2)}`,
        );
    }
  }
}

const held = halves.heldOut;
if (onlyHalf === undefined) {
  const met = held.top1 >= targets.top1 && held.top3 >= targets.top3;
  console.log(
    `\nHeld-out target: top-1 ≥ ${targets.top1 * 100}% and top-3 ≥ ${targets.top3 * 100}% — ${met ? 'met' : 'NOT met'}.`,
  );
}

// Timing: every query of both halves and the off-topic set, many times over, one search at a time.
const repeat = Number(argument('repeat') ?? 200);
const all = [
  ...labelledQueries.tuning.map((q) => q.query),
  ...labelledQueries.heldOut.map((q) => q.query),
  ...labelledQueries.offTopic.tuning,
  ...labelledQueries.offTopic.heldOut,
];
for (const q of all) search.search(q); // warm-up, so the JIT's first pass is not measured
const samples: number[] = [];
for (let r = 0; r < repeat; r += 1) {
  for (const q of all) {
    const t0 = performance.now();
    search.search(q);
    samples.push(performance.now() - t0);
  }
}
samples.sort((a, b) => a - b);
console.log(
  `Search time per query over ${samples.length} searches: p50 ${(percentile(samples, 50) * 1000).toFixed(0)} µs, p99 ${(percentile(samples, 99) * 1000).toFixed(0)} µs, max ${(samples[samples.length - 1] ?? 0).toFixed(2)} ms.`,
);
