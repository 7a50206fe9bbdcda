/**
 * npm run bench — DARE Coach turns through the real path, beside a bare botbuilder echo bot.
 * Prints a Markdown table and writes test/bench/results/latest.{json,md,svg}. Report only: it
 * exits 0 whatever the figures (a harness failure exits 1).
 *
 *   npm run bench                 short run (CI)
 *   npm run bench -- --full       longer rounds (or BENCH_FULL=1)
 *   npm run bench -- --mode=out-of-process|embedded|both   (default both)
 *   npm run bench -- --profile    the bot writes a CPU profile (node --cpu-prof) per storage mode
 *                                 to test/bench/results/profiles/
 *   npm run bench -- --bot=<path>  another build of the bot (e.g. an older commit's, to compare)
 *   npm run bench -- --scenario=walkthrough,referral   only these scenarios (help, walkthrough,
 *                                 wording, referral; default all)
 *   npm run bench -- --rounds=2 --turns=80   shorter rounds while iterating
 *   BENCH_BOT_NODE_OPTIONS=...    NODE_OPTIONS for the bot only (experiments with V8 flags)
 *
 * `npx tsx test/bench/turns/appCost.ts` gives the app's own CPU per turn for the same scenarios
 * without HTTP or storage, to split this bench's figure into the app and its transport.
 *
 * Processes: this one generates the load; the bot is `node dist/index.js` (built first by the npm
 * script), with its real logger writing to a pipe this process drains; the echo bot, the counting
 * connector (where both bots send their replies) and, for the out-of-process mode, the
 * Cosmos-protocol server (keep-alive, counting requests by kind) each run in their own process.
 * In the embedded mode the bot starts its own in-process Cosmos-protocol server (no
 * COSMOS_ENDPOINT), as `npm start` does on a developer's machine.
 *
 * Each scenario gives both bots the same workload in rounds that alternate which goes first, so
 * machine noise lands on both alike; each in-flight slot is one fake user, so a user's presses
 * follow one another as in Teams. CPU per turn is the process's user + system time from /proc
 * over the timed turns; storage requests per turn are counted at the storage server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { fakeTenantId } from '../../support/builders';
import { percentile } from '../support/percentile';
import { cpuMs, forkChild, rssMb, type BenchChild } from './childProcess';
import type { StorageCounts } from './cosmosProcess';
import {
  checkTargets,
  markdownTable,
  svgChart,
  type BenchResult,
  type BotFigures,
  type ModeResult,
  type ScenarioResult,
} from './report';
import { benchUsers, scenarios as allScenarios, type Scenario, type UserState } from './scenarios';

const root = path.resolve(__dirname, '../../..');
const resultsDir = path.join(root, 'test/bench/results');

const { values: args } = parseArgs({
  options: {
    full: { type: 'boolean', default: process.env.BENCH_FULL === '1' },
    mode: { type: 'string', default: 'both' },
    profile: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '8' },
    bot: { type: 'string', default: 'dist/index.js' },
    scenario: { type: 'string', default: 'all' },
    rounds: { type: 'string' },
    turns: { type: 'string' },
  },
});
const full = args.full ?? false;
const concurrency = Number(args.concurrency);
const rounds = args.rounds ? Number(args.rounds) : full ? 10 : 4;
const turnsPerRound = args.turns ? Number(args.turns) : full ? 800 : 160;
const warmUpTurns = full ? 400 : 80;
const modes = (
  args.mode === 'both' ? ['out-of-process', 'embedded'] : [args.mode]
) as ModeResult['mode'][];
const chosen = args.scenario === 'all' ? undefined : new Set(args.scenario?.split(','));
const scenarios = allScenarios.filter((s) => !chosen || chosen.has(s.id));
if (scenarios.length === 0) throw new Error(`no scenario named ${args.scenario}`);

interface Target {
  readonly name: 'dare' | 'echo';
  readonly port: number;
  readonly pid: number;
  readonly serviceUrl: string;
}

interface Run {
  readonly latencies: number[];
  readonly elapsedMs: number;
  readonly failed: number;
}

let nextActivityId = 0;

/** POSTs one activity; resolves with the status and body once the response has been read. */
function post(agent: http.Agent, port: number, body: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/messages',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A turn answered as the client expects: 200, and for a button press a card that is not an apology. */
function answered(scenario: Scenario, state: UserState, status: number, body: string): boolean {
  if (status !== 200) return false;
  if (scenario.kind === 'message') return true;
  const parsed = JSON.parse(body) as { type?: string; value?: Record<string, unknown> };
  if (parsed.type !== 'application/vnd.microsoft.card.adaptive' || !parsed.value) return false;
  state.card = parsed.value;
  return !/Something went wrong|This card is out of date/.test(body);
}

async function runTurns(
  agent: http.Agent,
  target: Target,
  scenario: Scenario,
  states: UserState[],
  turns: number,
): Promise<Run> {
  const latencies: number[] = [];
  let failed = 0;
  let started = 0;
  const worker = async (state: UserState) => {
    while (started < turns) {
      started += 1;
      const activity = {
        ...scenario.next(state),
        id: `bench-${(nextActivityId += 1)}`,
        from: state.user.from,
        serviceUrl: target.serviceUrl,
      };
      state.turns += 1;
      const body = JSON.stringify(activity);
      const t0 = performance.now();
      const response = await post(agent, target.port, body);
      latencies.push(performance.now() - t0);
      if (!answered(scenario, state, response.status, response.body)) failed += 1;
    }
  };
  const t0 = performance.now();
  await Promise.all(states.map(worker));
  return { latencies, elapsedMs: performance.now() - t0, failed };
}

function summarise(runs: readonly Run[], cpu: number): BotFigures {
  const sorted = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const elapsed = runs.reduce((sum, r) => sum + r.elapsedMs, 0);
  return {
    turns: sorted.length,
    perSecond: (1000 * sorted.length) / elapsed,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    cpuMsPerTurn: cpu / sorted.length,
    failed: runs.reduce((sum, r) => sum + r.failed, 0),
  };
}

/** The bot as App Service runs it: `node dist/index.js`, logging to a pipe this process drains. */
async function startBot(
  mode: ModeResult['mode'],
  cosmos: { endpoint: string; key: string } | undefined,
  warnings: string[],
): Promise<{ proc: ChildProcess; port: number; stop(): Promise<void> }> {
  const profileArgs = args.profile
    ? ['--cpu-prof', `--cpu-prof-dir=${path.join(resultsDir, 'profiles', mode)}`]
    : [];
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'development',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ALLOWED_TENANT_IDS: fakeTenantId,
    COSMOS_DATABASE: 'dare-bench',
    // For experiments only (e.g. V8 heap flags); unset in CI.
    ...(process.env.BENCH_BOT_NODE_OPTIONS
      ? { NODE_OPTIONS: process.env.BENCH_BOT_NODE_OPTIONS }
      : {}),
    ...(cosmos ? { COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: cosmos.key } : {}),
  };
  const proc = spawn(process.execPath, [...profileArgs, path.resolve(root, args.bot ?? '')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  let errorLines = 0;
  const port = await new Promise<number>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`the bot exited (${code}) before listening`)));
    createInterface({ input: proc.stdout }).on('line', (line) => {
      let entry: { level?: number; msg?: string; port?: number };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if ((entry.level ?? 0) >= 50) errorLines += 1;
      if (entry.msg === 'listening' && entry.port) resolve(entry.port);
    });
  });
  return {
    proc,
    port,
    stop: async () => {
      proc.kill('SIGTERM');
      await exited;
      if (errorLines > 0) warnings.push(`${mode}: the bot logged ${errorLines} errors`);
    },
  };
}

