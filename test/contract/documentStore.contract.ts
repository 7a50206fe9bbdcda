import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { DocumentStore, StoredItem, Storage } from '../../src/kernel/documentStore';
import { ErrorCodes, isAppError } from '../../src/kernel/errors';

export interface DocumentStoreContractOptions {
  /** Runs of the JSON round-trip property; keep it low for stores behind a network. */
  readonly propertyRuns?: number;
}

interface Session {
  step: string;
  count: number;
  answers?: Record<string, string>;
}

const storeRequestInvalid = ErrorCodes.storeRequestInvalid;

/** An assert.rejects validator: the error is an AppError with this code. */
function withCode(code: string): (err: unknown) => boolean {
  return (err) => {
    assert.ok(isAppError(err, code), `expected AppError ${code}, got ${String(err)}`);
    return true;
  };
}

function aSession(overrides: Partial<Session> = {}): Session {
  return { step: 'consent', count: 0, ...overrides };
}

/** Ids a repository may legitimately produce or receive that a naive URL or key scheme breaks. */
const awkwardIds = [
  'with space',
  ' leading-and-trailing ',
  'plus+sign',
  'percent%20encoded',
  '%',
  'colon:sep:arated',
  'equals=and&ampersand',
  `quotes'single"double`,
  'semi;comma,at@',
  'tilde~bang!star*dollar$',
  'brackets(a)[b]{c}<d>',
  'a..b',
  '...',
  'ünïcödé-名前-اسم',
  'emoji-😀-👩‍👩‍👧',
  'x'.repeat(255),
];

/**
 * The behaviour every `Storage` implementation must show, run against each of them (in memory and
 * Cosmos DB). The store is opened once; every test works in partitions of its own, so tests never
 * see each other's data even on a store that persists.
 */
