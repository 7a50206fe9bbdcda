/**
 * Where a bot's CPU went, from a profile `npm run bench -- --profile` wrote:
 *
 *   npx tsx test/bench/turns/profileSummary.ts test/bench/results/profiles/out-of-process/<file>.cpuprofile
 *
 * Prints self time by package (or the app's own folder) and the heaviest call paths by inclusive
 * time, as shares of the samples after start-up (module loading is left out).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly children?: number[];
}
interface Profile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: profileSummary.ts <file.cpuprofile>');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const short = (url: string) =>
  url.replace(/.*node_modules\//, '').replace(/.*\/dist\//, 'dist/') || '(native)';
const area = (url: string): string => {
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const app = /\/dist\/([^/]+)/.exec(url)?.[1];
  if (app) return `app: ${app}`;
  return url.startsWith('node:') ? 'node core' : url;
};
const frame = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

/** True for samples taken while loading modules (start-up), which the bench does not time. */
function loading(id: number): boolean {
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    if (byId.get(cur)?.callFrame.functionName === 'Module._load') return true;
  }
  return false;
}

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  if (!node || loading(id) || node.callFrame.functionName === '(idle)') return;
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  // Native frames (syscalls such as writev, the garbage collector) have no URL: name them.
  const key = node.callFrame.url
    ? area(node.callFrame.url)
    : `native: ${node.callFrame.functionName || '(anonymous)'}`;
  self.set(key, (self.get(key) ?? 0) + dt);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur);
    if (!n || !n.callFrame.url) continue;
    const f = frame(n);
    if (seen.has(f)) continue;
    seen.add(f);
    inclusive.set(f, (inclusive.get(f) ?? 0) + dt);
  }
});

const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
console.log(`busy time after start-up: ${(total / 1e6).toFixed(1)} s`);
console.log('\nself time by package or app folder\n' + top(self, 20));
console.log('\ninclusive time, heaviest frames\n' + top(inclusive, 40));
