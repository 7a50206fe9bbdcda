import assert from 'node:assert/strict';
import { RecentItems } from '../../../src/kernel/recentItems';

const key = (id: string) => ({ partitionKey: 'tenant-a', id });

describe('RecentItems (an instance’s copies of items it last read or wrote)', () => {
  it('gives back the last value and ETag set for an item, and nothing once deleted', () => {
    const recent = new RecentItems<{ n: number }>({ maxItems: 10, maxIdleMs: 1000 });
    assert.equal(recent.get(key('a')), undefined);
    recent.set(key('a'), { etag: '"1"', value: { n: 1 } });
    recent.set(key('a'), { etag: '"2"', value: { n: 2 } });
    assert.deepEqual(recent.get(key('a')), { etag: '"2"', value: { n: 2 } });
    assert.equal(recent.get({ partitionKey: 'tenant-b', id: 'a' }), undefined, 'per partition');
    recent.delete(key('a'));
    assert.equal(recent.get(key('a')), undefined);
  });

  it('keeps at most maxItems, dropping the least recently used', () => {
    const recent = new RecentItems<number>({ maxItems: 2, maxIdleMs: 1000 });
    recent.set(key('a'), { etag: 'a', value: 1 });
    recent.set(key('b'), { etag: 'b', value: 2 });
    recent.get(key('a'));
    recent.set(key('c'), { etag: 'c', value: 3 });
    assert.equal(recent.size, 2);
    assert.equal(recent.get(key('b')), undefined, 'b was used least recently');
    assert.equal(recent.get(key('a'))?.value, 1);
    assert.equal(recent.get(key('c'))?.value, 3);
  });

  it('drops a copy unused for longer than maxIdleMs', () => {
    let now = 0;
    const recent = new RecentItems<number>({ maxItems: 10, maxIdleMs: 1000, now: () => now });
    recent.set(key('a'), { etag: 'a', value: 1 });
    now = 900;
    assert.equal(recent.get(key('a'))?.value, 1, 'used within the idle time');
    now = 1800;
    assert.equal(recent.get(key('a'))?.value, 1, 'idle time counts from the last use');
    now = 2801;
    assert.equal(recent.get(key('a')), undefined);
    assert.equal(recent.size, 0);
  });
});
