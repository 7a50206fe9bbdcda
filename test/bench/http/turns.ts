/**
 * npm run bench:turns — message turns per second and turn latency through the real HTTP path,
 * for DARE Coach and for a plain botbuilder echo bot on the same harness. Prints; always exits 0
 * unless the harness itself fails (CI shows the numbers, nothing is asserted).
 *
 *   --turns=N   timed turns per bot at each concurrency level (default 3000)
 *
 * Both bots run in this process on the project's restify server (createHttpServer: same body
 * parser, same limits), each behind a CloudAdapter without bot authentication (as in the local
 * sandbox), on 127.0.0.1 with a free port. DARE Coach is the real composition: composeApplication,
 * in-memory storage, a logger that writes nothing but counts errors. The plain bot is a
 * botbuilder ActivityHandler that echoes the text, served as botbuilder's samples do
 * (adapter.process). Both send their replies to one counting connector, as Teams would get them.
 *
 * A turn is one POST /api/messages of a Teams message activity from one of a few fake users in
 * one fake tenant, timed until its HTTP response: botbuilder sends a turn's replies to the
 * connector before it answers, so the time includes the reply. Both bots get the same workload,
 * in rounds that alternate which bot goes first, so machine noise lands on both alike. The client
 * shares the process (and its one event loop) with both bots: with 8 in flight, latency is mostly
 * queueing, and throughput is what one Node process does with client and bot together.
 *
 * Reading it: absolute numbers depend on the machine; compare the DARE/plain ratios between runs.
 * A throughput ratio below 1 and latency ratios above 1 are what DARE Coach costs over bare
 * botbuilder (tenant guard, conversation memory, wording search, card rendering). Any WARNING line
 * (a turn not answered 200, an error logged, replies not one per turn) means the numbers are not
 * comparable.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
} from 'botbuilder';
import { composeApplication, maxRequestBodyBytes } from '../../../src/composition';
import { systemClock } from '../../../src/kernel/clock';
import { createLogger, type Logger } from '../../../src/logging/logger';
import { createHttpServer, type HttpServer } from '../../../src/server/httpServer';
import { InMemoryStorage } from '../../../src/storage/memory/InMemoryStorage';
import { aConfig, aMessage } from '../../support/builders';
import { percentile } from '../support/percentile';

const concurrencyLevels = [1, 8] as const;
const rounds = 10;
const maxInFlight = Math.max(...concurrencyLevels);
const warmUpTurns = 200;

/** Typed text that exercises the bot: commands, a greeting, wording searches, and small talk. */
const texts = [
  'help',
  'he says she winds him up',
  'hi',
  'wording',
  'he shouts at the kids when he is tired',
  'what is the weather like',
];

/** Obviously fake users, all in the builders' fake tenant; each has its own personal chat. */
const users = [1, 2, 3, 4, 5].map((n) => ({
  from: {
    id: `29:fake-bench-user-${n}`,
    aadObjectId: `00000000-0000-4000-8000-0000000000b${n}`,
    name: `Testy McFakeface ${n}`,
  },
  conversationId: `a:fake-bench-conversation-${n}`,
}));

function turnsArgument(): number {
  const raw = process.argv.find((a) => a.startsWith('--turns='))?.slice('--turns='.length);
  if (raw === undefined) return 3000;
  const turns = Number(raw);
  if (!Number.isInteger(turns) || turns < 1)
    throw new Error(`--turns must be a positive whole number, not "${raw}"`);
  return turns;
}

/**
 * Writes nothing and counts error lines: the bench measures turns, not log output, but a turn
 * that failed (DARE Coach answers it with an apology, still 200) must not pass for a measured one.
 */
function errorCountingLogger() {
  let errors = 0;
  const logger = createLogger({ level: 'error', destination: { write: () => (errors += 1) } });
  return { logger, errors: () => errors };
}

/**
 * Stands in for the Bot Framework connector (the activities' serviceUrl). Unlike
 * test/support/fakeConnector.ts it keeps no replies, only a count per bot (the first path
 * segment of the serviceUrl), so thousands of turns cost it no memory and no parsing.
 */
async function startCountingConnector() {
  const replies = new Map<string, number>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const bot = (req.url ?? '').split('/')[1] ?? '';
      const count = (replies.get(bot) ?? 0) + 1;
      replies.set(bot, count);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${count}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrlFor: (bot: string) => `http://127.0.0.1:${port}/${bot}/`,
    replies: (bot: string) => replies.get(bot) ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The baseline: a botbuilder echo bot, no auth (as adapter.ts builds it without an app id). */
function createPlainServer(logger: Logger): HttpServer {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: 'MultiTenant',
      MicrosoftAppTenantId: '',
    }),
  );
  const bot = new ActivityHandler();
  bot.onMessage(async (turn, next) => {
    await turn.sendActivity(`You said: ${turn.activity.text ?? ''}`);
    await next();
  });
  return createHttpServer({
    logger,
    handleBotRequest: (req, res) => adapter.process(req, res, (turn) => bot.run(turn)),
    checkReadiness: () => Promise.resolve({ ready: true as const }),
    maxBodyBytes: maxRequestBodyBytes,
  });
}

interface Target {
  readonly name: 'dare' | 'plain';
  readonly url: URL;
  readonly serviceUrl: string;
  sent: number;
  failed: number;
}

let nextActivityId = 0;

/** The i-th turn of the workload, as Teams would POST it; the same i gives the same text and user. */
function activityFor(target: Target, i: number): string {
  const user = users[i % users.length];
  const activity: Partial<Activity> = {
    ...aMessage(texts[i % texts.length], { conversationId: user.conversationId }),
    id: `bench-${(nextActivityId += 1)}`,
    from: user.from,
    serviceUrl: target.serviceUrl,
  };
  return JSON.stringify(activity);
}

