/**
 * Where a bot's CPU went, from a profile `npm run bench -- --profile` wrote:
 *
 *   npx tsx test/bench/turns/profileSummary.ts test/bench/results/profiles/out-of-process/<file>.cpuprofile
 *
 * Prints, as shares of the samples after start-up (module loading and composing the app are left
 * out): self time by package (or the app's own folder); the same with Node's own code and native
 * frames (socket writes, the garbage collector excepted) charged to the nearest package or app
 * folder that called them, which says whose requests the syscalls were; the functions with the
 * most self time; and the heaviest call paths by inclusive time (async continuations start a new
 * path at processTicksAndRejections, so these undercount).
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

/** Frames that only run at start-up: loading modules, composing the app, opening storage. */
const startUpFrames = new Set(['Module._load', 'composeApplication', 'openStorage']);

/** True for samples taken during start-up, which the bench does not time. */
function loading(id: number): boolean {
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    if (startUpFrames.has(byId.get(cur)?.callFrame.functionName ?? '')) return true;
  }
  return false;
}

/** The nearest caller that is a package or an app folder (not Node's own code, not native). */
function owner(id: number): string {
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const url = byId.get(cur)?.callFrame.url ?? '';
    if (url && !url.startsWith('node:')) return area(url);
  }
  return '(Node only)';
}

const self = new Map<string, number>();
const owned = new Map<string, number>();
const selfFrames = new Map<string, number>();
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
  const gc = node.callFrame.functionName === '(garbage collector)';
  const whose = gc ? 'native: (garbage collector)' : owner(id);
  owned.set(whose, (owned.get(whose) ?? 0) + dt);
  selfFrames.set(frame(node), (selfFrames.get(frame(node)) ?? 0) + dt);
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
console.log(
  "\nself time, Node's own code and native frames charged to their nearest caller\n" +
    top(owned, 20),
);
console.log('\nfunctions with the most self time\n' + top(selfFrames, 25));
console.log('\ninclusive time, heaviest frames\n' + top(inclusive, 40));
