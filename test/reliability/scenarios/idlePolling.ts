import { startBot } from '../support/botProcess';
import { Checks, type ScenarioResult } from '../support/report';
import type { Stack } from '../support/stack';

/**
 * Two idle instances on one store, as App Service scales out: what their referral delivery workers
 * cost the store per minute with nothing to do. Warm-up first (start-up creates containers and
 * the first scans find nothing), then the requests that reach the server are counted.
 */
export async function idlePolling(stack: Stack, seconds: number): Promise<ScenarioResult> {
  const checks = new Checks();
  const one = await startBot(stack.botEnv());
  const two = await startBot(stack.botEnv());
  try {
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    stack.proxy.resetCounts();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const counts = stack.proxy.counts();
    const perMinute = (n: number) => Math.round((n * 60) / seconds);
    const total = counts.queries + counts.reads + counts.writes;
    checks.check(one.alive() && two.alive(), 'both instances stayed up');
    return {
      name: 'idle-polling',
      counts: {
        instances: 2,
        seconds,
        queriesPerMinute: perMinute(counts.queries),
        readsPerMinute: perMinute(counts.reads),
        writesPerMinute: perMinute(counts.writes),
        requestsPerMinute: perMinute(total),
      },
      failures: checks.failures,
    };
  } finally {
    await one.stop();
    await two.stop();
  }
}
