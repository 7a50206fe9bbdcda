import { strict as assert } from 'node:assert';
import type { CardSender, ConversationAddress } from '../../../src/conversations/cardSender';
import { ChannelRequestError } from '../../../src/conversations/channelRequestError';
import { StoredConversationDirectory } from '../../../src/conversations/conversationDirectory';
import { deliveryPartition, type NudgeRecord } from '../../../src/nudges/model';
import {
  sendNow,
  snoozeDays,
  snoozeRefreshers,
  statusOf,
  stopRefreshers,
  refreshersOn,
} from '../../../src/nudges/nudges';
import { NudgeWorker } from '../../../src/nudges/nudgeWorker';
import type { Sleeper } from '../../../src/nudges/pacing';
import { nudgeStores } from '../../../src/nudges/stores';
import { statusView } from '../../../src/nudges/views';
import { InMemoryStorage } from '../../../src/storage/memory/InMemoryStorage';
import { StoredInstalledTeams, type InstalledTeam } from '../../../src/teams/installedTeams';
import { fixedTtl } from '../../../src/tenants/retention';
import { capturedLogger } from '../../support/capturedLogs';
import { ManualClock, seededRandom } from '../../support/referrals/deliveryFakes';

const tenantId = '00000000-0000-4000-8000-00000000aaaa';
const teamId = '19:fake-team@thread.tacv2';

/** A channel that records every send per conversation and answers from a per-user script. */
class ScriptedChannel implements CardSender {
  readonly sends = new Map<string, number>();
  readonly created: string[] = [];
  failures = new Map<string, ChannelRequestError[]>();

  send(address: ConversationAddress): Promise<string> {
    const userId = String((address.user as { id: string }).id);
    const next = this.failures.get(userId)?.shift();
    if (next) return Promise.reject(next);
    this.sends.set(userId, (this.sends.get(userId) ?? 0) + 1);
    return Promise.resolve(`activity-${userId}`);
  }

  update(): Promise<void> {
    return Promise.resolve();
  }

  createPersonalConversation(
    _from: ConversationAddress,
    member: { userId: string },
  ): Promise<ConversationAddress> {
    this.created.push(member.userId);
    return Promise.resolve({
      conversation: { id: `a:chat-${member.userId}` },
      user: { id: member.userId },
    });
  }
}

/** Waiting moves the manual clock: no real time passes in these tests. */
const sleeperFor = (clock: ManualClock): Sleeper => ({
  sleep: (ms) => {
    clock.advance(ms);
    return Promise.resolve();
  },
});

function members(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    userId: `29:member-${i}`,
    aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  }));
}

async function aWorld(roster = members(6)) {
  const clock = new ManualClock('2026-12-01T10:00:00.000Z');
  const storage = new InMemoryStorage({ clock });
  const stores = nudgeStores(storage);
  const teams = new StoredInstalledTeams(storage.collection<InstalledTeam>('nudges'), clock);
  await teams.record({
    tenantId,
    teamId,
    serviceUrl: 'https://smba.example.test/',
    reference: { conversation: { id: teamId } },
  });
  const conversations = new StoredConversationDirectory(storage.collection('conversations'), clock);
  // The first member has talked to the bot: reached in their stored chat, no creation.
  await conversations.remember({
    tenantId,
    conversationId: 'a:chat-existing',
    kind: 'personal',
    userObjectId: roster[0]!.aadObjectId,
    reference: { conversation: { id: 'a:chat-existing' }, user: { id: roster[0]!.userId } },
  });
  const channel = new ScriptedChannel();
  const logs = capturedLogger();
  const rosterPages = {
    pagesOf: async function* () {
      yield roster.slice(0, 3);
      yield roster.slice(3);
    },
  };
  const worker = (holder: string, sender: CardSender = channel) =>
    new NudgeWorker(
      {
        stores,
        sender,
        teams,
        conversations,
        rosters: rosterPages,
        cardFor: () => Promise.resolve(() => ({ type: 'AdaptiveCard' })),
        clock,
        sleeper: sleeperFor(clock),
        random: seededRandom(7),
        logger: logs.logger,
        ttlFor: fixedTtl('nudgeDeliveries'),
      },
      { holder },
    );
  const send = (content: NudgeRecord['content'] = { kind: 'tip', tipId: 'make-it-routine' }) =>
    sendNow(
      { stores, clock, wake: () => undefined },
      { tenantId, managerId: 'manager-1', audience: { kind: 'team', teamId }, content },
    );
  return { clock, storage, stores, channel, logs, worker, send, roster };
}

