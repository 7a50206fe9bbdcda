import { strict as assert } from 'node:assert';
import type { Clock } from '../../../src/kernel/clock';
import { ErrorCodes, isAppError } from '../../../src/kernel/errors';
import { InMemoryStorage } from '../../../src/storage/memory/InMemoryStorage';
import { describeDocumentStoreContract } from '../../contract/documentStore.contract';

/** A clock that moves only when told to. */
class FakeClock implements Clock {
  private ms = Date.parse('2025-01-01T00:00:00Z');
  now(): Date {
    return new Date(this.ms);
  }
  advanceSeconds(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

describeDocumentStoreContract('in memory', async () => new InMemoryStorage());

describe('InMemoryStorage TTL', function () {
  const key = { partitionKey: 'tenant-1', id: 'u1' };
  let clock: FakeClock;
  let storage: InMemoryStorage;

  beforeEach(function () {
    clock = new FakeClock();
    storage = new InMemoryStorage({ clock });
  });

  it('hides an item once its ttl has passed, and not a moment before', async function () {
    const sessions = storage.collection<{ step: string }>('sessions');
    await sessions.create(key, { step: 'consent' }, { ttlSeconds: 60 });
    clock.advanceSeconds(59);
    assert.equal((await sessions.read(key))?.value.step, 'consent');
    clock.advanceSeconds(1);
    assert.equal(await sessions.read(key), undefined);
    assert.deepEqual(await sessions.listPartition(key.partitionKey), []);
  });

  it('treats an expired item as gone for every operation', async function () {
    const sessions = storage.collection<{ n: number }>('sessions');
    const created = await sessions.create(key, { n: 1 }, { ttlSeconds: 10 });
    clock.advanceSeconds(10);

    await assert.rejects(sessions.replace({ ...key, etag: created.etag }, { n: 2 }), (err) =>
      isAppError(err, ErrorCodes.storeNotFound),
    );
    assert.equal(await sessions.delete({ ...key, etag: created.etag }), false);
    const recreated = await sessions.create(key, { n: 3 });
    assert.equal(recreated.value.n, 3);
  });

  it('restarts the countdown on each write that carries a ttl', async function () {
    const sessions = storage.collection<{ n: number }>('sessions');
    const created = await sessions.create(key, { n: 1 }, { ttlSeconds: 10 });
    clock.advanceSeconds(8);
    await sessions.replace({ ...key, etag: created.etag }, { n: 2 }, { ttlSeconds: 10 });
    clock.advanceSeconds(8);
    assert.equal((await sessions.read(key))?.value.n, 2);
    clock.advanceSeconds(2);
    assert.equal(await sessions.read(key), undefined);
  });

  it('keeps forever an item rewritten without a ttl, as Cosmos does with defaultTtl -1', async function () {
    const sessions = storage.collection<{ n: number }>('sessions');
    const created = await sessions.create(key, { n: 1 }, { ttlSeconds: 10 });
    await sessions.replace({ ...key, etag: created.etag }, { n: 2 });
    clock.advanceSeconds(365 * 24 * 3600);
    assert.equal((await sessions.read(key))?.value.n, 2);
  });

  it('expires items independently of their neighbours', async function () {
    const deliveries = storage.collection<{ n: number }>('deliveries');
    await deliveries.create({ partitionKey: 'p', id: 'short' }, { n: 1 }, { ttlSeconds: 5 });
    await deliveries.create({ partitionKey: 'p', id: 'long' }, { n: 2 }, { ttlSeconds: 50 });
    await deliveries.upsert({ partitionKey: 'p', id: 'none' }, { n: 3 });
    clock.advanceSeconds(5);
    assert.deepEqual(
      (await deliveries.listPartition('p')).map((item) => item.id),
      ['long', 'none'],
    );
    clock.advanceSeconds(45);
    assert.deepEqual(
      (await deliveries.listPartition('p', { limit: 5 })).map((item) => item.id),
      ['none'],
    );
  });
});
