/**
 * npm run bench:wording — how well free-text search finds the right situation, on the labelled
 * practitioner queries, and how long a search takes. Prints; always exits 0 (CI shows the numbers).
 *
 *   --sets=a,b      score only the named batches (file names without .json)
 *   --misses=a,b    also list the misses of these tuning batches ("tuning" for all of them). A
 *                   held-out batch's misses are never listed: listing them would un-hold it.
 *   --repeat=N      timing repetitions over every query (default 200)
 *
 * The batches live in test/fixtures/wording/tuning and test/fixtures/wording/held-out (see
 * labelledQueries.ts). The target is met when the held-out half as a whole and each held-out
 * batch reach it.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadWordingLibrary } from '../../../src/content/wording/loadLibrary';
import { createWordingSearch, type SearchOutcome } from '../../../src/wording/search';
import { loadWordingReranker } from '../../../src/wording/learned/loadModel';
import { halves, readLabelledSets, type Half, type LabelledSet } from './labelledQueries';
import { percentile } from '../support/percentile';

const targets = { top1: 0.85, top3: 0.95 };

const { values: options } = parseArgs({
  options: {
    sets: { type: 'string' },
    misses: { type: 'string' },
    repeat: { type: 'string', default: '200' },
  },
});
const list = (value: string | undefined): string[] | undefined => value?.split(',');

function rankOf(outcome: SearchOutcome, expected: string): number | undefined {
  if (outcome.kind !== 'matches') return undefined;
  const index = outcome.results.findIndex((r) => r.situationId === expected);
  return index === -1 ? undefined : index + 1;
}

function percent(n: number, of: number): string {
  return (of === 0 ? '—' : `${((100 * n) / of).toFixed(1)}%`).padStart(6);
}

interface Score {
  readonly queries: number;
  readonly top1: number;
  readonly top3: number;
  readonly noMatch: number;
  readonly offTopic: number;
  readonly toMenu: number;
}

const started = performance.now();
const library = loadWordingLibrary();
const search = createWordingSearch(library, undefined, loadWordingReranker(library));
const buildMs = performance.now() - started;

const only = list(options.sets);
const listMisses = new Set(list(options.misses) ?? []);
const sets = readLabelledSets().filter((s) => only === undefined || only.includes(s.name));

function describe(outcome: SearchOutcome): string {
  return outcome.kind === 'matches'
    ? outcome.results.map((r) => `${r.situationId} ${r.score.toFixed(2)}`).join(', ')
    : `no match (${outcome.reason}; nearest ${outcome.nearest.map((r) => `${r.situationId} ${r.score.toFixed(2)}`).join(', ')})`;
}

function score({ half, name, queries, offTopic }: LabelledSet): Score {
  const misses: string[] = [];
  let top1 = 0;
  let top3 = 0;
  let noMatch = 0;
  for (const { query, expected } of queries) {
    const outcome = search.search(query, { limit: 3 });
    const rank = rankOf(outcome, expected);
    if (rank === 1) top1 += 1;
    if (rank !== undefined && rank <= 3) top3 += 1;
    if (outcome.kind === 'no-match') noMatch += 1;
    if (rank !== 1) misses.push(`  [${expected}] "${query}" → ${describe(outcome)}`);
  }
  const offTopicOutcomes = offTopic.map((q) => [q, search.search(q)] as const);
  const toMenu = offTopicOutcomes.filter(([, o]) => o.kind === 'no-match').length;
  // Only a tuning batch's misses are ever listed: listing a held-out batch's would un-hold it.
  if (half === 'tuning' && (listMisses.has(name) || listMisses.has('tuning'))) {
    for (const [q, o] of offTopicOutcomes)
      if (o.kind === 'matches') misses.push(`  [off-topic] "${q}" → ${describe(o)}`);
    if (misses.length > 0) console.log(`${name}:\n${misses.join('\n')}`);
  }
  return { queries: queries.length, top1, top3, noMatch, offTopic: offTopic.length, toMenu };
}

function line(label: string, s: Score): string {
  return `${label.padEnd(34)} ${String(s.queries).padStart(7)}  ${percent(s.top1, s.queries)}  ${percent(s.top3, s.queries)}  ${String(s.noMatch).padStart(8)}   ${s.offTopic > 0 ? `${s.toMenu}/${s.offTopic}` : '—'}`;
}

/** A batch of off-topic messages only has no accuracy to meet; its line shows how many got the menu. */
const meets = (s: Score): boolean =>
  s.queries === 0 || (s.top1 / s.queries >= targets.top1 && s.top3 / s.queries >= targets.top3);

const scored = sets.map((set) => ({ set, score: score(set) }));
console.log(
  `\nWording search accuracy (library ${library.version}, index built in ${buildMs.toFixed(1)} ms)\n`,
);
console.log(
  `${'batch'.padEnd(34)} ${'queries'.padStart(7)}   top-1   top-3  no-match   off-topic → menu`,
);
const totals = new Map<Half, Score>();
for (const half of halves) {
  const inHalf = scored.filter((s) => s.set.half === half);
  if (inHalf.length === 0) continue;
  for (const { set, score: s } of inHalf) console.log(line(`${half}/${set.name}`, s));
  const total = inHalf.reduce<Score>(
    (sum, { score: s }) => ({
      queries: sum.queries + s.queries,
      top1: sum.top1 + s.top1,
      top3: sum.top3 + s.top3,
      noMatch: sum.noMatch + s.noMatch,
      offTopic: sum.offTopic + s.offTopic,
      toMenu: sum.toMenu + s.toMenu,
    }),
    { queries: 0, top1: 0, top3: 0, noMatch: 0, offTopic: 0, toMenu: 0 },
  );
  totals.set(half, total);
  console.log(line(`${half} half, all batches`, total));
}

const heldOut = scored.filter((s) => s.set.half === 'held-out');
const heldOutTotal = totals.get('held-out');
if (heldOutTotal !== undefined) {
  const short = heldOut.filter((s) => !meets(s.score)).map((s) => s.set.name);
  const met = meets(heldOutTotal) && short.length === 0;
  console.log(
    `\nHeld-out target: top-1 ≥ ${targets.top1 * 100}% and top-3 ≥ ${targets.top3 * 100}%, for the half and for each batch — ${met ? 'met' : `NOT met${short.length > 0 ? ` (short: ${short.join(', ')})` : ''}`}.`,
  );
}

// Timing: every query of both halves and the off-topic ones, many times over, one at a time.
const repeat = Number(options.repeat);
const all = sets.flatMap((s) => [...s.queries.map((q) => q.query), ...s.offTopic]);
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
