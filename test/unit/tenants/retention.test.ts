import { strict as assert } from 'node:assert';
import { ZodError } from 'zod';
import { DocumentStoreSessionRepository } from '../../../src/coaching/sessionRepository';
import { StoredConversationDirectory } from '../../../src/conversations/conversationDirectory';
import { ConfidenceAnswers, type ConfidenceAnswer } from '../../../src/outcomes/confidenceAnswers';
import { aCheckIn, testRespondents } from '../../support/outcomes/builders';
import {
  quizAnswerPartition,
  QuizAnswers,
  type QuizAnswer,
} from '../../../src/nudges/quizzes/quizAnswers';
import { aQuizNudge } from '../../support/nudges/quizBuilders';
import { retentionFromTenants } from '../../../src/referrals/delivery/deliveryWorker';
import { referralFormStores } from '../../../src/referrals/form';
import { referralStoresFrom } from '../../../src/referrals/records/referralStores';
import { InMemoryStorage } from '../../../src/storage/memory/InMemoryStorage';
import { CachedTenantDirectory } from '../../../src/tenants/cachedTenantDirectory';
import {
  defaultRetentionDays,
  RecordRetention,
  retainedRecords,
  type RetainedRecord,
} from '../../../src/tenants/retention';
import { StoredTenantDirectory, type TenantSettings } from '../../../src/tenants/tenantSettings';
import { capturedLogger } from '../../support/capturedLogs';
import { aStoredDraft, aStoredSession } from '../../support/personalRecords';
import { accepted, ManualClock, ScriptedPartnership } from '../../support/referrals/deliveryFakes';
import { DeliveryHarness } from '../../support/referrals/deliveryHarness';
import { aTenantId } from '../../support/referrals/referralBuilders';

const day = 24 * 3_600_000;
const userId = '00000000-0000-4000-8000-0000000000f1';

function world() {
  const clock = new ManualClock();
  const storage = new InMemoryStorage({ clock });
  const settings = new StoredTenantDirectory(storage.collection<TenantSettings>('tenants'));
  const tenants = new CachedTenantDirectory(settings, clock, 60_000);
  return { clock, storage, settings, tenants, retention: new RecordRetention(tenants) };
}

/** Writes one record of a kind through its own repository; `present` says whether it is still stored. */
type Writer = (w: ReturnType<typeof world>) => Promise<() => Promise<boolean>>;

const writers: Partial<Record<RetainedRecord, Writer>> = {
  sessions: async ({ storage, retention, clock }) => {
    const repo = new DocumentStoreSessionRepository(
      storage.collection('sessions'),
      retention.ttlFor('sessions'),
    );
    const key = { tenantId: aTenantId, userId };
    await repo.save(key, aStoredSession(clock.now()), undefined);
    return async () => (await repo.load(key)) !== undefined;
  },
  drafts: async ({ storage, retention, clock }) => {
    const { drafts } = referralFormStores(storage, clock, retention);
    const key = { tenantId: aTenantId, userId };
    await drafts.save(key, aStoredDraft(clock.now()), undefined);
    return async () => (await drafts.load(key)) !== undefined;
  },
  referrerProfiles: async ({ storage, retention, clock }) => {
    const { profiles } = referralFormStores(storage, clock, retention);
    const key = { tenantId: aTenantId, userId };
    await profiles.save(key, { role: 'Family worker', updatedAt: clock.now().toISOString() });
    return async () => (await profiles.load(key)) !== undefined;
  },
  receipts: async ({ storage, retention, clock }) => {
    const { receipts } = referralFormStores(storage, clock, retention);
    const at = clock.now().toISOString();
    await receipts.save({
      schemaVersion: 1,
      tenantId: aTenantId,
      referralId: 'r-1',
      conversationId: 'c-1',
      activityId: 'a-1',
      reference: {},
      shownStatus: 'queued',
      createdAt: at,
      updatedAt: at,
    });
    return async () => (await receipts.find(aTenantId, 'r-1')) !== undefined;
  },
  conversations: async ({ storage, retention, clock }) => {
    const directory = new StoredConversationDirectory(
      storage.collection('conversations'),
      clock,
      retention.ttlFor('conversations'),
    );
    await directory.remember({
      tenantId: aTenantId,
      conversationId: 'c-1',
      kind: 'personal',
      userObjectId: userId,
      reference: {},
    });
    return async () => (await directory.find(aTenantId, 'c-1')) !== undefined;
  },
  confidenceAnswers: async ({ storage, retention, clock }) => {
    // Read straight from the store: the store's TTL is what deletes them (the repository's own
    // reads also leave out answers past the period, tested in test/unit/outcomes).
    const store = storage.collection<ConfidenceAnswer>('outcomes');
    const log = new ConfidenceAnswers(
      store,
      clock,
      testRespondents,
      retention.ttlFor('confidenceAnswers'),
    );
    await log.record(aTenantId, userId, aCheckIn({ 'confidence-engage': undefined }));
    return async () => (await store.listPartition(aTenantId)).length === 1;
  },
  quizAnswers: async ({ storage, retention, clock }) => {
    const store = storage.collection<QuizAnswer>('outcomes');
    const answers = new QuizAnswers(store, clock, testRespondents, retention.ttlFor('quizAnswers'));
    await answers.record(aTenantId, userId, aQuizNudge(), {
      quizId: 'just-a-row',
      choice: 'b',
      correct: true,
    });
    return async () => (await store.listPartition(quizAnswerPartition(aTenantId))).length === 1;
  },
  auditRecords: async ({ storage, tenants, clock }) => {
    // The audit record a referral leaves once its body is purged: kept for the audit period.
    const stores = referralStoresFrom(storage);
    const logger = capturedLogger().logger;
    const harness = new DeliveryHarness({ stores, clock, logger });
    const worker = harness.workerWithRetention(
      new ScriptedPartnership(accepted('A-1')),
      retentionFromTenants(tenants, 1 * day),
    );
    const id = await harness.submit();
    await worker.runOnce();
    clock.advance(1 * day);
    assert.equal((await worker.purgeOnce()).purged, 1);
    return async () => (await stores.referrals.read({ partitionKey: aTenantId, id })) !== undefined;
  },
};

