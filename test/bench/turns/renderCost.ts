/**
 * CPU per card render, adaptivecards-templating's own expansion beside the compiled one
 * (src/kernel/templateExpansion.ts), over every card sample in test/fixtures/card-samples.
 * Report only:
 *
 *   npx tsx test/bench/turns/renderCost.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CompiledTemplate } from '../../../src/kernel/templateExpansion';

const root = path.resolve(__dirname, '../../..');
const cardsDirectory = path.join(root, 'cards');
const samplesDirectory = path.join(root, 'test/fixtures/card-samples');

/** Mean CPU microseconds per render over the samples, after a warm-up. */
function microseconds(samples: readonly object[], render: (data: object) => unknown): number {
  for (let i = 0; i < 200; i++) for (const sample of samples) render(sample);
  const rounds = Math.max(200, Math.round(4000 / samples.length));
  const before = process.cpuUsage();
  for (let i = 0; i < rounds; i++) for (const sample of samples) render(sample);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / (rounds * samples.length);
}

const lines = ['| card | library µs | compiled µs |', '| --- | ---: | ---: |'];
for (const file of readdirSync(cardsDirectory).filter((f) => f.endsWith('.json'))) {
  const template = new ACData.Template(
    JSON.parse(readFileSync(path.join(cardsDirectory, file), 'utf8')),
  );
  const compiled = CompiledTemplate.of(template);
  if (!compiled) throw new Error("adaptivecards-templating's prepared template was not found");
  const samples = JSON.parse(readFileSync(path.join(samplesDirectory, file), 'utf8')) as object[];
  const library = microseconds(samples, (data) => template.expand({ $root: data }));
  const fast = microseconds(samples, (data) => compiled.expand(data));
  lines.push(`| ${file} | ${library.toFixed(1)} | ${fast.toFixed(1)} |`);
}
console.log(lines.join('\n'));
