import { strict as assert } from 'node:assert';
import { DataProtectionAdmin } from '../../../src/admin/dataProtectionAdmin';
import { runDataCommand, UsageError } from '../../../src/admin/dataCommands';
import type { ErasureReport, PractitionerExport } from '../../../src/admin/subjectRequests';
import { DocumentStoreSessionRepository } from '../../../src/coaching/sessionRepository';
import { StoredConversationDirectory } from '../../../src/conversations/conversationDirectory';
import type { Storage } from '../../../src/kernel/documentStore';
import { ConfidenceAnswers } from '../../../src/outcomes/confidenceAnswers';
import { referralFormStores } from '../../../src/referrals/form';
import type { ReferralRecord } from '../../../src/referrals/records/referralRecord';
import { referralStoresFrom } from '../../../src/referrals/records/referralStores';
import { submitReferral } from '../../../src/referrals/delivery/submitReferral';
import { capturedLogger } from '../../support/capturedLogs';
import { aStoredDraft, aStoredSession } from '../../support/personalRecords';
import { accepted, ManualClock, ScriptedPartnership } from '../../support/referrals/deliveryFakes';
import { DeliveryHarness } from '../../support/referrals/deliveryHarness';
import { aReferralInput, aReferrerId, aTenantId } from '../../support/referrals/referralBuilders';
import { aCheckIn, testRespondents } from '../../support/outcomes/builders';
import { cosmosFixture } from '../../support/storageFixtures';
import { QuizAnswers } from '../../../src/nudges/quizzes/quizAnswers';
import { fixedTtl } from '../../../src/tenants/retention';
import { aQuizNudge } from '../../support/nudges/quizBuilders';

const practitioner = aReferrerId;
const colleague = '00000000-0000-4000-8000-0000000000f2';
const adminId = '00000000-0000-4000-8000-00000000ad01';
const tenant = aTenantId;

/** Two practitioners' data in one council, written by the app's own repositories. */
async function aCouncil(storage: Storage, clock: ManualClock) {
  const now = clock.now().toISOString();
  const sessions = new DocumentStoreSessionRepository(storage.collection('sessions'));
  const form = referralFormStores(storage, clock);
  const conversations = new StoredConversationDirectory(storage.collection('conversations'), clock);
  const confidence = new ConfidenceAnswers(storage.collection('outcomes'), clock, testRespondents);
  const quizAnswers = new QuizAnswers(
    storage.collection('outcomes'),
    clock,
    testRespondents,
    fixedTtl('quizAnswers'),
  );
  for (const userId of [practitioner, colleague]) {
    await sessions.save(
      { tenantId: tenant, userId },
      aStoredSession(clock.now(), 'He said it was her fault'),
      undefined,
    );
    await form.profiles.save({ tenantId: tenant, userId }, { team: 'North hub', updatedAt: now });
    await conversations.remember({
      tenantId: tenant,
      conversationId: `a:chat-${userId}`,
      kind: 'personal',
      userObjectId: userId,
      reference: { conversation: { id: `a:chat-${userId}` } },
    });
    await confidence.record(tenant, userId, aCheckIn());
    await quizAnswers.record(tenant, userId, aQuizNudge({ tenantId: tenant }), {
      quizId: 'just-a-row',
      choice: 'a',
      correct: false,
    });
  }
  await form.drafts.save(
    { tenantId: tenant, userId: practitioner },
    aStoredDraft(clock.now(), { 'father.name': 'Sam Testperson' }),
    undefined,
  );
  // The practitioner's referral, delivered: the partnership's reference is DPP-1.
  const stores = referralStoresFrom(storage);
  const logger = capturedLogger().logger;
  const harness = new DeliveryHarness({ stores, clock, logger });
  const referralId = await harness.submit();
  await harness.worker(new ScriptedPartnership(accepted('DPP-1'))).runOnce();
  await form.receipts.save({
    schemaVersion: 1,
    tenantId: tenant,
    referralId,
    conversationId: `a:chat-${practitioner}`,
    activityId: 'act-1',
    reference: {},
    shownStatus: 'sent',
    createdAt: now,
    updatedAt: now,
  });
  return { referralId, stores, form, sessions, conversations, confidence };
}

