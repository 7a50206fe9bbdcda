/**
 * npm run bench:nudges — fan-out of one refresher to a team, through the real engine:
 * storage on a Cosmos-protocol server in its own process (keep-alive), the sender(s) in their own
 * processes, and a local connector enforcing Teams' limits (50 requests/s per tenant, 7/s per
 * conversation, 429 + Retry-After) with injected faults (each 403 sub-code and 404 for 1% of
 * recipients, 0.5% transient 5xx, 2% slow answers). Half the recipients need a new conversation.
 * Variants: clean; SIGKILL half-way and restart (warm; `-- --cold-restart` for a new process);
 * two sender processes at once (only the lease holder sends; requests are tagged by sender).
 * Duplicates, lost and uncertain are checked against what the connector itself received.
 * CI size: 400 recipients; `-- --full` for 2,000. `-- --variants=clean,kill,two` to pick;
 * `-- --trace` adds requests per second and the longest pauses (where the time went).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { createLogger } from '../../../src/logging/logger';
import { openCosmosStorage } from '../../../src/storage/cosmos/openCosmosStorage';
import { StoredConversationDirectory } from '../../../src/conversations/conversationDirectory';
import { systemClock } from '../../../src/kernel/clock';
import { deliveryPartition, type NudgeRecord } from '../../../src/nudges/model';
import { nudgeStores } from '../../../src/nudges/stores';
import { StoredInstalledTeams, type InstalledTeam } from '../../../src/teams/installedTeams';
import type { Storage } from '../../../src/kernel/documentStore';
import { forkChild } from '../turns/childProcess';
import { seededRandom } from '../../support/referrals/deliveryFakes';
import { startLocalConnector, type PermanentFault } from '../../support/nudges/localConnector';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    'cold-restart': { type: 'boolean', default: false },
    variants: { type: 'string', default: 'clean,kill,two' },
    recipients: { type: 'string' },
    trace: { type: 'boolean', default: false },
  },
});
const recipients = Number(values.recipients ?? (values.full ? 2000 : 400));
const variants = (values.variants ?? '').split(',').filter((v) => v !== '');
const allowedPerSecond = 50;
const teamId = '19:bench-team@thread.tacv2';
const faults: PermanentFault[] = [
  { status: 403, code: 'ConversationBlockedByUser' },
  { status: 403, code: 'BotDisabledByAdmin' },
  { status: 403, code: 'BotNotInConversationRoster' },
  { status: 403, code: 'AppUninstalled' },
  { status: 404 },
];

function roster(tenant: string) {
  return Array.from({ length: recipients }, (_, i) => ({
    id: `29:bench-${tenant.slice(0, 8)}-${i}`,
    aadObjectId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
  }));
}

async function seed(storage: Storage, tenantId: string, serviceUrl: string) {
  const members = roster(tenantId);
  await new StoredInstalledTeams(storage.collection<InstalledTeam>('nudges'), systemClock).record({
    tenantId,
    teamId,
    serviceUrl,
    reference: { serviceUrl, conversation: { id: teamId } },
  });
  const directory = new StoredConversationDirectory(
    storage.collection('conversations'),
    systemClock,
  );
  // Half have talked to the bot: reached in their chat. The other half need one created.
  for (let i = 0; i < members.length; i += 2) {
    const m = members[i]!;
    await directory.remember({
      tenantId,
      conversationId: `a:chat-${m.id}`,
      kind: 'personal',
      userObjectId: m.aadObjectId,
      reference: { serviceUrl, conversation: { id: `a:chat-${m.id}` }, user: { id: m.id } },
    });
  }
  const nudge: NudgeRecord = {
    tenantId,
    nudgeId: randomUUID(),
    occurrence: 'now',
    content: { kind: 'tip', tipId: 'make-it-routine' },
    audience: { kind: 'team', teamId },
    sentBy: 'bench',
    state: 'expanding',
    createdAt: new Date().toISOString(),
  };
  await nudgeStores(storage).nudges.create({ partitionKey: tenantId, id: nudge.nudgeId }, nudge);
  return { members, nudge };
}

function startSender(env: Record<string, string>): {
  proc: ChildProcess;
  exited: Promise<number | null>;
  /** Resolves when a standby (BENCH_STANDBY=1) has loaded and waits for "go". */
  standing: Promise<void>;
} {
  const proc = fork(path.join(__dirname, 'senderProcess.ts'), [], {
    execArgv: ['--require', 'tsx/cjs'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => resolve(code)),
  );
  const standing = new Promise<void>((resolve) =>
    proc.on('message', (m: { type?: string }) => {
      if (m.type === 'standing-by') resolve();
    }),
  );
  return { proc, exited, standing };
}

async function runVariant(
  variant: string,
  cosmos: { endpoint: string; key: string },
  storage: Storage,
): Promise<void> {
  const tenantId = randomUUID();
  const members = roster(tenantId);
  const permanent = new Map<string, PermanentFault>();
  members.forEach((m, i) => {
    if (i % 100 === 37) permanent.set(m.id, faults[Math.floor(i / 100) % faults.length]!);
  });
  const random = seededRandom(recipients + variant.length);
  const connector = await startLocalConnector({
    roster: members,
    permanent,
    chaos: () => {
      const r = random();
      if (r < 0.005) return { status: [500, 502, 503, 504][Math.floor(r * 800) % 4]! };
      if (r < 0.025) return { delayMs: 150 };
      return {};
    },
  });
  const { nudge } = await seed(storage, tenantId, connector.url);
  const env = (holder: string, name = holder) => ({
    BENCH_TENANT: tenantId,
    BENCH_COSMOS_ENDPOINT: cosmos.endpoint,
    BENCH_COSMOS_KEY: cosmos.key,
    BENCH_CONNECTOR_URL: connector.url,
    BENCH_HOLDER: holder,
    BENCH_SENDER_NAME: name,
  });
  const sent = () => [...connector.stats.sends.values()].reduce((s, n) => s + n, 0);
  let killedAt = 0;
  if (variant === 'two') {
    const a = startSender(env('sender-a'));
    const b = startSender(env('sender-b'));
    await Promise.all([a.exited, b.exited]);
  } else {
    const first = startSender(env('sender-a'));
    if (variant === 'kill') {
      // The same instance restarted in place (same holder id, so it takes its lease back at once).
      // Warm by default, as a supervisor with the code loaded restarts it; --cold-restart forks a
      // new process after the kill (its boot time then counts in the wall time too).
      const restart = values['cold-restart']
        ? undefined
        : startSender({ ...env('sender-a', 'sender-a-restarted'), BENCH_STANDBY: '1' });
      await restart?.standing;
      while (sent() < recipients / 2 && first.proc.exitCode === null) {
        await new Promise((r) => setTimeout(r, 20));
      }
      first.proc.kill('SIGKILL');
      await first.exited;
      killedAt = performance.now();
      if (restart) {
        restart.proc.send({ type: 'go' });
        await restart.exited;
      } else {
        await startSender(env('sender-a', 'sender-a-restarted')).exited;
      }
    } else {
      await first.exited;
    }
  }
  const { stats } = connector;
  await connector.stop();
  const deliveries = await nudgeStores(storage).deliveries.listPartition(
    deliveryPartition(tenantId, nudge.nudgeId, nudge.occurrence),
  );
  const failedByReason = new Map<string, number>();
  const statusOf = new Map<string, string>();
  for (const { value } of deliveries) {
    statusOf.set(value.userId, value.status);
    if (value.status === 'failed') {
      failedByReason.set(value.reason ?? '?', (failedByReason.get(value.reason ?? '?') ?? 0) + 1);
    }
  }
  // Checked against what the connector itself received, recipient by recipient.
  let duplicates = 0;
  let lost = 0;
  let delivered = 0;
  let uncertain = 0;
  let uncertainReceived = 0;
  let sentNotReceived = 0;
  let unfinished = 0;
  for (const m of members) {
    const n = stats.sends.get(`a:chat-${m.id}`) ?? 0;
    const status = statusOf.get(m.id);
    if (n > 0) delivered += 1;
    if (n > 1) duplicates += n - 1;
    if (status === 'uncertain') {
      uncertain += 1;
      if (n > 0) uncertainReceived += 1;
    }
    if (status === 'sent' && n === 0) sentNotReceived += 1;
    if (status === 'pending' || status === 'attempting' || status === undefined) unfinished += 1;
    // Lost: never received, and the manager is not told it failed or may not have arrived.
    if (n === 0 && status !== 'failed' && status !== 'uncertain') lost += 1;
  }
  const seconds = (stats.lastAt - stats.firstAt) / 1000;
  // The sending phase: sends and conversation creations, first to last as the connector saw them.
  // Only requests Teams accepted count (a 429 uses none of the budget); 5xx answers do count.
  const sending = stats.requests - stats.rosterPages;
  const accepted = sending - stats.throttled;
  const ofAllowed = (100 * accepted) / (seconds * allowedPerSecond);
  const reasons = [...failedByReason].map(([r, n]) => `${r} ${n}`).join(', ') || 'none';
  const bySender = [...stats.bySender].map(([name, n]) => `${name} ${n}`).join(', ');
  const before = stats.arrivals.filter((t) => t <= killedAt).at(-1) ?? killedAt;
  const after = stats.arrivals.find((t) => t > killedAt) ?? killedAt;
  const gap =
    killedAt > 0
      ? `, restart gap ${((after - before) / 1000).toFixed(2)} s (${values['cold-restart'] ? 'cold' : 'warm'} restart)`
      : '';
  process.stdout.write(
    [
      `variant ${variant}: ${recipients} recipients, ${sending} requests while sending (${stats.created} conversations created; ${stats.rosterPages} roster pages before) in ${seconds.toFixed(1)} s${gap}`,
      `  ${ofAllowed.toFixed(1)}% of allowed (${accepted} accepted requests, sends and creations, over ${seconds.toFixed(2)} s from first to last, against ${allowedPerSecond}/s)`,
      `  429s ${stats.throttled} (${((100 * stats.throttled) / stats.requests).toFixed(2)}% of requests; ${stats.throttledConversation} per conversation), transient 5xx ${stats.transient}`,
      `  requests by sender: ${bySender}`,
      `  delivered ${delivered}`,
      `  permanent failures by reason: ${reasons}`,
      `  uncertain ${uncertain} (settled "possibly delivered", not resent; the connector received ${uncertainReceived} of them)`,
      `  recorded sent but not received ${sentNotReceived}, unfinished ${unfinished}`,
      `  duplicates ${duplicates}`,
      `  lost ${lost}`,
      ...(values.trace ? [trace(stats.arrivals)] : []),
      '',
    ].join('\n'),
  );
}

/** Where the time went: requests per second of the run, and the longest pauses between two. */
function trace(arrivals: readonly number[]): string {
  const first = arrivals[0] ?? 0;
  const perSecond: number[] = [];
  for (const t of arrivals) {
    const s = Math.floor((t - first) / 1000);
    perSecond[s] = (perSecond[s] ?? 0) + 1;
  }
  const gaps = arrivals
    .slice(1)
    .map((t, i) => ({ at: (arrivals[i]! - first) / 1000, ms: t - arrivals[i]! }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
    .map((g) => `${g.ms.toFixed(0)} ms at ${g.at.toFixed(1)} s`);
  return `  trace: per second ${Array.from(perSecond, (n) => n ?? 0).join(' ')}; longest pauses ${gaps.join(', ')}`;
}

async function main(): Promise<void> {
  const { child, ready } = await forkChild<{ endpoint: string; key: string }>(
    path.join(__dirname, '..', 'turns', 'cosmosProcess.ts'),
  );
  const storage = await openCosmosStorage(
    { endpoint: ready.endpoint, key: ready.key, database: 'bench' },
    createLogger({ level: 'warn' }),
  );
  try {
    for (const variant of variants) await runVariant(variant, ready, storage);
  } finally {
    await storage.close();
    await child.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:nudges failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
