import { strict as assert } from 'node:assert';
import { schedulePartition, type ScheduleRecord } from '../../../../src/nudges/schedules/model';
import { scheduleVerbs } from '../../../../src/nudges/schedules/verbs';
import { englandAndWalesHolidays } from '../../../../src/nudges/schedules/calendar';
import { Scheduler } from '../../../../src/nudges/schedules/scheduler';
import { ManualClock } from '../../../support/referrals/deliveryFakes';
import { StoredTenantDirectory, type TenantSettings } from '../../../../src/tenants/tenantSettings';
import {
  aBotHarness,
  buttonsOf,
  invokeCardOf,
  runTurn,
  textsOf,
} from '../../../support/botHarness';
import { aCardAction, fakeTenantId, fakeUser } from '../../../support/builders';

/** Monday 23 November 2026, the harness's clock: a form for a weekly Thursday 10:00 refresher. */
const weeklyForm = {
  audience: 'everyone',
  content: 'make-it-routine',
  cadence: 'weekly',
  weekday: '4',
  day: '1',
  time: '10:00',
  start: '2026-11-23',
  end: '',
};

async function aManagerHarness(isManager = true, clock?: ManualClock) {
  const harness = aBotHarness(clock ? { clock } : {});
  if (isManager) {
    await new StoredTenantDirectory(harness.storage.collection<TenantSettings>('tenants')).save(
      fakeTenantId,
      { contacts: {}, managers: [fakeUser.aadObjectId] },
    );
  }
  const press = async (verb: string, data: unknown = {}) => {
    const replies = await runTurn(harness.adapter, aCardAction(verb, data));
    const card = invokeCardOf(replies.at(-1)!);
    return { card, text: textsOf(card).join(' '), buttons: buttonsOf(card) };
  };
  const stored = async (): Promise<ScheduleRecord[]> =>
    (
      await harness.storage
        .collection<ScheduleRecord>('nudges')
        .listPartition(schedulePartition(fakeTenantId))
    ).map((i) => i.value);
  return { harness, press, stored };
}

describe('managers’ schedule cards (bot)', () => {
  it('the manage card leads to schedules; a new schedule is saved and listed with its next date', async () => {
    const { press, stored } = await aManagerHarness();
    const manage = await press('nudges.manage');
    assert.ok(manage.buttons.some((b) => b.verb === scheduleVerbs.list));
    const list = await press(scheduleVerbs.list);
    assert.match(list.text, /No schedules yet/);
    const form = await press(scheduleVerbs.compose);
    assert.match(form.text, /Schedule a refresher/);
    assert.ok(form.buttons.some((b) => b.verb === scheduleVerbs.create));

    const saved = await press(scheduleVerbs.create, weeklyForm);
    assert.match(saved.text, /Saved/);
    assert.match(saved.text, /Make the question routine, to everyone who has used DARE Coach/);
    assert.match(saved.text, /Weekly on Thursday at 10:00, from 23 Nov 2026/);
    assert.match(saved.text, /next Thu 26 Nov 2026, 10:00/);
    const [schedule] = await stored();
    assert.equal(schedule?.nextDue, '2026-11-26T10:00:00.000Z');
    assert.deepEqual(schedule?.content, { kind: 'tip', tipId: 'make-it-routine' });
  });

  it('a time outside working hours comes back on the form with a clear message, nothing saved', async () => {
    const { press, stored } = await aManagerHarness();
    const refused = await press(scheduleVerbs.create, { ...weeklyForm, time: '08:15' });
    assert.match(refused.text, /Not saved yet/);
    assert.match(refused.text, /between 09:30 and 16:30/);
    // What was entered is kept on the form.
    assert.ok(JSON.stringify(refused.card).includes('"value":"08:15"'));
    const missing = await press(scheduleVerbs.create, {
      ...weeklyForm,
      cadence: 'monthly',
      day: '',
      start: 'soon',
    });
    assert.match(missing.text, /day of the month/);
    assert.match(missing.text, /Pick a start date/);
    assert.deepEqual(await stored(), []);
  });

  it('pause, resume and cancel from the list, each button only where it applies', async () => {
    const { press, stored } = await aManagerHarness();
    await press(scheduleVerbs.create, weeklyForm);
    const [schedule] = await stored();
    const scheduleId = schedule!.scheduleId;
    const paused = await press(scheduleVerbs.pause, { scheduleId });
    assert.match(paused.text, /Paused: nothing is sent until you resume it/);
    assert.deepEqual(
      paused.buttons.filter((b) => b.data?.scheduleId === scheduleId).map((b) => b.verb),
      [scheduleVerbs.resume, scheduleVerbs.cancel],
    );
    const resumed = await press(scheduleVerbs.resume, { scheduleId });
    assert.match(resumed.text, /Resumed/);
    const cancelled = await press(scheduleVerbs.cancel, { scheduleId });
    assert.match(cancelled.text, /Cancelled: nothing more will be sent/);
    assert.deepEqual(
      cancelled.buttons.filter((b) => b.data?.scheduleId === scheduleId),
      [],
    );
    const again = await press(scheduleVerbs.resume, { scheduleId });
    assert.match(again.text, /has changed since this card was shown/);
    assert.equal((await stored())[0]?.scheduleState, 'cancelled');
  });

  it('shows the manager an occurrence missed while DARE Coach was not running', async () => {
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const { harness, press } = await aManagerHarness(true, clock);
    await press(scheduleVerbs.create, weeklyForm);
    // No instance ran on Thursday 26 November until after 16:30.
    clock.set('2026-11-26T17:00:00Z');
    const scheduler = new Scheduler({
      schedules: harness.nudges.schedules,
      nudges: harness.nudges.stores.nudges,
      clock,
      calendar: englandAndWalesHolidays,
      wake: () => undefined,
      logger: harness.logs.logger,
    });
    assert.deepEqual(await scheduler.passOnce(), { created: 0, missed: 1 });
    const list = await press(scheduleVerbs.list);
    assert.match(
      list.text,
      /Not sent, because DARE Coach was not running that day: Thu 26 Nov 2026, 10:00/,
    );
    assert.match(list.text, /next Thu 3 Dec 2026, 10:00/);
  });

  it('refuses everyone but managers, and stores nothing for them', async () => {
    const { press, stored } = await aManagerHarness(false);
    for (const verb of [scheduleVerbs.list, scheduleVerbs.compose]) {
      assert.match((await press(verb)).text, /ask your manager/i);
    }
    assert.match((await press(scheduleVerbs.create, weeklyForm)).text, /ask your manager/i);
    assert.deepEqual(await stored(), []);
  });
});
