import { performance } from 'node:perf_hooks';
import { readLabelledBatches } from './test/bench/safety/labelledPhrases';
import { loadCoachingPack } from './src/content/coaching/loadCoachingPack';
const net = loadCoachingPack().safety;
const texts = readLabelledBatches(['tuning']).flatMap((b) => [...b.danger.map((d) => d.text), ...b.ordinary]);
for (const t of texts) net.scan(t);
const times: number[] = [];
for (let r = 0; r < 5; r++) for (const t of texts) { const t0 = performance.now(); net.scan(t); times.push(performance.now() - t0); }
times.sort((a, b) => a - b);
console.log({ mean: times.reduce((a, b) => a + b) / times.length, p50: times[Math.floor(times.length / 2)], p99: times[Math.floor(times.length * 0.99)] });