export function describeDocumentStoreContract(
  name: string,
  openStorage: () => Promise<Storage>,
  options: DocumentStoreContractOptions = {},
): void {
  describe(`DocumentStore contract: ${name}`, function () {
    let storage: Storage;
    let sessions: DocumentStore<Session>;
    let pk: string;

    before(async function () {
      storage = await openStorage();
    });

    after(async function () {
      await storage?.close();
    });

    beforeEach(function () {
      sessions = storage.collection<Session>('sessions');
      pk = `tenant-${randomUUID()}`;
    });

    describe('create and read', function () {
      it('reads back what was created, with an etag', async function () {
        const created = await sessions.create(
          { partitionKey: pk, id: 'u1' },
          aSession({ count: 1 }),
        );
        assert.deepEqual(Object.keys(created).sort(), ['etag', 'id', 'partitionKey', 'value']);
        assert.equal(created.id, 'u1');
        assert.equal(created.partitionKey, pk);
        assert.deepEqual(created.value, aSession({ count: 1 }));
        assert.ok(created.etag.length > 0);

        const read = await sessions.read({ partitionKey: pk, id: 'u1' });
        assert.deepEqual(read, created);
      });

      it('reads an absent item as undefined', async function () {
        assert.equal(await sessions.read({ partitionKey: pk, id: 'nobody' }), undefined);
      });

      it('refuses to create an id that exists, leaving the original alone', async function () {
        const original = await sessions.create(
          { partitionKey: pk, id: 'u1' },
          aSession({ step: 'first' }),
        );
        await assert.rejects(
          sessions.create({ partitionKey: pk, id: 'u1' }, aSession({ step: 'second' })),
          withCode(ErrorCodes.storeConflict),
        );
        assert.deepEqual(await sessions.read({ partitionKey: pk, id: 'u1' }), original);
      });

      it('lets exactly one of several concurrent creates of one id win', async function () {
        const attempts = await Promise.allSettled(
          [1, 2, 3, 4, 5].map((count) =>
            sessions.create({ partitionKey: pk, id: 'race' }, aSession({ count })),
          ),
        );
        const won = attempts.filter((a) => a.status === 'fulfilled');
        const lost = attempts.filter((a) => a.status === 'rejected');
        assert.equal(won.length, 1);
        for (const loss of lost) assert.ok(isAppError(loss.reason, ErrorCodes.storeConflict));
        const stored = await sessions.read({ partitionKey: pk, id: 'race' });
        assert.deepEqual(stored, won[0]?.value);
      });
    });

    describe('replace', function () {
      it('writes with the current etag and issues a new one', async function () {
        const created = await sessions.create({ partitionKey: pk, id: 'u1' }, aSession());
        const replaced = await sessions.replace(
          { partitionKey: pk, id: 'u1', etag: created.etag },
          aSession({ step: 'questions', count: 2 }),
        );
        assert.notEqual(replaced.etag, created.etag);
        assert.deepEqual(replaced.value, aSession({ step: 'questions', count: 2 }));
        assert.deepEqual(await sessions.read({ partitionKey: pk, id: 'u1' }), replaced);
      });

      it('refuses a stale etag and keeps the newer value', async function () {
        const created = await sessions.create({ partitionKey: pk, id: 'u1' }, aSession());
        const newer = await sessions.replace(
          { partitionKey: pk, id: 'u1', etag: created.etag },
          aSession({ count: 1 }),
        );
        await assert.rejects(
          sessions.replace(
            { partitionKey: pk, id: 'u1', etag: created.etag },
            aSession({ count: 99 }),
          ),
          withCode(ErrorCodes.storePreconditionFailed),
        );
        assert.deepEqual(await sessions.read({ partitionKey: pk, id: 'u1' }), newer);
      });

      it('reports an item that never existed as not found', async function () {
        await assert.rejects(
          sessions.replace({ partitionKey: pk, id: 'ghost', etag: 'any' }, aSession()),
          withCode(ErrorCodes.storeNotFound),
        );
        assert.equal(await sessions.read({ partitionKey: pk, id: 'ghost' }), undefined);
      });

      it('reports an item deleted since it was read as not found', async function () {
        const created = await sessions.create({ partitionKey: pk, id: 'u1' }, aSession());
        await sessions.delete({ partitionKey: pk, id: 'u1' });
        await assert.rejects(
          sessions.replace({ partitionKey: pk, id: 'u1', etag: created.etag }, aSession()),
          withCode(ErrorCodes.storeNotFound),
        );
      });

      it('lets exactly one of several concurrent replaces from the same etag win', async function () {
        const created = await sessions.create({ partitionKey: pk, id: 'u1' }, aSession());
        const attempts = await Promise.allSettled(
          [1, 2, 3, 4, 5, 6].map((count) =>
            sessions.replace(
              { partitionKey: pk, id: 'u1', etag: created.etag },
              aSession({ count }),
            ),
          ),
        );
        const won = attempts.filter(
          (a): a is PromiseFulfilledResult<StoredItem<Session>> => a.status === 'fulfilled',
        );
        const lost = attempts.filter((a) => a.status === 'rejected');
        assert.equal(won.length, 1, 'exactly one replace succeeds');
        assert.equal(lost.length, 5);
        for (const loss of lost)
          assert.ok(isAppError(loss.reason, ErrorCodes.storePreconditionFailed));
        assert.deepEqual(await sessions.read({ partitionKey: pk, id: 'u1' }), won[0]?.value);
      });
    });

    describe('upsert', function () {
      it('creates when absent and overwrites when present, with a new etag each time', async function () {
        const first = await sessions.upsert({ partitionKey: pk, id: 'u1' }, aSession({ count: 1 }));
        const second = await sessions.upsert(
          { partitionKey: pk, id: 'u1' },
          aSession({ count: 2 }),
        );
        assert.notEqual(second.etag, first.etag);
        assert.deepEqual(await sessions.read({ partitionKey: pk, id: 'u1' }), second);
        await assert.rejects(
          sessions.replace({ partitionKey: pk, id: 'u1', etag: first.etag }, aSession()),
          withCode(ErrorCodes.storePreconditionFailed),
        );
      });
    });

    describe('delete', function () {
      it('deletes once, then reports nothing to delete', async function () {
        await sessions.create({ partitionKey: pk, id: 'u1' }, aSession());
        assert.equal(await sessions.delete({ partitionKey: pk, id: 'u1' }), true);
        assert.equal(await sessions.read({ partitionKey: pk, id: 'u1' }), undefined);
        assert.equal(await sessions.delete({ partitionKey: pk, id: 'u1' }), false);
      });

      it('deletes with the current etag', async function () {
        const created = await sessions.create({ partitionKey: pk, id: 'u1' }, aSession());
        assert.equal(
          await sessions.delete({ partitionKey: pk, id: 'u1', etag: created.etag }),
          true,
        );
        assert.equal(await sessions.read({ partitionKey: pk, id: 'u1' }), undefined);
      });

      it('refuses a stale etag and keeps the item', async function () {
        const created = await sessions.create({ partitionKey: pk, id: 'u1' }, aSession());
        const newer = await sessions.replace(
          { partitionKey: pk, id: 'u1', etag: created.etag },
          aSession({ count: 1 }),
        );
        await assert.rejects(
          sessions.delete({ partitionKey: pk, id: 'u1', etag: created.etag }),
          withCode(ErrorCodes.storePreconditionFailed),
        );
        assert.deepEqual(await sessions.read({ partitionKey: pk, id: 'u1' }), newer);
      });

      it('reports nothing to delete for an absent item, even with an etag', async function () {
        assert.equal(await sessions.delete({ partitionKey: pk, id: 'ghost', etag: 'any' }), false);
      });

      it('allows the id to be created again afterwards', async function () {
        const first = await sessions.create({ partitionKey: pk, id: 'u1' }, aSession({ count: 1 }));
        await sessions.delete({ partitionKey: pk, id: 'u1' });
        const again = await sessions.create({ partitionKey: pk, id: 'u1' }, aSession({ count: 2 }));
        assert.notEqual(again.etag, first.etag);
        assert.equal(again.value.count, 2);
      });
    });

    describe('isolation', function () {
      it('keeps the same id in two partitions apart', async function () {
        const other = `tenant-${randomUUID()}`;
        await sessions.create({ partitionKey: pk, id: 'shared' }, aSession({ step: 'mine' }));
        await sessions.create({ partitionKey: other, id: 'shared' }, aSession({ step: 'theirs' }));
        assert.equal((await sessions.read({ partitionKey: pk, id: 'shared' }))?.value.step, 'mine');
        assert.equal(
          (await sessions.read({ partitionKey: other, id: 'shared' }))?.value.step,
          'theirs',
        );

        assert.equal(await sessions.delete({ partitionKey: pk, id: 'shared' }), true);
        assert.equal(await sessions.read({ partitionKey: pk, id: 'shared' }), undefined);
        assert.equal(
          (await sessions.read({ partitionKey: other, id: 'shared' }))?.value.step,
          'theirs',
        );
      });

      it('does not find an item under another partition key', async function () {
        await sessions.create({ partitionKey: pk, id: 'u1' }, aSession());
        assert.equal(await sessions.read({ partitionKey: `${pk}-other`, id: 'u1' }), undefined);
        assert.equal(await sessions.delete({ partitionKey: `${pk}-other`, id: 'u1' }), false);
      });

      it('keeps the same key in two containers apart', async function () {
        const drafts = storage.collection<{ text: string }>('drafts');
        await sessions.create({ partitionKey: pk, id: 'u1' }, aSession());
        assert.equal(await drafts.read({ partitionKey: pk, id: 'u1' }), undefined);
        await drafts.create({ partitionKey: pk, id: 'u1' }, { text: 'draft' });
        assert.deepEqual((await sessions.read({ partitionKey: pk, id: 'u1' }))?.value, aSession());
        assert.deepEqual((await drafts.read({ partitionKey: pk, id: 'u1' }))?.value, {
          text: 'draft',
        });
      });

      it('shares data between two handles on the same container', async function () {
        await sessions.create({ partitionKey: pk, id: 'u1' }, aSession({ count: 7 }));
        const again = storage.collection<Session>('sessions');
        assert.equal((await again.read({ partitionKey: pk, id: 'u1' }))?.value.count, 7);
      });
    });

    describe('findByField (cross-partition, for sweepers)', function () {
      it('finds items in every partition whose field equals the value, up to the limit', async function () {
        const wanted = `step-${randomUUID()}`;
        const other = `tenant-${randomUUID()}`;
        await sessions.create({ partitionKey: pk, id: 'a' }, aSession({ step: wanted }));
        await sessions.create({ partitionKey: other, id: 'b' }, aSession({ step: wanted }));
        await sessions.create({ partitionKey: pk, id: 'c' }, aSession({ step: 'another' }));
        const found = await sessions.findByField?.('step', wanted, { limit: 10 });
        assert.deepEqual(
          found?.map((item) => `${item.partitionKey}/${item.id}`).sort(),
          [`${pk}/a`, `${other}/b`].sort(),
        );
        assert.equal((await sessions.findByField?.('step', wanted, { limit: 1 }))?.length, 1);
      });

      it('refuses a field name that is not a plain identifier', async function () {
        await assert.rejects(
          Promise.resolve().then(() => sessions.findByField?.('a"] OR 1=1 --', 'x', { limit: 1 })),
          (err: unknown) => isAppError(err, ErrorCodes.storeRequestInvalid),
        );
      });
    });

    describe('listPartition', function () {
      it('lists one partition in ordinal id order', async function () {
        const other = `tenant-${randomUUID()}`;
        for (const id of ['m', 'a', 'z', 'b10', 'b2', 'B']) {
          await sessions.create({ partitionKey: pk, id }, aSession({ step: id }));
        }
        await sessions.create({ partitionKey: other, id: 'c' }, aSession());
        const listed = await sessions.listPartition(pk);
        assert.deepEqual(
          listed.map((item) => item.id),
          ['B', 'a', 'b10', 'b2', 'm', 'z'],
        );
        for (const item of listed) {
          assert.equal(item.partitionKey, pk);
          assert.equal(item.value.step, item.id);
        }
      });

      it('stops at the limit, counting from the lowest id', async function () {
        for (const id of ['d', 'b', 'e', 'a', 'c'])
          await sessions.create({ partitionKey: pk, id }, aSession());
        assert.deepEqual(
          (await sessions.listPartition(pk, { limit: 3 })).map((item) => item.id),
          ['a', 'b', 'c'],
        );
        assert.equal((await sessions.listPartition(pk, { limit: 10 })).length, 5);
        assert.deepEqual(await sessions.listPartition(pk, { limit: 0 }), []);
      });

      it('returns an empty list for an empty partition', async function () {
        assert.deepEqual(await sessions.listPartition(pk), []);
      });

      it('returns every item of a partition larger than one page', async function () {
        const ids = Array.from({ length: 120 }, (_, i) => `item-${String(i).padStart(3, '0')}`);
        await Promise.all(ids.map((id) => sessions.create({ partitionKey: pk, id }, aSession())));
        assert.deepEqual(
          (await sessions.listPartition(pk)).map((item) => item.id),
          ids,
        );
      });

      it('returns etags that work for replace and delete', async function () {
        await sessions.create({ partitionKey: pk, id: 'a' }, aSession());
        await sessions.create({ partitionKey: pk, id: 'b' }, aSession());
        const [a, b] = await sessions.listPartition(pk);
        assert.ok(a && b);
        await sessions.replace(
          { partitionKey: pk, id: a.id, etag: a.etag },
          aSession({ count: 1 }),
        );
        assert.equal(await sessions.delete({ partitionKey: pk, id: b.id, etag: b.etag }), true);
        assert.deepEqual(
          (await sessions.listPartition(pk)).map((item) => [item.id, item.value.count]),
          [['a', 1]],
        );
      });

      it('does not list deleted items', async function () {
        await sessions.create({ partitionKey: pk, id: 'a' }, aSession());
        await sessions.create({ partitionKey: pk, id: 'b' }, aSession());
        await sessions.delete({ partitionKey: pk, id: 'a' });
        assert.deepEqual(
          (await sessions.listPartition(pk)).map((item) => item.id),
          ['b'],
        );
      });
    });

    describe('values', function () {
      it('round-trips nested objects, arrays, unicode, numbers, booleans and null', async function () {
        const values = storage.collection<unknown>('drafts');
        const value = {
          text: 'Zoë said “hello” — مرحبا — こんにちは — 😀👩‍👩‍👧 — e\u0301 — \u0000 — line\nbreak\ttab "quoted" \\ back',
          numbers: [0, -1, 1.5, 1e21, -2.5e-7, Number.MAX_SAFE_INTEGER],
          flags: { yes: true, no: false, nothing: null },
          deep: { a: { b: { c: { d: [{ e: ['f', { g: 'h' }] }] } } } },
          empty: { object: {}, array: [], string: '' },
          'key with spaces': 1,
          'ünïcödé-kéy': 2,
          _etag: 'a user field that looks like a system one',
          id: 'not the document id',
          pk: 'not the partition key',
          ttl: 'not a ttl',
        };
        const created = await values.create({ partitionKey: pk, id: 'v' }, value);
        assert.deepEqual(created.value, value);
        assert.deepEqual((await values.read({ partitionKey: pk, id: 'v' }))?.value, value);
        assert.deepEqual((await values.listPartition(pk))[0]?.value, value);
      });

      it('round-trips scalars and arrays as the whole value', async function () {
        const values = storage.collection<unknown>('drafts');
        for (const [id, value] of [
          ['string', 'just text'],
          ['number', 42],
          ['false', false],
          ['null', null],
          ['array', [1, 'two', { three: 3 }]],
        ] as const) {
          await values.create({ partitionKey: pk, id }, value);
          assert.deepEqual((await values.read({ partitionKey: pk, id }))?.value, value, id);
        }
      });

      it('stores values as JSON: a Date comes back as its ISO string, undefined fields vanish', async function () {
        const values = storage.collection<unknown>('drafts');
        const at = new Date('2024-05-06T07:08:09.010Z');
        await values.create({ partitionKey: pk, id: 'v' }, { at, missing: undefined, kept: 1 });
        assert.deepEqual((await values.read({ partitionKey: pk, id: 'v' }))?.value, {
          at: '2024-05-06T07:08:09.010Z',
          kept: 1,
        });
      });

      it('round-trips any JSON value', async function () {
        const values = storage.collection<unknown>('drafts');
        let n = 0;
        await fc.assert(
          fc.asyncProperty(fc.jsonValue(), async (value) => {
            n += 1;
            const id = `p${n}`;
            const expected: unknown = JSON.parse(JSON.stringify(value));
            const created = await values.create({ partitionKey: pk, id }, value);
            assert.deepEqual(created.value, expected);
            assert.deepEqual((await values.read({ partitionKey: pk, id }))?.value, expected);
          }),
          { numRuns: options.propertyRuns ?? 100 },
        );
      });

      it('is not changed by the caller mutating what it wrote or what it read', async function () {
        const input = aSession({ answers: { q1: 'yes' } });
        const created = await sessions.create({ partitionKey: pk, id: 'u1' }, input);
        input.step = 'mutated input';
        input.answers = { q1: 'mutated' };
        created.value.count = 100;

        const read = await sessions.read({ partitionKey: pk, id: 'u1' });
        assert.ok(read);
        read.value.step = 'mutated read';
        if (read.value.answers) read.value.answers.q1 = 'mutated read';

        const [listed] = await sessions.listPartition(pk);
        assert.ok(listed);
        listed.value.count = -1;

        assert.deepEqual(
          (await sessions.read({ partitionKey: pk, id: 'u1' }))?.value,
          aSession({ answers: { q1: 'yes' } }),
        );
      });
    });

    describe('keys', function () {
      it('handles ids and partition keys with awkward but legal characters', async function () {
        for (const id of awkwardIds) {
          const partitionKey = `${pk} ${id}`.slice(0, 255);
          const created = await sessions.create({ partitionKey, id }, aSession({ step: id }));
          assert.equal(created.id, id);
          const read = await sessions.read({ partitionKey, id });
          assert.equal(read?.value.step, id, `read ${JSON.stringify(id)}`);
          assert.equal(read?.id, id);
          assert.equal(read?.partitionKey, partitionKey);
          const replaced = await sessions.replace(
            { partitionKey, id, etag: created.etag },
            aSession({ step: id, count: 1 }),
          );
          assert.deepEqual(
            (await sessions.listPartition(partitionKey)).map((item) => [item.id, item.value.count]),
            [[id, 1]],
            `list ${JSON.stringify(id)}`,
          );
          assert.equal(
            await sessions.delete({ partitionKey, id, etag: replaced.etag }),
            true,
            `delete ${JSON.stringify(id)}`,
          );
          assert.equal(await sessions.read({ partitionKey, id }), undefined);
        }
      });

      it('refuses ids Cosmos cannot address, before touching the store', async function () {
        for (const id of ['', 'a/b', 'a\\b', 'a?b', 'a#b', '.', '..', 'x'.repeat(256)]) {
          await assert.rejects(
            sessions.create({ partitionKey: pk, id }, aSession()),
            withCode(storeRequestInvalid),
            id,
          );
          await assert.rejects(
            sessions.read({ partitionKey: pk, id }),
            withCode(storeRequestInvalid),
            id,
          );
          await assert.rejects(
            sessions.upsert({ partitionKey: pk, id }, aSession()),
            withCode(storeRequestInvalid),
            id,
          );
          await assert.rejects(
            sessions.delete({ partitionKey: pk, id }),
            withCode(storeRequestInvalid),
            id,
          );
        }
      });

      it('refuses an empty partition key', async function () {
        await assert.rejects(
          sessions.create({ partitionKey: '', id: 'u1' }, aSession()),
          withCode(storeRequestInvalid),
        );
        await assert.rejects(
          sessions.read({ partitionKey: '', id: 'u1' }),
          withCode(storeRequestInvalid),
        );
        await assert.rejects(sessions.listPartition(''), withCode(storeRequestInvalid));
      });

      it('refuses a malformed ttl or limit', async function () {
        for (const ttlSeconds of [0, -1, 1.5, Number.NaN]) {
          await assert.rejects(
            sessions.create({ partitionKey: pk, id: 'u1' }, aSession(), { ttlSeconds }),
            withCode(storeRequestInvalid),
            String(ttlSeconds),
          );
        }
        await assert.rejects(
          sessions.listPartition(pk, { limit: -1 }),
          withCode(storeRequestInvalid),
        );
        await assert.rejects(
          sessions.listPartition(pk, { limit: 2.5 }),
          withCode(storeRequestInvalid),
        );
        assert.equal(await sessions.read({ partitionKey: pk, id: 'u1' }), undefined);
      });
    });

    describe('ttl', function () {
      it('accepts a ttl on every kind of write and keeps the item until it expires', async function () {
        const created = await sessions.create({ partitionKey: pk, id: 'u1' }, aSession(), {
          ttlSeconds: 3600,
        });
        const replaced = await sessions.replace(
          { partitionKey: pk, id: 'u1', etag: created.etag },
          aSession({ count: 1 }),
          {
            ttlSeconds: 3600,
          },
        );
        await sessions.upsert({ partitionKey: pk, id: 'u2' }, aSession(), { ttlSeconds: 60 });
        assert.deepEqual(await sessions.read({ partitionKey: pk, id: 'u1' }), replaced);
        assert.equal((await sessions.listPartition(pk)).length, 2);
      });
    });

    describe('lifecycle', function () {
      it('answers ping while open', async function () {
        await storage.ping();
      });

      it('refuses calls after close, and closes twice without complaint', async function () {
        const second = await openStorage();
        const store = second.collection<Session>('sessions');
        await store.upsert({ partitionKey: pk, id: 'u1' }, aSession());
        await second.close();
        await second.close();
        await assert.rejects(second.ping(), withCode(ErrorCodes.storeUnavailable));
        await assert.rejects(
          store.read({ partitionKey: pk, id: 'u1' }),
          withCode(ErrorCodes.storeUnavailable),
        );
        await assert.rejects(store.listPartition(pk), withCode(ErrorCodes.storeUnavailable));
      });
    });
  });
}