describe('nudge delivery engine', function () {
  it('sends once to every team member, opening personal chats for those never reached', async function () {
    const world = await aWorld();
    const nudge = await world.send();
    const pass = await world.worker('a').runTenant(tenantId);
    assert.equal(pass.sent, 6);
    assert.deepEqual([...world.channel.sends.values()], [1, 1, 1, 1, 1, 1]);
    assert.equal(world.channel.created.length, 5, 'the member with a stored chat needs none');
    const status = await statusOf(world, tenantId, nudge.nudgeId);
    assert.deepEqual(
      { state: status?.state, sent: status?.sent, pending: status?.pending },
      {
        state: 'done',
        sent: 6,
        pending: 0,
      },
    );
    const again = await world.worker('a').runTenant(tenantId);
    assert.equal(again.sent, 0, 'a finished nudge is never sent again');
  });

  it('lets one of two racing instances expand and send; the other does nothing', async function () {
    const world = await aWorld();
    await world.send();
    const [one, two] = await Promise.all([
      world.worker('a').runTenant(tenantId),
      world.worker('b').runTenant(tenantId),
    ]);
    assert.equal([one, two].filter((p) => p.held).length, 1);
    assert.equal(one.expanded + two.expanded, 6);
    assert.deepEqual([...world.channel.sends.values()], [1, 1, 1, 1, 1, 1]);
  });

  it('marks 403 sub-codes and 404 permanent with their reason, retries 429 and 5xx, and never stops the batch', async function () {
    const world = await aWorld();
    const [a, b, c, d, e] = world.roster.map((m) => m.userId);
    world.channel.failures = new Map([
      [a!, [new ChannelRequestError(403, 'ConversationBlockedByUser')]],
      [b!, [new ChannelRequestError(403, 'BotDisabledByAdmin')]],
      [c!, [new ChannelRequestError(404)]],
      [d!, [new ChannelRequestError(429, undefined, 2000), new ChannelRequestError(503)]],
      [
        e!,
        [new ChannelRequestError(412), new ChannelRequestError(502), new ChannelRequestError(504)],
      ],
    ]);
    const nudge = await world.send();
    const pass = await world.worker('a').runTenant(tenantId);
    assert.equal(pass.throttled, 1);
    const status = await statusOf(world, tenantId, nudge.nudgeId);
    assert.equal(status?.sent, 3);
    assert.deepEqual(status?.failed, {
      ConversationBlockedByUser: 1,
      BotDisabledByAdmin: 1,
      NotFound: 1,
    });
    assert.equal(world.channel.sends.get(d!), 1);
    assert.equal(world.channel.sends.get(e!), 1);
  });

  it('honours "stop refreshers" from the next send, and "refreshers on" after it', async function () {
    const world = await aWorld();
    const who = world.roster[1]!;
    await stopRefreshers(world, tenantId, who.aadObjectId);
    const first = await world.send();
    await world.worker('a').runTenant(tenantId);
    assert.equal(world.channel.sends.get(who.userId), undefined);
    assert.deepEqual((await statusOf(world, tenantId, first.nudgeId))?.failed, { OptedOut: 1 });
    await refreshersOn(world, tenantId, who.aadObjectId);
    await world.send();
    await world.worker('a').runTenant(tenantId);
    assert.equal(world.channel.sends.get(who.userId), 1);
  });

  it('honours "snooze 4 weeks" until it runs out, then sends again without being asked', async function () {
    const world = await aWorld();
    const who = world.roster[2]!;
    const until = await snoozeRefreshers(world, tenantId, who.aadObjectId);
    assert.equal(until.getTime() - world.clock.now().getTime(), snoozeDays * 24 * 3_600_000);
    const during = await world.send();
    await world.worker('a').runTenant(tenantId);
    assert.equal(world.channel.sends.get(who.userId), undefined);
    assert.deepEqual((await statusOf(world, tenantId, during.nudgeId))?.failed, { OptedOut: 1 });
    // A minute before it ends it still holds; once it has ended the next send reaches them.
    world.clock.advance(until.getTime() - world.clock.now().getTime() - 60_000);
    await world.send();
    await world.worker('a').runTenant(tenantId);
    assert.equal(world.channel.sends.get(who.userId), undefined);
    world.clock.advance(60_000);
    await world.send();
    await world.worker('a').runTenant(tenantId);
    assert.equal(world.channel.sends.get(who.userId), 1);
  });

  it('resumes after a crash without sending twice: pending ones are sent, one caught mid-send is reported possibly sent', async function () {
    const world = await aWorld();
    const nudge = await world.send();
    // The first instance dies: after three sends its channel stops answering (the fourth send is
    // in flight, outcome unknown), and two personal chats it was opening never opened.
    let allowed = 3;
    const hung = new Set([world.roster[4]!.userId, world.roster[5]!.userId]);
    const never = <T>() => new Promise<T>(() => undefined);
    const dying: CardSender = {
      ...world.channel,
      send: (address) => (allowed-- > 0 ? world.channel.send(address) : never<string>()),
      update: () => Promise.resolve(),
      createPersonalConversation: (from, member) =>
        hung.has(member.userId)
          ? never<ConversationAddress>()
          : world.channel.createPersonalConversation(from, member),
    };
    void world.worker('dead', dying).runTenant(tenantId);
    const partition = deliveryPartition(tenantId, nudge.nudgeId, 'now');
    const statuses = async () =>
      (await world.stores.deliveries.listPartition(partition)).map((d) => d.value.status);
    while (!(await statuses()).includes('attempting') || world.channel.sends.size < 3) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Before the lease lapses, another instance does nothing; after it, it takes over.
    assert.equal((await world.worker('b').runTenant(tenantId)).held, false);
    world.clock.advance(31_000);
    const pass = await world.worker('b').runTenant(tenantId);
    assert.ok(pass.held);
    assert.equal(pass.uncertain, 1);
    assert.ok(world.logs.lines().some((l) => l.msg === 'nudge sending taken over'));
    assert.ok(
      world.logs.lines().some((l) => l.msg === 'nudge deliveries of unknown outcome not resent'),
    );
    assert.deepEqual([...world.channel.sends.values()], [1, 1, 1, 1, 1], 'no one twice');
    for (const userId of hung)
      assert.equal(world.channel.sends.get(userId), 1, 'pending ones sent');
    const status = await statusOf(world, tenantId, nudge.nudgeId);
    assert.deepEqual(
      { sent: status?.sent, uncertain: status?.uncertain, pending: status?.pending },
      { sent: 5, uncertain: 1, pending: 0 },
    );
    const card = statusView(status!, 'a tip', world.clock.now());
    assert.ok(card.data.lines.some((l) => l.title.startsWith('Possibly sent') && l.value === '1'));
    assert.match(card.data.summary, /5 of 6 sent/);
  });

  it('keeps delivery records for 90 days, then no longer counts them', async function () {
    const world = await aWorld();
    const nudge = await world.send();
    await world.worker('a').runTenant(tenantId);
    world.clock.advance(89 * 86_400_000);
    assert.equal((await statusOf(world, tenantId, nudge.nudgeId))?.sent, 6);
    world.clock.advance(2 * 86_400_000);
    assert.equal((await statusOf(world, tenantId, nudge.nudgeId))?.sent, 0);
    const left = await world.stores.deliveries.listPartition(
      deliveryPartition(tenantId, nudge.nudgeId, 'now'),
    );
    assert.equal(left.length, 0, 'the store lets them go (TTL)');
  });
});