describe('subject requests (admin tool, real @azure/cosmos client, local Cosmos-protocol server)', function () {
  this.timeout(60_000);
  const fixture = cosmosFixture('subject');
  let storage: Storage;
  let clock: ManualClock;
  let admin: DataProtectionAdmin;

  before(() => fixture.before());
  after(() => fixture.after());
  beforeEach(async function () {
    clock = new ManualClock();
    storage = await fixture.open(clock);
    admin = new DataProtectionAdmin({ storage, clock, respondents: testRespondents });
  });
  afterEach(() => storage.close());

  const run = (command: string, values: Record<string, unknown>) =>
    runDataCommand(admin, command, { tenant, actor: adminId, ...values });

  it('exports everything held about one practitioner, and records the request without content', async function () {
    const { referralId } = await aCouncil(storage, clock);
    const exported = (await run('practitioner-export', {
      user: practitioner,
    })) as PractitionerExport;
    assert.equal(exported.userObjectId, practitioner);
    assert.ok(exported.session, 'their walk-through');
    assert.ok(exported.draft, 'their draft');
    assert.deepEqual((exported.referrerProfile as { team?: string }).team, 'North hub');
    assert.equal(exported.conversations.length, 1);
    assert.equal(exported.conversations[0]?.userObjectId, practitioner);
    assert.equal(exported.confidenceAnswers.length, 2, 'both answers of their check-in');
    assert.deepEqual(
      exported.quizAnswers.map((q) => [q.quizId, q.choice]),
      [['just-a-row', 'a']],
    );
    assert.deepEqual(
      exported.referralsMade.map((r) => [r.referralId, r.status, r.reference]),
      [[referralId, 'sent', 'DPP-1']],
    );
    assert.ok(exported.referralsMade[0]?.referrer, 'their own details as sent');
    assert.ok(!JSON.stringify(exported.referralsMade).includes('Sam Testperson'), 'not his data');
    assert.equal(exported.receipts.length, 1);

    const requests = (await run('subject-requests', {})) as Array<Record<string, unknown>>;
    assert.equal(requests.length, 1);
    assert.equal(requests[0]?.request, 'practitioner-export');
    assert.equal(requests[0]?.actor, adminId);
    assert.ok(
      !JSON.stringify(requests).includes(practitioner),
      'the subject only as a fingerprint',
    );
    const trail = (await run('access-trail', { referral: referralId })) as Array<{
      action: string;
    }>;
    assert.deepEqual(
      trail.map((e) => e.action),
      ['admin-export'],
    );
  });

  it("erases a practitioner's records; their referral stays, redacted on request; a colleague's data is untouched", async function () {
    const { referralId, stores } = await aCouncil(storage, clock);
    const report = (await run('practitioner-erase', {
      user: practitioner,
      'redact-referrer': true,
    })) as ErasureReport;
    assert.deepEqual(report.referralsKept, [referralId]);
    assert.deepEqual(report.referralsInDelivery, []);
    assert.equal(report.affected.sessions, 1);

    const after = (await run('practitioner-export', { user: practitioner })) as PractitionerExport;
    assert.equal(after.session, undefined);
    assert.equal(after.draft, undefined);
    assert.equal(after.referrerProfile, undefined);
    assert.deepEqual(after.conversations, []);
    assert.deepEqual(after.confidenceAnswers, []);
    assert.deepEqual(after.quizAnswers, []);
    assert.equal(report.affected.quizAnswers, 1);
    assert.deepEqual(after.referralsMade, [], 'no longer linked to them');
    assert.deepEqual(after.receipts, []);

    const colleagues = (await run('practitioner-export', {
      user: colleague,
    })) as PractitionerExport;
    assert.ok(colleagues.session && colleagues.referrerProfile);
    assert.equal(colleagues.conversations.length, 1);
    assert.equal(colleagues.confidenceAnswers.length, 2);
    assert.equal(colleagues.quizAnswers.length, 1);

    const kept = (await stores.referrals.read({ partitionKey: tenant, id: referralId }))?.value;
    assert.ok(kept?.body, "the council's record is kept");
    assert.equal(kept.referrerId, '[redacted]');
    assert.equal(kept.body.referrer.name, '[redacted]');
    assert.equal(kept.body.referrer.email, '[redacted]');
    assert.equal(kept.body.father.name, 'Sam Testperson', 'the referral itself stands');
    const trail = (await run('access-trail', { referral: referralId })) as Array<{
      action: string;
    }>;
    assert.deepEqual(
      trail.map((e) => e.action),
      ['referrer-redacted'],
    );
  });

  it("a father's or partner's request: referrals found by the partnership's reference, exported, and the body erased leaving the audit record", async function () {
    const { referralId, stores } = await aCouncil(storage, clock);
    const found = (await run('referral-find', { reference: 'DPP-1' })) as ReferralRecord[];
    assert.deepEqual(
      found.map((r) => r.id),
      [referralId],
    );
    assert.equal(found[0]?.body?.father.name, 'Sam Testperson');
    assert.deepEqual(await run('referral-find', { reference: 'DPP-404' }), []);

    clock.advance(60_000);
    assert.deepEqual(await run('referral-erase', { referral: referralId }), {
      referralId,
      outcome: 'erased',
    });
    const audit = (await stores.referrals.read({ partitionKey: tenant, id: referralId }))?.value;
    assert.ok(audit, 'the audit record is left');
    assert.equal(audit.body, undefined);
    assert.equal(audit.reference, 'DPP-1');
    assert.equal(audit.bodyPurgedAt, clock.now().toISOString());
    assert.match(audit.bodySha256, /^[0-9a-f]{64}$/);

    const trail = (await run('access-trail', { referral: referralId })) as Array<{
      action: string;
      actor: string;
    }>;
    assert.deepEqual(
      trail.map((e) => [e.action, e.actor]),
      [
        ['admin-export', adminId],
        ['body-erased', adminId],
      ],
    );
    const requests = (await run('subject-requests', {})) as Array<{
      request: string;
      referralIds: string[];
    }>;
    assert.deepEqual(
      requests.map((r) => r.request),
      ['referral-export', 'referral-export', 'referral-erase'],
    );
    assert.ok(!JSON.stringify(requests).includes('DPP-1'), 'the reference only as a fingerprint');
  });

  it('refuses to erase a referral still being delivered', async function () {
    const queued = await submitReferral(
      { stores: referralStoresFrom(storage), clock },
      { tenantId: tenant, referrerId: practitioner, input: aReferralInput() },
    );
    assert.ok(queued.ok);
    await assert.rejects(
      run('referral-erase', { referral: queued.referral.referralId }),
      (err: unknown) => err instanceof UsageError && /still being delivered/.test(err.message),
    );
  });
});
