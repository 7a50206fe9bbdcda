/**
 * npm run test:reliability [-- --full] — the bot as its own process (`node dist/index.js`, built
 * first by the npm script) against @zeit/cosmosdb-server started here, behind a fault proxy, with
 * a local connector and the partnership intake receiver. Prints one line of counts per scenario
 * and exits non-zero when a check fails. `--full` runs the long version (10,000 generated inputs,
 * 200 conversations × 50 turns); the default is the CI size (2,000; 50 × 20).
 */
import { parseArgs } from 'node:util';
import { badInput } from './scenarios/badInput';
import { killMidWalkthrough } from './scenarios/killMidWalkthrough';
import { load } from './scenarios/load';
import { partnershipFaults } from './scenarios/partnershipFaults';
import { storageFaults } from './scenarios/storageFaults';
import { idlePolling } from './scenarios/idlePolling';
import { line, type ScenarioResult } from './support/report';
import { Stack } from './support/stack';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    only: { type: 'string' },
    seed: { type: 'string', default: '1204' },
  },
});
const full = values.full === true;
const seed = Number(values.seed);
const sizes = full
  ? { inputs: 10_000, conversations: 200, turns: 50, idleSeconds: 60 }
  : { inputs: 2_000, conversations: 50, turns: 20, idleSeconds: 20 };

type Scenario = (stack: Stack) => Promise<ScenarioResult>;
const scenarios: Record<string, Scenario> = {
  'bad-input': (s) => badInput(s, sizes.inputs, seed),
  load: (s) => load(s, sizes.conversations, sizes.turns),
  'kill-9': (s) => killMidWalkthrough(s),
  'storage-faults': (s) => storageFaults(s),
  'partnership-faults': (s) => partnershipFaults(s),
  'idle-polling': (s) => idlePolling(s, sizes.idleSeconds),
};

/**
 * Two lanes run side by side to keep CI short: scenarios that keep the CPU busy in one, those that
 * mostly wait on timers (retries, leases, faults) in the other. Each scenario has its own servers.
 */
const lanes = [
  ['bad-input', 'load', 'kill-9'],
  ['partnership-faults', 'storage-faults', 'idle-polling'],
];

async function runScenario(name: string): Promise<ScenarioResult> {
  const scenario = scenarios[name];
  if (!scenario) throw new Error(`unknown scenario ${name}`);
  const stack = await Stack.start(`reliability-${name}`);
  let result: ScenarioResult;
  try {
    if (name !== 'idle-polling') await stack.startBot();
    result = await scenario(stack);
  } catch (err) {
    result = {
      name,
      counts: {},
      failures: [`threw: ${err instanceof Error ? err.message : String(err)}`],
    };
  } finally {
    await stack.stop();
  }
  console.log(line(result));
  for (const failure of result.failures) console.log(`  failed: ${failure}`);
  return result;
}

async function main(): Promise<void> {
  const started = Date.now();
  const wanted = values.only ? values.only.split(',') : Object.keys(scenarios);
  for (const name of wanted) if (!scenarios[name]) throw new Error(`unknown scenario ${name}`);
  const results = (
    await Promise.all(
      lanes.map(async (lane) => {
        const done: ScenarioResult[] = [];
        for (const name of lane.filter((n) => wanted.includes(n)))
          done.push(await runScenario(name));
        return done;
      }),
    )
  ).flat();
  const failed = results.filter((r) => r.failures.length > 0).length;
  console.log(
    `reliability: ${results.length - failed}/${results.length} scenarios passed (${full ? 'full' : 'CI size'}, seed ${seed}) in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  process.exitCode = failed > 0 ? 1 : 0;
}

void main();
