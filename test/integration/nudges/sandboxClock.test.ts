import { strict as assert } from 'node:assert';
import type { NudgeRecord } from '../../../src/nudges/model';
import { scheduleVerbs } from '../../../src/nudges/schedules/verbs';
import { startBot, type RunningBot } from '../../../src/dev/sandbox/botParts';
import { startClockControl, type ClockControl } from '../../../src/dev/sandbox/clockControl';
import { TestClock } from '../../../src/dev/sandbox/testClock';
import { InMemoryStorage } from '../../../src/storage/memory/InMemoryStorage';
import { StoredTenantDirectory, type TenantSettings } from '../../../src/tenants/tenantSettings';
import { aCardAction, aConfig, fakeTenantId, fakeUser } from '../../support/builders';
import { capturedLogger } from '../../support/capturedLogs';
import { startFakeConnector } from '../../support/fakeConnector';
import { ManualClock } from '../../support/referrals/deliveryFakes';
import { systemClock } from '../../../src/kernel/clock';

const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** The answer to a move, its time to the minute (real time flows on from where it was moved). */
function moved(minute: string, pass: { created: number; missed: number }) {
  return { now: `${minute}`, ...pass };
}
const toMinute = (answer: unknown) => {
  const { now, ...rest } = answer as { now: string };
  return { now: now.slice(0, 16), ...rest };
};

/** Every text on a card, for checking what it says. */
const textOf = (card: unknown): string => JSON.stringify(card);

describe('the sandbox test clock, through the running bot', function () {
  this.timeout(30_000);
  let stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.reverse()) await stop();
    stops = [];
  });

  async function aSandboxBot() {
    const storage = new InMemoryStorage();
    stops.push(() => storage.close());
    const tenants = new StoredTenantDirectory(storage.collection<TenantSettings>('tenants'));
    await tenants.save(fakeTenantId, { contacts: {}, managers: [fakeUser.aadObjectId] });
    const connector = await startFakeConnector();
    stops.push(() => connector.stop());
    // As in the sandbox: real time, plus an offset; first moved to Monday 18 March 2030, 08:00.
    const clock = new TestClock(systemClock);
    clock.moveTo(new Date('2030-03-18T08:00:00.000Z'));
    const config = aConfig({ PORT: '0' });
    const bot: RunningBot = await startBot(config, {
      logger: capturedLogger().logger,
      storage,
      clock,
    });
    stops.push(() => bot.stop());
    const control: ClockControl = await startClockControl({
      config,
      clock,
      onMove: () => bot.schedules.passOnce(),
      port: 0,
    });
    stops.push(() => control.stop());
    const press = async (verb: string, data: unknown) => {
      const res = await post(bot.endpoint, {
        ...aCardAction(verb, data),
        id: `press-${verb}`,
        serviceUrl: connector.url,
      });
      assert.equal(res.status, 200);
      return (await res.json()) as { value?: unknown };
    };
    return { storage, connector, clock, bot, control, press };
  }

  it('a manager schedules a refresher; moving the clock to its time sends it, once', async () => {
    const world = await aSandboxBot();
    const saved = await world.press(scheduleVerbs.create, {
      audience: 'everyone',
      content: 'checkin',
      cadence: 'weekly',
      weekday: '4',
      time: '10:00',
      start: '2030-03-18',
      end: '',
    });
    assert.match(textOf(saved), /Saved/);
    assert.match(textOf(saved), /Weekly on Thursday at 10:00/);

    const early = await post(world.control.url, { to: '2030-03-21T09:59:00Z' });
    assert.deepEqual(
      toMinute(await early.json()),
      moved('2030-03-21T09:59', { created: 0, missed: 0 }),
    );
    const due = await post(world.control.url, { advanceMinutes: 1 });
    assert.deepEqual(
      toMinute(await due.json()),
      moved('2030-03-21T10:00', { created: 1, missed: 0 }),
    );
    const again = await post(world.control.url, { advanceMinutes: 30 });
    assert.equal(((await again.json()) as { created: number }).created, 0);

    const nudges = (
      await world.storage.collection<NudgeRecord>('nudges').listPartition(fakeTenantId)
    )
      .map((i) => i.value)
      .filter((n) => n.scheduleId !== undefined);
    assert.deepEqual(
      nudges.map((n) => n.occurrence),
      ['2030-03-21T10:00:00.000Z'],
    );
    // Part 1's worker sends it: the manager (who has talked to the bot) gets the check-in.
    const [sent] = await world.connector.waitFor(1);
    assert.match(sent?.path ?? '', /\/v3\/conversations\/.+\/activities/);
  });

  it('answers GET with the app’s time, refuses bad moves and never goes back', async () => {
    const world = await aSandboxBot();
    const { now } = (await (await fetch(world.control.url)).json()) as { now: string };
    assert.equal(now.slice(0, 16), world.clock.now().toISOString().slice(0, 16));
    assert.equal((await post(world.control.url, { advanceMinutes: -5 })).status, 400);
    assert.equal((await post(world.control.url, { to: 'tomorrow' })).status, 400);
    assert.equal((await post(world.control.url.replace('/clock', '/other'), {})).status, 404);
    await post(world.control.url, { to: '2030-03-01T00:00:00Z' });
    assert.ok(world.clock.now().toISOString() >= '2030-03-18T08:00');
  });

  it('refuses to start with production settings', async () => {
    const clock = new TestClock(new ManualClock());
    await assert.rejects(
      startClockControl({
        config: { ...aConfig(), environment: 'production' },
        clock,
        onMove: () => Promise.resolve({ created: 0, missed: 0 }),
        port: 0,
      }),
      /local sandbox only/,
    );
  });
});
