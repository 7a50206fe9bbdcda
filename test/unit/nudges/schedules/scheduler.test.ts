import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { AppError, ErrorCodes } from '../../../../src/kernel/errors';
import { occurrenceNudgeId, scheduleKey } from '../../../../src/nudges/schedules/model';
import {
  changeSchedule,
  createSchedule,
  listSchedules,
} from '../../../../src/nudges/schedules/schedules';
import { Scheduler } from '../../../../src/nudges/schedules/scheduler';
import { InMemoryStorage } from '../../../../src/storage/memory/InMemoryStorage';
import { ManualClock } from '../../../support/referrals/deliveryFakes';
import { managerId, scheduleWorld, team, tenantId } from '../../../support/nudges/scheduleWorld';

const weeklyThursday = (start: string, end?: string) => ({
  cadence: { kind: 'weekly' as const, weekday: 4 as const },
  time: '10:00',
  start,
  ...(end ? { end } : {}),
});

describe('the scheduler', () => {
  let storage: InMemoryStorage;
  let clock: ManualClock;
  beforeEach(() => {
    storage = new InMemoryStorage();
    // Monday 16 March 2026, 08:00 London (GMT).
    clock = new ManualClock('2026-03-16T08:00:00.000Z');
  });
  afterEach(() => storage.close());

  it('creates nothing before the occurrence, then exactly one nudge at its time, and wakes the sender', async () => {
    const world = scheduleWorld(storage, clock);
    const schedule = await world.schedule(weeklyThursday('2026-03-16'));
    const scheduler = world.scheduler();

    clock.set('2026-03-19T09:59:59.000Z');
    assert.deepEqual(await scheduler.passOnce(), { created: 0, missed: 0 });
    clock.set('2026-03-19T10:00:00.000Z');
    assert.deepEqual(await scheduler.passOnce(), { created: 1, missed: 0 });
    assert.deepEqual(await scheduler.passOnce(), { created: 0, missed: 0 });

    const [nudge, ...rest] = await world.occurrences();
    assert.equal(rest.length, 0);
    assert.equal(nudge?.occurrence, '2026-03-19T10:00:00.000Z');
    assert.equal(nudge?.scheduleId, schedule.scheduleId);
    assert.equal(
      nudge?.nudgeId,
      occurrenceNudgeId(schedule.scheduleId, '2026-03-19T10:00:00.000Z'),
    );
    assert.equal(nudge?.state, 'expanding');
    assert.deepEqual(nudge?.audience, team);
    assert.deepEqual(world.woken, [tenantId]);
  });

  it('a weekly 10:00 schedule sends at 10:00 London on both sides of both DST changes', async () => {
    clock.set('2026-03-18T08:00:00.000Z');
    const world = scheduleWorld(storage, clock);
    await world.schedule(weeklyThursday('2026-03-18', '2026-04-02'));
    const scheduler = world.scheduler();
    // Hourly passes for three weeks: each occurrence is created in the pass at or just after it.
    const createdAt: string[] = [];
    for (let hour = 0; hour < 24 * 16; hour += 1) {
      clock.advance(3_600_000);
      if ((await scheduler.passOnce()).created > 0) createdAt.push(clock.now().toISOString());
    }
    assert.deepEqual(
      (await world.occurrences()).map((n) => n.occurrence),
      ['2026-03-19T10:00:00.000Z', '2026-03-26T10:00:00.000Z', '2026-04-02T09:00:00.000Z'],
    );
    assert.deepEqual(createdAt, [
      '2026-03-19T10:00:00.000Z',
      '2026-03-26T10:00:00.000Z',
      '2026-04-02T09:00:00.000Z',
    ]);

    clock.set('2026-10-20T08:00:00.000Z');
    const autumn = scheduleWorld(storage, clock);
    const october = await autumn.schedule(weeklyThursday('2026-10-20', '2026-11-05'));
    for (const at of [
      '2026-10-22T09:00:00.000Z',
      '2026-10-29T10:00:00.000Z',
      '2026-11-05T10:00:00.000Z',
    ]) {
      clock.set(new Date(Date.parse(at) - 1000));
      assert.equal((await scheduler.passOnce()).created, 0, `nothing before ${at}`);
      clock.set(at);
      assert.equal((await scheduler.passOnce()).created, 1, `one at ${at}`);
    }
    const stored = await autumn.deps.schedules.read(scheduleKey(tenantId, october.scheduleId));
    assert.equal(stored?.value.scheduleState, 'ended');
  });

  it('sends a bank holiday occurrence on the next working day (Easter Monday → Tuesday)', async () => {
    clock.set('2026-04-01T08:00:00.000Z');
    const world = scheduleWorld(storage, clock);
    await world.schedule({
      cadence: { kind: 'weekly', weekday: 1 },
      time: '10:00',
      start: '2026-04-01',
      end: '2026-04-07',
    });
    const scheduler = world.scheduler();
    clock.set('2026-04-06T09:00:00.000Z');
    assert.equal((await scheduler.passOnce()).created, 0, 'not on Easter Monday');
    clock.set('2026-04-07T09:00:00.000Z');
    assert.equal((await scheduler.passOnce()).created, 1);
    assert.deepEqual(
      (await world.occurrences()).map((n) => n.occurrence),
      ['2026-04-07T09:00:00.000Z'],
    );
  });

  describe('restarts', () => {
    it('a new scheduler over the same stores neither repeats nor skips an occurrence', async () => {
      const world = scheduleWorld(storage, clock);
      await world.schedule(weeklyThursday('2026-03-16'));
      clock.set('2026-03-19T10:00:30.000Z');
      await world.scheduler().passOnce();
      // "Restart": a new instance, same stores, same minute, and later that day.
      const restarted = world.scheduler();
      assert.equal((await restarted.passOnce()).created, 0);
      clock.set('2026-03-19T15:00:00.000Z');
      assert.equal((await restarted.passOnce()).created, 0);
      clock.set('2026-03-26T10:00:00.000Z');
      assert.equal((await world.scheduler().passOnce()).created, 1);
      assert.equal((await world.occurrences()).length, 2);
    });

    it('an instance stopped between claiming and creating: the next one creates it, once', async () => {
      const world = scheduleWorld(storage, clock);
      const schedule = await world.schedule(weeklyThursday('2026-03-16'));
      clock.set('2026-03-19T10:00:00.000Z');
      const create = sinon.stub(world.deps.nudges, 'create');
      create.rejects(new AppError(ErrorCodes.storeUnavailable, 'storage down'));
      await world.scheduler().passOnce();
      create.restore();
      const claimed = await world.deps.schedules.read(scheduleKey(tenantId, schedule.scheduleId));
      assert.ok(claimed?.value.claimed, 'the claim is stored');
      assert.equal((await world.occurrences()).length, 0);

      const next = world.scheduler();
      assert.equal((await next.passOnce()).created, 1);
      assert.equal((await next.passOnce()).created, 0);
      const after = await world.deps.schedules.read(scheduleKey(tenantId, schedule.scheduleId));
      assert.equal(after?.value.claimed, undefined);
      assert.equal(after?.value.nextDue, '2026-03-26T10:00:00.000Z');
      assert.equal((await world.occurrences()).length, 1);
    });

    it('down at the time but back inside that day’s working window: sent once, late', async () => {
      const world = scheduleWorld(storage, clock);
      await world.schedule(weeklyThursday('2026-03-16'));
      clock.set('2026-03-19T16:29:00.000Z');
      assert.deepEqual(await world.scheduler().passOnce(), { created: 1, missed: 0 });
    });

    it('down past that day’s window: not sent late, recorded as missed for the manager, next one kept', async () => {
      const world = scheduleWorld(storage, clock);
      const schedule = await world.schedule(weeklyThursday('2026-03-16'));
      clock.set('2026-03-19T16:31:00.000Z');
      assert.deepEqual(await world.scheduler().passOnce(), { created: 0, missed: 1 });
      const stored = await world.deps.schedules.read(scheduleKey(tenantId, schedule.scheduleId));
      assert.deepEqual(stored?.value.missed, ['2026-03-19T10:00:00.000Z']);
      assert.equal(stored?.value.nextDue, '2026-03-26T10:00:00.000Z');
      assert.ok(world.logs.text().includes('missed'));
      // Down for three weeks: each passed occurrence is recorded, today's is sent.
      clock.set('2026-04-16T11:00:00.000Z');
      assert.deepEqual(await world.scheduler().passOnce(), { created: 1, missed: 3 });
      assert.deepEqual(
        (await world.occurrences()).map((n) => n.occurrence),
        ['2026-04-16T09:00:00.000Z'],
      );
    });
  });

  it('loads the bank holiday calendar only when an occurrence falls due (resident memory)', async () => {
    const world = scheduleWorld(storage, clock);
    await world.schedule(weeklyThursday('2026-03-16'));
    let loads = 0;
    const scheduler = new Scheduler({
      ...world.deps,
      calendar: () => {
        loads += 1;
        return world.deps.calendar();
      },
      logger: world.logs.logger,
    });
    await scheduler.passOnce();
    assert.equal(loads, 0);
    clock.set('2026-03-19T10:00:00.000Z');
    await scheduler.passOnce();
    assert.equal(loads, 1);
  });

  it('two schedulers racing create one occurrence', async () => {
    const world = scheduleWorld(storage, clock);
    await world.schedule(weeklyThursday('2026-03-16'));
    clock.set('2026-03-19T10:00:00.000Z');
    const passes = await Promise.all([world.scheduler().passOnce(), world.scheduler().passOnce()]);
    assert.equal(passes[0].created + passes[1].created, 1);
    assert.equal((await world.occurrences()).length, 1);
  });

  describe('pause, resume and cancel', () => {
    it('paused: nothing sent; resumed: from the next date still to come, dates passed while paused not sent', async () => {
      const world = scheduleWorld(storage, clock);
      const { scheduleId } = await world.schedule(weeklyThursday('2026-03-16'));
      const scheduler = world.scheduler();
      assert.equal((await changeSchedule(world.deps, tenantId, scheduleId, 'pause')).ok, true);
      clock.set('2026-03-19T10:00:00.000Z');
      assert.equal((await scheduler.passOnce()).created, 0);
      clock.set('2026-03-20T10:00:00.000Z');
      const resumed = await changeSchedule(world.deps, tenantId, scheduleId, 'resume');
      assert.ok(resumed.ok);
      assert.equal(resumed.schedule.nextDue, '2026-03-26T10:00:00.000Z');
      clock.set('2026-03-26T10:00:00.000Z');
      assert.equal((await scheduler.passOnce()).created, 1);
      assert.deepEqual(
        (await world.occurrences()).map((n) => n.occurrence),
        ['2026-03-26T10:00:00.000Z'],
      );
    });

    it('cancelled: nothing more is ever sent, and it cannot be resumed', async () => {
      const world = scheduleWorld(storage, clock);
      const { scheduleId } = await world.schedule(weeklyThursday('2026-03-16'));
      assert.equal((await changeSchedule(world.deps, tenantId, scheduleId, 'cancel')).ok, true);
      clock.set('2026-03-19T10:00:00.000Z');
      assert.equal((await world.scheduler().passOnce()).created, 0);
      assert.deepEqual(await changeSchedule(world.deps, tenantId, scheduleId, 'resume'), {
        ok: false,
        reason: 'not-now',
      });
      const [listed] = await listSchedules(world.deps, tenantId);
      assert.equal(listed?.scheduleState, 'cancelled');
    });

    it('an unknown schedule is not found, and another tenant’s is not reachable', async () => {
      const world = scheduleWorld(storage, clock);
      const { scheduleId } = await world.schedule(weeklyThursday('2026-03-16'));
      const other = '00000000-0000-4000-8000-00000000bbbb';
      assert.deepEqual(await changeSchedule(world.deps, other, scheduleId, 'pause'), {
        ok: false,
        reason: 'not-found',
      });
    });
  });

  describe('creating a schedule', () => {
    const request = (rule: Parameters<typeof createSchedule>[1]['rule']) => ({
      tenantId,
      managerId,
      content: { kind: 'checkIn' as const },
      audience: team,
      rule,
    });

    it('refuses a time outside 09:30–16:30 with a clear message and stores nothing', async () => {
      const world = scheduleWorld(storage, clock);
      for (const time of ['08:00', '16:45', '09:29']) {
        const result = await createSchedule(
          world.deps,
          request({ ...weeklyThursday('2026-03-16'), time }),
        );
        assert.equal(result.ok, false);
        assert.match(result.ok ? '' : result.problems.join(' '), /between 09:30 and 16:30/);
      }
      assert.deepEqual(await listSchedules(world.deps, tenantId), []);
    });

    it('refuses an end before the start, a past start, and a once whose time has passed', async () => {
      const world = scheduleWorld(storage, clock);
      const problems = async (rule: Parameters<typeof request>[0]) => {
        const result = await createSchedule(world.deps, request(rule));
        return result.ok ? [] : result.problems;
      };
      assert.match(
        (await problems(weeklyThursday('2026-03-20', '2026-03-18'))).join(),
        /end date is before/,
      );
      assert.match((await problems(weeklyThursday('2026-03-01'))).join(), /start date has passed/);
      clock.set('2026-03-16T12:00:00.000Z');
      assert.match(
        (await problems({ cadence: { kind: 'once' }, time: '10:00', start: '2026-03-16' })).join(),
        /time has passed/,
      );
      assert.match(
        (await problems(weeklyThursday('2026-03-16', '2026-03-18'))).join(),
        /No date between the start and the end/,
      );
      assert.deepEqual(await listSchedules(world.deps, tenantId), []);
    });

    it('a once schedule sends once and then ends', async () => {
      const world = scheduleWorld(storage, clock);
      const { scheduleId } = await world.schedule({
        cadence: { kind: 'once' },
        time: '14:00',
        start: '2026-03-17',
      });
      clock.set('2026-03-17T14:00:00.000Z');
      const scheduler = world.scheduler();
      assert.equal((await scheduler.passOnce()).created, 1);
      clock.set('2026-03-24T14:00:00.000Z');
      assert.equal((await scheduler.passOnce()).created, 0);
      const stored = await world.deps.schedules.read(scheduleKey(tenantId, scheduleId));
      assert.equal(stored?.value.scheduleState, 'ended');
    });
  });
});
