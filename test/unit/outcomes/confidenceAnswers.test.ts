import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ConfidenceAnswers, type ConfidenceAnswer } from '../../../src/outcomes/confidenceAnswers';
import type { DocumentStore } from '../../../src/kernel/documentStore';
import { hmacRespondentIds } from '../../../src/outcomes/respondentIds';
import { InMemoryStorage } from '../../../src/storage/memory/InMemoryStorage';
import { RecordRetention, daySeconds } from '../../../src/tenants/retention';
import { StoredTenantDirectory, type TenantSettings } from '../../../src/tenants/tenantSettings';
import { fakeTenantId, fakeUser, otherTenantId } from '../../support/builders';
import { ManualClock } from '../../support/referrals/deliveryFakes';
import { aCheckIn, testRespondents } from '../../support/outcomes/builders';

const dayMs = daySeconds * 1000;

function world(start = '2026-11-10T10:00:00.000Z') {
  const clock = new ManualClock(start);
  const storage = new InMemoryStorage({ clock });
  const settings = new StoredTenantDirectory(storage.collection<TenantSettings>('tenants'));
  const retention = new RecordRetention(settings);
  const store = storage.collection<ConfidenceAnswer>('outcomes');
  const answers = new ConfidenceAnswers(
    store,
    clock,
    testRespondents,
    retention.ttlFor('confidenceAnswers'),
  );
  return { clock, storage, settings, store, answers };
}

describe('confidence answers: stored once per card, pseudonymous', () => {
  it('stores one document per answer with its moment, time and team', async () => {
    const { answers, store } = world();
    const outcome = await answers.record(
      fakeTenantId,
      fakeUser.aadObjectId,
      aCheckIn({ moment: 'refresher', teamId: '19:fake-team@thread.tacv2' }),
    );
    assert.equal(outcome, 'recorded');
    const stored = (await store.listPartition(fakeTenantId)).map((i) => i.value);
    assert.deepEqual(
      stored.map((a) => [a.question, a.answer, a.moment, a.teamId, a.answeredAt]).sort(),
      [
        ['engage', 3, 'refresher', '19:fake-team@thread.tacv2', '2026-11-10T10:00:00.000Z'],
        ['identify', 4, 'refresher', '19:fake-team@thread.tacv2', '2026-11-10T10:00:00.000Z'],
      ],
    );
    assert.ok(!JSON.stringify(stored).includes(fakeUser.aadObjectId), 'no user id stored');
  });

  it('stores nothing on a second Send of the same card, even with other answers', async () => {
    const { answers, store } = world();
    const card = aCheckIn({ 'confidence-engage': undefined });
    assert.equal(await answers.record(fakeTenantId, fakeUser.aadObjectId, card), 'recorded');
    const again = { ...card, 'confidence-identify': 1, 'confidence-engage': 5 };
    assert.equal(
      await answers.record(fakeTenantId, fakeUser.aadObjectId, again),
      'already-answered',
    );
    const stored = (await store.listPartition(fakeTenantId)).map((i) => i.value);
    assert.deepEqual(
      stored.map((a) => [a.question, a.answer]),
      [['identify', 4]],
    );
  });

  it('keeps each council in its own partition', async () => {
    const { answers, store } = world();
    await answers.record(otherTenantId, fakeUser.aadObjectId, aCheckIn());
    assert.equal((await store.listPartition(fakeTenantId)).length, 0);
    assert.equal((await answers.allFor(otherTenantId)).length, 2);
  });

  it('names the respondent by an HMAC of tenant and user under the secret, not a plain hash', async () => {
    const { answers, store } = world();
    await answers.record(fakeTenantId, fakeUser.aadObjectId, aCheckIn());
    const [first] = await store.listPartition(fakeTenantId);
    const respondent = first?.value.respondent ?? '';
    const plain = (s: string) => createHash('sha256').update(s).digest('hex');
    for (const guess of [
      plain(`${fakeTenantId}:${fakeUser.aadObjectId}`),
      plain(`${fakeTenantId}\n${fakeUser.aadObjectId}`),
      plain(fakeUser.aadObjectId),
    ]) {
      assert.ok(!guess.startsWith(respondent.slice(0, 16)), 'a directory hash does not find it');
    }
    assert.equal(respondent, testRespondents.of(fakeTenantId, fakeUser.aadObjectId));
    const otherKey = hmacRespondentIds('another-fake-respondent-secret-0123456789');
    assert.notEqual(otherKey.of(fakeTenantId, fakeUser.aadObjectId), respondent);
    assert.notEqual(testRespondents.of(otherTenantId, fakeUser.aadObjectId), respondent);
  });

  it('refuses a secret shorter than 32 characters', () => {
    assert.throws(() => hmacRespondentIds('too-short'), /at least 32 characters/);
  });
});

describe('confidence answers: deleted after the council’s period (TTL, against the clock)', () => {
  it('writes each answer with the default period of 24 months (730 days) as its TTL', async () => {
    const { answers, store, clock } = world();
    await answers.record(fakeTenantId, fakeUser.aadObjectId, aCheckIn());
    clock.advance(730 * dayMs - 1000);
    assert.equal((await store.listPartition(fakeTenantId)).length, 2, 'kept until the period ends');
    assert.equal((await answers.mineFor(fakeTenantId, fakeUser.aadObjectId)).length, 2);
    clock.advance(1000);
    assert.equal((await store.listPartition(fakeTenantId)).length, 0, 'the store expired them');
  });

  it("uses a council's own period, and leaves expired answers out of reads even where the store keeps them", async () => {
    const { settings, clock, store } = world();
    // The local Cosmos-protocol server never expires items: reads must not depend on it.
    const neverExpires: DocumentStore<ConfidenceAnswer> = {
      read: (key) => store.read(key),
      create: (key, value) => store.create(key, value),
      replace: (key, value) => store.replace(key, value),
      upsert: (key, value) => store.upsert(key, value),
      delete: (key) => store.delete(key),
      listPartition: (pk, options) => store.listPartition(pk, options),
    };
    const answers = new ConfidenceAnswers(
      neverExpires,
      clock,
      testRespondents,
      new RecordRetention(settings).ttlFor('confidenceAnswers'),
    );
    await settings.save(fakeTenantId, { contacts: {}, retention: { confidenceAnswers: 365 } });
    await answers.record(fakeTenantId, fakeUser.aadObjectId, aCheckIn());
    clock.advance(364 * dayMs);
    assert.equal((await answers.allFor(fakeTenantId)).length, 2);
    clock.advance(dayMs);
    assert.equal((await store.listPartition(fakeTenantId)).length, 2, 'still in the store');
    assert.equal((await answers.allFor(fakeTenantId)).length, 0, 'but past the period');
    assert.equal((await answers.mineFor(fakeTenantId, fakeUser.aadObjectId)).length, 0);
  });

  it('counts the period from each answer: an older one goes first', async () => {
    const { answers, clock } = world();
    await answers.record(fakeTenantId, fakeUser.aadObjectId, aCheckIn());
    clock.advance(100 * dayMs);
    await answers.record(fakeTenantId, fakeUser.aadObjectId, aCheckIn());
    clock.advance(630 * dayMs);
    const left = await answers.allFor(fakeTenantId);
    assert.equal(left.length, 2);
    assert.ok(left.every((a) => a.answeredAt.startsWith('2027-02-18')));
  });
});