async function keptFor(
  record: RetainedRecord,
  write: Writer,
  days: number | undefined,
): Promise<void> {
  const w = world();
  if (days !== undefined) {
    await w.settings.save(aTenantId, { contacts: {}, retention: { [record]: days } });
  }
  const present = await write(w);
  const expected = days ?? defaultRetentionDays[record];
  w.clock.advance(expected * day - 60_000);
  assert.ok(await present(), `${record}: still kept a minute before ${expected} days`);
  w.clock.advance(60_000);
  assert.equal(await present(), false, `${record}: gone after ${expected} days`);
}

describe('retention for every record', function () {
  for (const [record, write] of Object.entries(writers) as Array<[RetainedRecord, Writer]>) {
    it(`${record}: deleted by the store after the council's period, or the default`, async function () {
      await keptFor(record, write, 3);
      await keptFor(record, write, undefined);
    });
  }

  it('every record with a repository has a writer here (nudge deliveries do not exist yet)', function () {
    const untested = retainedRecords.filter((r) => !(r in writers));
    // Referral bodies are purged by the delivery worker (test/unit/referrals/deliveryWorker.test.ts).
    assert.deepEqual([...untested].sort(), ['nudgeDeliveries', 'referralBodies']);
  });

  describe('settings', function () {
    async function refusal(settings: unknown): Promise<ZodError> {
      const { settings: stored } = world();
      const err = await stored.save(aTenantId, settings).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof ZodError, 'refused by the schema');
      return err;
    }

    it('accepts any subset of the records, each 1 to 3650 days', async function () {
      const { settings, retention } = world();
      await settings.save(aTenantId, {
        contacts: {},
        retention: { sessions: 1, auditRecords: 3650, confidenceAnswers: 365 },
      });
      const all = await retention.allFor(aTenantId);
      assert.equal(all.sessions, 1);
      assert.equal(all.auditRecords, 3650);
      assert.equal(all.confidenceAnswers, 365);
      assert.equal(all.drafts, defaultRetentionDays.drafts, 'unset: the default');
    });

    for (const [days, message] of [
      [0, /at least 1 day/],
      [3651, /at most 3650/],
      [1.5, /whole number/],
      ['30', /whole number/],
    ] as const) {
      it(`refuses ${JSON.stringify(days)} days with a message naming the record`, async function () {
        const err = await refusal({ contacts: {}, retention: { sessions: days } });
        assert.deepEqual(err.issues[0]?.path, ['retention', 'sessions']);
        assert.match(err.issues[0]?.message ?? '', message);
      });
    }

    it('refuses an unknown record', async function () {
      const err = await refusal({ contacts: {}, retention: { chats: 5 } });
      assert.deepEqual(err.issues[0]?.path, ['retention']);
    });

    it('refuses referralRetentionDays and retention.referralBodies together', async function () {
      const err = await refusal({
        contacts: {},
        referralRetentionDays: 10,
        retention: { referralBodies: 20 },
      });
      assert.match(err.issues[0]?.message ?? '', /not both/);
    });

    it('reads referralRetentionDays as the referral body period', async function () {
      const { settings, retention, tenants } = world();
      await settings.save(aTenantId, { contacts: {}, referralRetentionDays: 12 });
      assert.equal(await retention.daysFor(aTenantId, 'referralBodies'), 12);
      assert.equal(await tenants.referralRetentionMsFor(aTenantId), 12 * day);
      const other = '00000000-0000-4000-8000-00000000bbbb';
      await settings.save(other, { contacts: {}, retention: { referralBodies: 40 } });
      assert.equal(await tenants.referralRetentionMsFor(other), 40 * day);
    });

    it('takes the deployment default for referral bodies (REFERRAL_RETENTION_DAYS)', async function () {
      const { tenants } = world();
      const retention = new RecordRetention(tenants, { referralBodies: 45 });
      assert.equal(await retention.daysFor(aTenantId, 'referralBodies'), 45);
    });
  });
});
