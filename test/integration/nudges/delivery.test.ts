import { strict as assert } from 'node:assert';
import { StoredConversationDirectory } from '../../../src/conversations/conversationDirectory';
import type { Storage } from '../../../src/kernel/documentStore';
import { deliveryPartition } from '../../../src/nudges/model';
import { refreshersOn, sendNow, statusOf, stopRefreshers } from '../../../src/nudges/nudges';
import { NudgeWorker } from '../../../src/nudges/nudgeWorker';
import type { Sleeper } from '../../../src/nudges/pacing';
import { SenderLeases } from '../../../src/nudges/senderLease';
import { nudgeStores } from '../../../src/nudges/stores';
import { StoredInstalledTeams, type InstalledTeam } from '../../../src/teams/installedTeams';
import { fixedTtl } from '../../../src/tenants/retention';
import { capturedLogger } from '../../support/capturedLogs';
import { startLocalConnector, type PermanentFault } from '../../support/nudges/localConnector';
import { restCardSender } from '../../support/nudges/restCardSender';
import { ManualClock, seededRandom } from '../../support/referrals/deliveryFakes';
import { cosmosFixture } from '../../support/storageFixtures';

const tenantId = '00000000-0000-4000-8000-00000000aaaa';
const teamId = '19:integration-team@thread.tacv2';
const roster = Array.from({ length: 30 }, (_, i) => ({
  id: `29:member-${i}`,
  aadObjectId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
}));

describe('nudge delivery over Cosmos and a local connector', function () {
  this.timeout(60_000);
  const fixture = cosmosFixture('nudges');
  before(() => fixture.before());
  after(() => fixture.after());

  let storage: Storage;
  let stop: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(stop.map((s) => s()));
    stop = [];
    await storage.close();
  });

  async function aWorld(permanent = new Map<string, PermanentFault>()) {
    const clock = new ManualClock('2026-12-01T10:00:00.000Z');
    storage = await fixture.open(clock);
    // Rate limits are the bench's business: here the clock is manual, so no real waiting.
    const connector = await startLocalConnector({
      roster,
      permanent,
      tenantPerSecond: 100_000,
      conversationPerSecond: 100_000,
    });
    stop.push(() => connector.stop());
    const stores = nudgeStores(storage);
    const teams = new StoredInstalledTeams(storage.collection<InstalledTeam>('nudges'), clock);
    await teams.record({
      tenantId,
      teamId,
      serviceUrl: connector.url,
      reference: { serviceUrl: connector.url, conversation: { id: teamId } },
    });
    const channel = restCardSender(connector.url);
    const sleeper: Sleeper = {
      sleep: (ms) => {
        clock.advance(ms);
        return Promise.resolve();
      },
    };
    const logs = capturedLogger();
    const worker = (holder: string) =>
      new NudgeWorker(
        {
          stores,
          sender: channel,
          rosters: channel,
          teams,
          conversations: new StoredConversationDirectory(
            storage.collection('conversations'),
            clock,
          ),
          cardFor: () => Promise.resolve(() => ({ type: 'AdaptiveCard' })),
          clock,
          sleeper,
          random: seededRandom(3),
          logger: logs.logger,
          ttlFor: fixedTtl('nudgeDeliveries'),
        },
        { holder },
      );
    const send = () =>
      sendNow(
        { stores, clock, wake: () => undefined },
        {
          tenantId,
          managerId: 'manager',
          audience: { kind: 'team', teamId },
          content: { kind: 'tip', tipId: 'make-it-routine' },
        },
      );
    return { clock, stores, connector, worker, send, logs };
  }

  it('expands once when two instances race for it, and each member gets it once', async function () {
    const world = await aWorld();
    const nudge = await world.send();
    const passes = await Promise.all([
      world.worker('a').runTenant(tenantId),
      world.worker('b').runTenant(tenantId),
    ]);
    assert.equal(passes.filter((p) => p.held).length, 1);
    assert.equal(passes[0].expanded + passes[1].expanded, 30);
    const records = await world.stores.deliveries.listPartition(
      deliveryPartition(tenantId, nudge.nudgeId, 'now'),
    );
    assert.equal(records.length, 30);
    assert.equal(world.connector.stats.sends.size, 30);
    assert.ok([...world.connector.stats.sends.values()].every((n) => n === 1));
  });

  it('marks each 403 sub-code and 404 permanent with its reason and sends to everyone else', async function () {
    const permanent = new Map<string, PermanentFault>([
      [roster[0]!.id, { status: 403, code: 'ConversationBlockedByUser' }],
      [roster[1]!.id, { status: 403, code: 'BotDisabledByAdmin' }],
      [roster[2]!.id, { status: 403, code: 'BotNotInConversationRoster' }],
      [roster[3]!.id, { status: 403, code: 'AppUninstalled' }],
      [roster[4]!.id, { status: 404 }],
    ]);
    const world = await aWorld(permanent);
    const nudge = await world.send();
    await world.worker('a').runTenant(tenantId);
    const status = await statusOf(world, tenantId, nudge.nudgeId);
    assert.equal(status?.sent, 25);
    assert.deepEqual(status?.failed, {
      ConversationBlockedByUser: 1,
      BotDisabledByAdmin: 1,
      BotNotInConversationRoster: 1,
      AppUninstalled: 1,
      NotFound: 1,
    });
  });

  it('honours "stop refreshers" from the next send and "refreshers on" after it', async function () {
    const world = await aWorld();
    await stopRefreshers(world, tenantId, roster[5]!.aadObjectId);
    await world.send();
    await world.worker('a').runTenant(tenantId);
    assert.equal(world.connector.stats.sends.get(`a:chat-${roster[5]!.id}`), undefined);
    await refreshersOn(world, tenantId, roster[5]!.aadObjectId);
    await world.send();
    await world.worker('a').runTenant(tenantId);
    assert.equal(world.connector.stats.sends.get(`a:chat-${roster[5]!.id}`), 1);
  });

  it('takes over a sender that renews but makes no progress, and logs the takeover', async function () {
    const world = await aWorld();
    const nudge = await world.send();
    const stuck = await new SenderLeases(
      world.stores.leases,
      world.clock,
      { leaseMs: 30_000, stallMs: 180_000 },
      world.logs.logger,
    ).acquire(tenantId, 'stuck');
    assert.ok(stuck);
    assert.equal((await world.worker('b').runTenant(tenantId)).held, false);
    // It keeps renewing (alive) but finishes nothing for over three minutes.
    for (let minute = 0; minute < 4; minute += 1) {
      world.clock.advance(60_000);
      assert.ok(await stuck.renew(0));
    }
    const pass = await world.worker('b').runTenant(tenantId);
    assert.ok(pass.held);
    assert.ok(
      world.logs
        .lines()
        .some((l) => l.msg === 'nudge sending taken over' && l.reason === 'stalled'),
    );
    assert.equal((await statusOf(world, tenantId, nudge.nudgeId))?.sent, 30);
    assert.equal(await stuck.renew(0), false, 'the stuck holder learns it lost the lease');
  });
});
