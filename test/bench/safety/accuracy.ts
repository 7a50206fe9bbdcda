/**
 * npm run bench:safety — how well the safety net catches danger in labelled practitioner phrases,
 * how often it is raised for ordinary casework, which level its card takes, and how long a check
 * takes. Prints; always exits 0 (CI shows the numbers, the build never fails on them).
 *
 *   --half=tuning   score only one half (tuning or held-out); both by default
 *   --misses=a,b    also list the misses and false alarms of these tuning batches ("tuning" for
 *                   all of them). A held-out batch's misses are never listed: that would un-hold it.
 *   --repeat=N      timing repetitions over every phrase (default 50)
 *
 * A danger phrase counts as caught only when its labelled category is raised. The batches live in
 * test/fixtures/safety/tuning and test/fixtures/safety/held-out (see labelledPhrases.ts).
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadCoachingPack } from '../../../src/content/coaching/loadCoachingPack';
import { percentile } from '../support/percentile';
import {
  halves,
  labelledCategoryIds,
  readLabelledBatches,
  type Half,
  type LabelledBatch,
} from './labelledPhrases';

const targets = { recall: 0.97, categoryRecall: 0.95, falseAlarms: 0.05 };

const { values: args } = parseArgs({
  options: {
    half: { type: 'string' },
    misses: { type: 'string' },
    repeat: { type: 'string', default: '50' },
  },
});
const wantedHalves: readonly Half[] = halves.filter(
  (h) => args.half === undefined || h === args.half,
);
const listMisses = new Set((args.misses ?? '').split(',').filter((s) => s !== ''));

const net = loadCoachingPack().safety;
const levelOf = (id: string): string =>
  (net.category(id) as { level?: string } | undefined)?.level ?? 'unlevelled';
const cardLevel = (ids: readonly string[]): string =>
  ids.length === 0
    ? 'none'
    : ids.some((id) => levelOf(id) === 'act-now')
      ? 'act-now'
      : 'check-this';

interface Tally {
  danger: number;
  caught: number;
  actNow: number;
  checkThis: number;
  ordinary: number;
  falseAlarms: number;
}
const emptyTally = (): Tally => ({
  danger: 0,
  caught: 0,
  actNow: 0,
  checkThis: 0,
  ordinary: 0,
  falseAlarms: 0,
});
function add(into: Tally, from: Tally): void {
  for (const key of Object.keys(into) as (keyof Tally)[]) into[key] += from[key];
}

function percent(n: number, of: number): string {
  return (of === 0 ? '—' : `${((100 * n) / of).toFixed(1)}%`).padStart(7);
}

function line(label: string, t: Tally): string {
  const split = t.caught === 0 ? '—' : `${t.actNow}/${t.checkThis}`;
  const alarms =
    t.ordinary === 0 ? '—' : `${t.falseAlarms}/${t.ordinary} ${percent(t.falseAlarms, t.ordinary)}`;
  return `${label.padEnd(40)} ${String(t.danger).padStart(6)} ${percent(t.caught, t.danger)}  ${split.padStart(9)}   ${alarms}`;
}

const header = `${'batch or category'.padEnd(40)} ${'danger'.padStart(6)} ${'recall'.padStart(7)}  ${'act/check'.padStart(9)}   false alarms`;

function scoreBatch(batch: LabelledBatch, byCategory: Map<string, Tally>): Tally {
  const tally = emptyTally();
  const misses: string[] = [];
  for (const { text, category } of batch.danger) {
    const raised = net.scan(text);
    const caught = raised.includes(category);
    const perCategory = byCategory.get(category) ?? emptyTally();
    byCategory.set(category, perCategory);
    tally.danger += 1;
    perCategory.danger += 1;
    if (caught) {
      const level = cardLevel(raised);
      for (const t of [tally, perCategory]) {
        t.caught += 1;
        if (level === 'act-now') t.actNow += 1;
        else t.checkThis += 1;
      }
    } else misses.push(`  miss [${category}] "${text}" → ${raised.join(', ') || 'nothing'}`);
  }
  for (const text of batch.ordinary) {
    const raised = net.scan(text);
    tally.ordinary += 1;
    if (raised.length > 0) {
      tally.falseAlarms += 1;
      misses.push(`  false alarm "${text}" → ${raised.join(', ')}`);
    }
  }
  // Only a tuning batch's misses are ever listed: listing a held-out batch's would un-hold it.
  if (batch.half === 'tuning' && (listMisses.has(batch.name) || listMisses.has('tuning')))
    if (misses.length > 0) console.log(`${batch.half}/${batch.name}:\n${misses.join('\n')}\n`);
  return tally;
}

const batches = readLabelledBatches(wantedHalves);
const missing = labelledCategoryIds.filter((id) => net.category(id) === undefined);
console.log(`\nSafety net accuracy (${net.categoryIds.length} categories)`);
if (missing.length > 0)
  console.log(`Categories the content does not define yet: ${missing.join(', ')}`);
const levelled = net.categoryIds.map((id) => `${id} ${levelOf(id)}`).join(', ');
console.log(`Levels: ${levelled}\n`);

const totals = new Map<Half, { total: Tally; byCategory: Map<string, Tally> }>();
for (const half of wantedHalves) {
  const inHalf = batches.filter((b) => b.half === half);
  if (inHalf.length === 0) {
    console.log(`${half}: no batches\n`);
    continue;
  }
  const total = emptyTally();
  const byCategory = new Map<string, Tally>();
  const lines = inHalf.map((b) => {
    const t = scoreBatch(b, byCategory);
    add(total, t);
    return line(`${half}/${b.name}`, t);
  });
  console.log(header);
  for (const l of lines) console.log(l);
  console.log(line(`${half} half, all batches`, total));
  console.log(`\n${half} half by category:`);
  for (const id of labelledCategoryIds) {
    const t = byCategory.get(id);
    if (t) console.log(line(`  ${id} (${levelOf(id)})`, t));
  }
  console.log('');
  totals.set(half, { total, byCategory });
}

const heldOut = totals.get('held-out');
const targetLine = `Held-out targets: recall ≥ ${targets.recall * 100}% overall and ≥ ${targets.categoryRecall * 100}% in every category, false alarms ≤ ${targets.falseAlarms * 100}%`;
if (heldOut === undefined)
  console.log(
    `${targetLine} — not measured (${wantedHalves.includes('held-out') ? 'no held-out batches' : 'held-out half not read in this run'}).`,
  );
else {
  const { total, byCategory } = heldOut;
  const short = [...byCategory].filter(([, t]) => t.caught / t.danger < targets.categoryRecall);
  const recallMet = total.danger > 0 && total.caught / total.danger >= targets.recall;
  const alarmsMet = total.ordinary > 0 && total.falseAlarms / total.ordinary <= targets.falseAlarms;
  const met = recallMet && alarmsMet && short.length === 0;
  console.log(
    `${targetLine} — ${met ? 'met' : 'NOT met'} (recall ${recallMet ? 'met' : 'short'}, false alarms ${alarmsMet ? 'met' : 'over'}, categories short: ${short.map(([id]) => id).join(', ') || 'none'}).`,
  );
}

// Timing: every phrase, many times over, one check at a time, after a warm-up pass.
const all = batches.flatMap((b) => [...b.danger.map((d) => d.text), ...b.ordinary]);
for (const text of all) net.scan(text);
const samples: number[] = [];
for (let r = 0; r < Number(args.repeat); r += 1) {
  for (const text of all) {
    const t0 = performance.now();
    net.scan(text);
    samples.push(performance.now() - t0);
  }
}
samples.sort((a, b) => a - b);
console.log(
  samples.length === 0
    ? 'Time per check: no phrases to time.'
    : `Time per check over ${samples.length} checks: p50 ${(percentile(samples, 50) * 1000).toFixed(0)} µs, p99 ${(percentile(samples, 99) * 1000).toFixed(0)} µs (target < 2000 µs), max ${(samples[samples.length - 1] ?? 0).toFixed(2)} ms.`,
);
