/**
 * The app's own CPU per turn, without HTTP or storage: the composed bot (same wiring as
 * production) on botbuilder's TestAdapter with in-memory storage, driven by the turn bench's own
 * scenarios and users. What `npm run bench` measures minus this is transport: restify, the Bot
 * Connector, @azure/cosmos and TLS. Report only; for where the time goes, run it under a profiler:
 *
 *   npx tsx test/bench/turns/appCost.ts [--scenario=walkthrough,referral] [--turns=3000]
 *   node --require tsx/cjs --cpu-prof --cpu-prof-dir=/tmp/app-prof test/bench/turns/appCost.ts
 */
import { parseArgs } from 'node:util';
import { aBotHarness, invokeCardOf, runTurn } from '../../support/botHarness';
import { benchUsers, scenarios, type UserState } from './scenarios';

const { values: args } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'all' },
    turns: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '8' },
  },
});
const turns = Number(args.turns);
const concurrency = Number(args.concurrency);
const warmUpTurns = 400;
const chosen = args.scenario === 'all' ? undefined : new Set(args.scenario?.split(','));

async function main(): Promise<void> {
  const harness = aBotHarness();
  console.log('| scenario | app CPU ms/turn |\n| --- | ---: |');
  for (const scenario of scenarios.filter((s) => !chosen || chosen.has(s.id))) {
    const users: UserState[] = benchUsers(concurrency, `app-${scenario.id}`).map((user) => ({
      user,
      card: undefined,
      turns: 0,
    }));
    // As the bench does: each slot is one user, whose next press follows the card in view.
    const turn = async (state: UserState) => {
      const activity = { ...scenario.next(state), from: state.user.from };
      state.turns += 1;
      const sent = await runTurn(harness.adapter, activity);
      const last = sent[sent.length - 1];
      state.card = (last && invokeCardOf(last)) ?? state.card;
    };
    const run = async (count: number) => {
      for (let i = 0; i < count / concurrency; i++) await Promise.all(users.map(turn));
    };
    await run(warmUpTurns);
    const before = process.cpuUsage();
    await run(turns);
    const used = process.cpuUsage(before);
    console.log(`| ${scenario.label} | ${((used.user + used.system) / 1000 / turns).toFixed(3)} |`);
  }
  await harness.settled();
}

void main();
