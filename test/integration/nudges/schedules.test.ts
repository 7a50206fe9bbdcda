import { strict as assert } from 'node:assert';
import type { Storage } from '../../../src/kernel/documentStore';
import { scheduleKey } from '../../../src/nudges/schedules/model';
import { changeSchedule } from '../../../src/nudges/schedules/schedules';
import { ManualClock } from '../../support/referrals/deliveryFakes';
import { cosmosFixture } from '../../support/storageFixtures';
import { scheduleWorld, tenantId } from '../../support/nudges/scheduleWorld';

const weekly = {
  cadence: { kind: 'weekly' as const, weekday: 4 as const },
  time: '10:00',
  start: '2026-03-16',
};

describe('refresher schedules over the Cosmos protocol', function () {
  this.timeout(60_000);
  const fixture = cosmosFixture('schedules');
  before(() => fixture.before());
  after(() => fixture.after());

  let storage: Storage;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock('2026-03-16T08:00:00.000Z');
    storage = await fixture.open(clock);
  });
  afterEach(() => storage.close());

  it('two schedulers racing over one store create each occurrence once (If-Match and ids)', async () => {
    const world = scheduleWorld(storage, clock);
    const { scheduleId } = await world.schedule(weekly);
    for (const at of ['2026-03-19T10:00:00.000Z', '2026-03-26T10:00:00.000Z']) {
      clock.set(at);
      const [a, b, c] = await Promise.all([
        world.scheduler().passOnce(),
        world.scheduler().passOnce(),
        world.scheduler().passOnce(),
      ]);
      assert.equal((a?.created ?? 0) + (b?.created ?? 0) + (c?.created ?? 0), 1, at);
    }
    assert.deepEqual(
      (await world.occurrences()).map((n) => n.occurrence),
      ['2026-03-19T10:00:00.000Z', '2026-03-26T10:00:00.000Z'],
    );
    const stored = await world.deps.schedules.read(scheduleKey(tenantId, scheduleId));
    assert.equal(stored?.value.sent, 2);
    assert.equal(stored?.value.nextDue, '2026-04-02T09:00:00.000Z');
  });

  it('a scheduler restarted across an occurrence neither repeats nor skips it; a paused one sends nothing', async () => {
    const world = scheduleWorld(storage, clock);
    await world.schedule(weekly);
    const paused = await world.schedule({ ...weekly, time: '11:00' });
    await changeSchedule(world.deps, tenantId, paused.scheduleId, 'pause');
    clock.set('2026-03-19T10:05:00.000Z');
    const first = world.scheduler();
    assert.equal((await first.passOnce()).created, 1);
    await first.stop();
    clock.set('2026-03-19T12:00:00.000Z');
    assert.equal((await world.scheduler().passOnce()).created, 0);
    assert.equal((await world.occurrences()).length, 1);
  });
});