/** The highest RSS seen for each process while the callback runs (sampled every 100 ms). */
async function watchRss<T>(pids: Record<string, number>, during: () => Promise<T>) {
  const peak: Record<string, number> = {};
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const now = rssMb(pid);
      if (!(now <= (peak[name] ?? 0))) peak[name] = now;
    }
  };
  const timer = setInterval(sample, 100);
  try {
    const value = await during();
    sample();
    return { value, peak };
  } finally {
    clearInterval(timer);
  }
}

/** Where a scenario runs: the storage mode and the processes it talks to. */
interface Setting {
  readonly mode: ModeResult['mode'];
  readonly targets: readonly [Target, Target];
  readonly cosmos: BenchChild | undefined;
  readonly connector: BenchChild;
  readonly warnings: string[];
}

async function measureScenario(setting: Setting, scenario: Scenario): Promise<ScenarioResult> {
  // A fresh agent per scenario: a socket left idle past the server's keep-alive timeout (while
  // another process starts, say) would be closed under a request reusing it.
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    return await measureWith(agent, setting, scenario);
  } finally {
    agent.destroy();
  }
}

async function measureWith(
  agent: http.Agent,
  setting: Setting,
  scenario: Scenario,
): Promise<ScenarioResult> {
  const { mode, targets, cosmos, connector, warnings } = setting;
  const states = Object.fromEntries(
    targets.map((t) => [
      t.name,
      benchUsers(concurrency, `${mode}-${scenario.id}-${t.name}`).map((user) => ({
        user,
        card: undefined,
        turns: 0,
      })),
    ]),
  ) as Record<Target['name'], UserState[]>;
  for (const t of targets) await runTurns(agent, t, scenario, states[t.name], warmUpTurns);

  const runs: Record<Target['name'], Run[]> = { dare: [], echo: [] };
  const cpu: Record<Target['name'], number> = { dare: 0, echo: 0 };
  let storageCpu = 0;
  const storage: StorageCounts = { reads: 0, writes: 0, queries: 0, metadata: 0, connections: 0 };
  const repliesBefore = (await connector.ask<{ replies: Record<string, number> }>('replies'))
    .replies;
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? targets : ([targets[1], targets[0]] as const);
    for (const t of order) {
      const countsBefore =
        t.name === 'dare' ? await cosmos?.ask<{ counts: StorageCounts }>('counts') : undefined;
      const cpuBefore = cpuMs(t.pid);
      const storageCpuBefore = cosmos && t.name === 'dare' ? cpuMs(cosmos.process.pid!) : 0;
      runs[t.name].push(await runTurns(agent, t, scenario, states[t.name], turnsPerRound));
      cpu[t.name] += cpuMs(t.pid) - cpuBefore;
      if (cosmos && t.name === 'dare') storageCpu += cpuMs(cosmos.process.pid!) - storageCpuBefore;
      if (countsBefore && cosmos) {
        const after = (await cosmos.ask<{ counts: StorageCounts }>('counts')).counts;
        for (const k of Object.keys(storage) as (keyof StorageCounts)[]) {
          storage[k] += after[k] - countsBefore.counts[k];
        }
      }
    }
  }
  const repliesAfter = (await connector.ask<{ replies: Record<string, number> }>('replies'))
    .replies;
  const dare = summarise(runs.dare, cpu.dare);
  const echo = summarise(runs.echo, cpu.echo);
  for (const [name, figures] of [
    ['dare', dare],
    ['echo', echo],
  ] as const) {
    if (figures.failed > 0) {
      warnings.push(
        `${mode} ${scenario.id}: ${figures.failed} ${name} turns not answered as expected`,
      );
    }
    const replies = (repliesAfter[name] ?? 0) - (repliesBefore[name] ?? 0);
    const expected = scenario.kind === 'message' ? figures.turns : 0;
    if (replies !== expected) {
      warnings.push(
        `${mode} ${scenario.id}: ${name} sent ${replies} replies to the connector for ${figures.turns} turns (expected ${expected})`,
      );
    }
  }
  const perTurn = (n: number) => n / dare.turns;
  return {
    id: scenario.id,
    label: scenario.label,
    storageNote: scenario.storage,
    dare,
    echo,
    throughputRatio: dare.perSecond / echo.perSecond,
    p99Ratio: dare.p99 / echo.p99,
    storage: cosmos
      ? {
          reads: perTurn(storage.reads),
          writes: perTurn(storage.writes),
          queries: perTurn(storage.queries),
          metadata: perTurn(storage.metadata),
          connections: storage.connections,
          serverCpuMs: storageCpu / dare.turns,
        }
      : undefined,
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const warnings: string[] = [];
  const stops: Array<() => Promise<void>> = [];
  const results: ModeResult[] = [];
  try {
    const { child: connector, ready: connectorReady } = await forkChild<{ url: string }>(
      path.join(__dirname, 'connectorProcess.ts'),
    );
    stops.push(() => connector.stop());
    const { child: echoBot, ready: echoReady } = await forkChild<{ port: number }>(
      path.join(__dirname, 'echoBotProcess.ts'),
    );
    stops.push(() => echoBot.stop());
    const echo: Target = {
      name: 'echo',
      port: echoReady.port,
      pid: echoBot.process.pid!,
      serviceUrl: `${connectorReady.url}/echo/`,
    };

    for (const mode of modes) {
      const cosmosChild =
        mode === 'out-of-process'
          ? await forkChild<{ endpoint: string; key: string }>(
              path.join(__dirname, 'cosmosProcess.ts'),
            )
          : undefined;
      // A bot that fails to start must not leave the storage process (and so this one) running.
      const bot = await startBot(mode, cosmosChild?.ready, warnings).catch(async (err: unknown) => {
        await cosmosChild?.child.stop();
        throw err;
      });
      const dare: Target = {
        name: 'dare',
        port: bot.port,
        pid: bot.proc.pid!,
        serviceUrl: `${connectorReady.url}/dare/`,
      };
      try {
        const idleRssMb = { dare: rssMb(dare.pid), echo: rssMb(echo.pid) };
        const { value: scenarioResults, peak } = await watchRss(
          { dare: dare.pid, echo: echo.pid },
          async () => {
            // Every path once through before anything is timed, so JIT warm-up lands on none.
            const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
            for (const scenario of scenarios) {
              for (const t of [dare, echo]) {
                const users = benchUsers(concurrency, `${mode}-warm-${scenario.id}-${t.name}`);
                const states = users.map((user) => ({ user, card: undefined, turns: 0 }));
                await runTurns(agent, t, scenario, states, warmUpTurns);
              }
            }
            agent.destroy();
            const out: ScenarioResult[] = [];
            for (const scenario of scenarios) {
              out.push(
                await measureScenario(
                  { mode, targets: [dare, echo], cosmos: cosmosChild?.child, connector, warnings },
                  scenario,
                ),
              );
            }
            return out;
          },
        );
        results.push({
          mode,
          scenarios: scenarioResults,
          peakRssMb: { dare: peak.dare ?? NaN, echo: peak.echo ?? NaN },
          idleRssMb,
        });
      } finally {
        await bot.stop();
        await cosmosChild?.child.stop();
      }
    }
  } finally {
    for (const stop of stops.reverse()) await stop();
  }

  const result: BenchResult = {
    when: new Date().toISOString(),
    node: `Node ${process.version}`,
    machine: `${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? 'unknown CPU'}`,
    settings: { concurrency, rounds, turnsPerRound, warmUpTurns, full },
    modes: results,
    targets: checkTargets(results),
    warnings,
  };
  const table = markdownTable(result);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(path.join(resultsDir, 'latest.md'), table);
  writeFileSync(path.join(resultsDir, 'latest.svg'), svgChart(result));
  console.log(table);
  console.log(`wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  console.error('bench failed:', err);
  process.exitCode = 1;
});
