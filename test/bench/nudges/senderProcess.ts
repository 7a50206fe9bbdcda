/**
 * One sender instance for the nudge bench, in its own process: the app's storage on the
 * Cosmos-protocol server, the NudgeWorker, and a REST CardSender to the local connector. It runs
 * the tenant's nudges until none is left unfinished, then exits. HOLDER names it in the lease (a
 * restart with the same HOLDER is the same instance coming back). With BENCH_STANDBY=1 it loads
 * and waits for "go" (a supervisor's warm restart). BENCH_SENDER_NAME tags its requests.
 */
import { openCosmosStorage } from '../../../src/storage/cosmos/openCosmosStorage';
import { createLogger } from '../../../src/logging/logger';
import { StoredConversationDirectory } from '../../../src/conversations/conversationDirectory';
import { NudgeWorker } from '../../../src/nudges/nudgeWorker';
import { realSleeper } from '../../../src/nudges/pacing';
import { nudgeStores } from '../../../src/nudges/stores';
import { StoredInstalledTeams, type InstalledTeam } from '../../../src/teams/installedTeams';
import { fixedTtl } from '../../../src/tenants/retention';
import { systemClock } from '../../../src/kernel/clock';
import { parseConfig } from '../../../src/config/config';
import { restCardSender } from '../../support/nudges/restCardSender';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** A warm standby (BENCH_STANDBY=1): code loaded, it starts only when the bench says "go". */
function standbyUntilGo(): Promise<void> {
  if (process.env.BENCH_STANDBY !== '1') return Promise.resolve();
  return new Promise((resolve) => {
    process.on('message', (message: { type?: string }) => {
      if (message.type === 'go') resolve();
    });
    process.send?.({ type: 'standing-by' });
  });
}

async function main(): Promise<void> {
  await standbyUntilGo();
  const tenantId = env('BENCH_TENANT');
  const logger = createLogger({ level: 'warn' });
  const storage = await openCosmosStorage(
    { endpoint: env('BENCH_COSMOS_ENDPOINT'), key: env('BENCH_COSMOS_KEY'), database: 'bench' },
    logger,
  );
  const stores = nudgeStores(storage);
  const channel = restCardSender(env('BENCH_CONNECTOR_URL'), env('BENCH_SENDER_NAME'));
  const worker = new NudgeWorker(
    {
      stores,
      sender: channel,
      rosters: channel,
      teams: new StoredInstalledTeams(storage.collection<InstalledTeam>('nudges'), systemClock),
      conversations: new StoredConversationDirectory(
        storage.collection('conversations'),
        systemClock,
      ),
      cardFor: () => Promise.resolve(() => ({ type: 'AdaptiveCard', version: '1.5', body: [] })),
      clock: systemClock,
      sleeper: realSleeper,
      random: Math.random,
      logger,
      ttlFor: fixedTtl('nudgeDeliveries'),
    },
    {
      holder: env('BENCH_HOLDER'),
      // The app's own setting, parsed as the app parses it (default 50/s).
      ratePerSecond: parseConfig({ NUDGE_RATE_PER_TENANT: process.env.NUDGE_RATE_PER_TENANT })
        .nudges.ratePerTenant,
    },
  );
  for (;;) {
    const pass = await worker.runTenant(tenantId);
    const unfinished = (await stores.nudges.listPartition(tenantId)).some(
      (n) => n.value.state !== 'done',
    );
    if (!unfinished) break;
    if (!pass.held) await realSleeper.sleep(250);
  }
  await storage.close();
  process.send?.({ type: 'done' });
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`sender failed: ${err instanceof Error ? err.name : 'unknown'}\n`);
  process.exit(1);
});