/** POSTs one activity; resolves with the HTTP status once the response has been read. */
function post(agent: http.Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `turns` turns with `concurrency` in flight; returns each turn's latency and the elapsed time. */
async function runTurns(agent: http.Agent, target: Target, turns: number, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < turns) {
      const body = activityFor(target, next++);
      const started = performance.now();
      const status = await post(agent, target.url, body);
      latencies.push(performance.now() - started);
      target.sent += 1;
      if (status !== 200) target.failed += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, elapsedMs: performance.now() - started };
}

interface Measured {
  readonly turns: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

function summarise(latencies: number[], elapsedMs: number): Measured {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    turns: sorted.length,
    perSecond: (1000 * sorted.length) / elapsedMs,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

function row(cells: ReadonlyArray<string | number>): string {
  return cells.map((c, i) => (i === 0 ? String(c).padEnd(8) : String(c).padStart(10))).join('');
}

/** Times both bots at one concurrency level, in alternating rounds; prints the table and ratios. */
async function measureLevel(
  agent: http.Agent,
  targets: readonly [Target, Target],
  turns: number,
  concurrency: number,
) {
  const totals = new Map(targets.map((t) => [t.name, { latencies: [] as number[], elapsedMs: 0 }]));
  for (let round = 0; round < rounds; round += 1) {
    const share = Math.floor(turns / rounds) + (round < turns % rounds ? 1 : 0);
    const order = round % 2 === 0 ? targets : ([targets[1], targets[0]] as const);
    for (const target of order) {
      const { latencies, elapsedMs } = await runTurns(agent, target, share, concurrency);
      const total = totals.get(target.name)!;
      total.latencies.push(...latencies);
      total.elapsedMs += elapsedMs;
    }
  }
  const [dare, plain] = targets.map((t) => {
    const { latencies, elapsedMs } = totals.get(t.name)!;
    return summarise(latencies, elapsedMs);
  }) as [Measured, Measured];

  console.log(`\nconcurrency ${concurrency} (turns in flight)`);
  console.log(row(['bot', 'turns', 'turns/s', 'p50 ms', 'p95 ms', 'p99 ms']));
  for (const [name, m] of [
    ['dare', dare],
    ['plain', plain],
  ] as const) {
    console.log(
      row([
        name,
        m.turns,
        m.perSecond.toFixed(1),
        m.p50.toFixed(2),
        m.p95.toFixed(2),
        m.p99.toFixed(2),
      ]),
    );
  }
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  console.log(
    `DARE/plain: throughput ${ratio(dare.perSecond, plain.perSecond)}, ` +
      `p50 latency ${ratio(dare.p50, plain.p50)}, p99 latency ${ratio(dare.p99, plain.p99)}`,
  );
}

async function main(): Promise<void> {
  const turns = turnsArgument();
  const { logger, errors } = errorCountingLogger();
  const storage = new InMemoryStorage();
  const agent = new http.Agent({ keepAlive: true, maxSockets: maxInFlight });
  const stops: Array<() => Promise<void>> = [];
  const started = performance.now();
  try {
    const connector = await startCountingConnector();
    stops.push(connector.stop);
    const app = composeApplication(aConfig(), { logger, storage, clock: systemClock });
    stops.push(() => app.server.stop(1000));
    const darePort = await app.server.listen(0, '127.0.0.1');
    const plain = createPlainServer(logger);
    stops.push(() => plain.stop(1000));
    const plainPort = await plain.listen(0, '127.0.0.1');

    const target = (name: Target['name'], port: number): Target => ({
      name,
      url: new URL(`http://127.0.0.1:${port}/api/messages`),
      serviceUrl: connector.serviceUrlFor(name),
      sent: 0,
      failed: 0,
    });
    const targets = [target('dare', darePort), target('plain', plainPort)] as const;

    console.log(`DARE Coach turns over HTTP, against a plain botbuilder echo bot`);
    console.log(
      `Node ${process.version}, ${os.cpus().length} CPUs, ${os.cpus()[0]?.model ?? 'unknown CPU'}`,
    );
    console.log(
      `${turns} timed turns per bot per level, in ${rounds} alternating rounds; ${warmUpTurns} warm-up turns each`,
    );

    for (const t of targets) await runTurns(agent, t, warmUpTurns, maxInFlight);
    for (const concurrency of concurrencyLevels) {
      await measureLevel(agent, targets, turns, concurrency);
    }

    // Each message turn answers with exactly one activity, for both bots.
    console.log('');
    const warnings: string[] = [];
    for (const t of targets) {
      const replies = connector.replies(t.name);
      console.log(
        `${t.name}: ${t.sent} turns sent, ${t.failed} not answered 200, ${replies} replies at the connector`,
      );
      if (t.failed > 0) warnings.push(`${t.failed} ${t.name} turns were not answered 200`);
      if (replies !== t.sent) {
        warnings.push(`${t.name} got ${t.sent} turns but sent ${replies} replies, not one each`);
      }
    }
    if (errors() > 0) warnings.push(`${errors()} errors were logged: some turns failed`);
    for (const w of warnings) console.log(`WARNING: ${w}; the numbers above are not comparable`);
  } finally {
    agent.destroy();
    for (const stop of stops.reverse()) await stop();
    await storage.close();
  }
  console.log(`wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  console.error('bench:turns failed:', err);
  process.exitCode = 1;
});
