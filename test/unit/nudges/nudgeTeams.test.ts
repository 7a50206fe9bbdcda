import assert from 'node:assert/strict';
import { fingerprint } from '../../../src/kernel/hash';
import { deliveryIdOf } from '../../../src/nudges/expansion';
import {
  deliveryPartition,
  type DeliveryRecord,
  type NudgeRecord,
} from '../../../src/nudges/model';
import { NudgeTeams } from '../../../src/nudges/nudgeTeams';
import { nudgeKey, nudgeStores } from '../../../src/nudges/stores';
import { InMemoryStorage } from '../../../src/storage/memory/InMemoryStorage';

const tenantId = 'tenant-fake';
const manager = '00000000-0000-4000-8000-00000000000a';
const practitioner = '00000000-0000-4000-8000-00000000000b';

function nudge(
  nudgeId: string,
  audience: NudgeRecord['audience'],
  at: string,
  by = manager,
): NudgeRecord {
  return {
    tenantId,
    nudgeId,
    occurrence: 'now',
    content: { kind: 'tip', tipId: 'tip-1' },
    audience,
    sentBy: fingerprint(`${tenantId}:${by}`),
    state: 'done',
    createdAt: at,
  };
}

function delivery(n: NudgeRecord, status: DeliveryRecord['status']): DeliveryRecord {
  return {
    tenantId,
    nudgeId: n.nudgeId,
    occurrence: n.occurrence,
    userId: '29:fake',
    aadObjectId: practitioner,
    route: { kind: 'team', teamId: 'team-a' },
    status,
    attempts: 1,
    createdAt: n.createdAt,
    updatedAt: n.createdAt,
    expiresAt: '2027-03-01T00:00:00.000Z',
  };
}

describe('the teams nudges tie people to (for the confidence outcomes)', () => {
  async function seeded() {
    const stores = nudgeStores(new InMemoryStorage());
    const older = nudge('n1', { kind: 'team', teamId: 'team-a' }, '2026-11-01T10:00:00.000Z');
    const newer = nudge('n2', { kind: 'team', teamId: 'team-b' }, '2026-11-20T10:00:00.000Z');
    const everyone = nudge('n3', { kind: 'everyone' }, '2026-11-25T10:00:00.000Z');
    const other = nudge(
      'n4',
      { kind: 'team', teamId: 'team-c' },
      '2026-11-26T10:00:00.000Z',
      'someone-else',
    );
    for (const n of [older, newer, everyone, other])
      await stores.nudges.upsert(nudgeKey(tenantId, n.nudgeId), n);
    const deliver = async (n: NudgeRecord, status: DeliveryRecord['status']) =>
      stores.deliveries.upsert(
        {
          partitionKey: deliveryPartition(tenantId, n.nudgeId, n.occurrence),
          id: deliveryIdOf(n, { userId: '29:fake', aadObjectId: practitioner }),
        },
        delivery(n, status),
      );
    return { stores, older, newer, other, deliver };
  }

  it("a manager's teams are the teams they sent refreshers to", async () => {
    const { stores } = await seeded();
    const teams = new NudgeTeams(stores);
    assert.deepEqual([...(await teams.teamsOf(tenantId, manager))].sort(), ['team-a', 'team-b']);
    assert.deepEqual(await teams.teamsOf(tenantId, practitioner), []);
  });

  it("a person's team is that of the latest team refresher delivered to them", async () => {
    const { stores, older, newer, other, deliver } = await seeded();
    const teams = new NudgeTeams(stores);
    assert.equal(await teams.teamOf(tenantId, practitioner), undefined);
    await deliver(older, 'sent');
    await deliver(newer, 'failed');
    assert.equal(await teams.teamOf(tenantId, practitioner), 'team-a');
    await deliver(newer, 'sent');
    assert.equal(await teams.teamOf(tenantId, practitioner), 'team-b');
    await deliver(other, 'pending');
    assert.equal(await teams.teamOf(tenantId, practitioner), 'team-b');
  });
});
