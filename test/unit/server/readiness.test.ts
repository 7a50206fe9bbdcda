import assert from 'node:assert/strict';
import { createReadinessCheck } from '../../../src/server/readiness';

/** A probe the test settles by hand, counting how often it was started. */
function manualProbe() {
  const pending: Array<{ resolve: () => void; reject: (err: Error) => void }> = [];
  return {
    probe: () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })),
    started: () => pending.length,
    succeed: () => pending.shift()?.resolve(),
    fail: () => pending.shift()?.reject(new Error('write refused')),
  };
}

describe('readiness check', () => {
  it('is ready when the probe write succeeds, and reuses the answer within the cache period', async () => {
    let now = 0;
    const probe = manualProbe();
    const check = createReadinessCheck({ probe: probe.probe, nowMs: () => now, cacheMs: 3000 });
    const first = check();
    probe.succeed();
    assert.deepEqual(await first, { ready: true });
    now = 2999;
    assert.deepEqual(await check(), { ready: true });
    assert.equal(probe.started(), 0, 'no second probe within the cache period');
    now = 3000;
    const third = check();
    probe.fail();
    assert.deepEqual(await third, { ready: false, reason: 'storage-failed' });
  });

  it('answers "storage-slow" when the probe does not settle in time, with one probe in flight', async () => {
    const probe = manualProbe();
    const check = createReadinessCheck({ probe: probe.probe, nowMs: () => 0, timeoutMs: 5 });
    assert.deepEqual(await Promise.all([check(), check()]), [
      { ready: false, reason: 'storage-slow' },
      { ready: false, reason: 'storage-slow' },
    ]);
    assert.equal(probe.started(), 1);
    // When the hung write finally succeeds, the next answer says so.
    probe.succeed();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(await check(), { ready: true });
  });
});
