import assert from 'node:assert/strict';
import { DataProtectionAdmin } from '../../../src/admin/dataProtectionAdmin';
import { runDataCommand, UsageError } from '../../../src/admin/dataCommands';
import { DeliveryWorker } from '../../../src/referrals/delivery/deliveryWorker';
import type { PartnershipClient } from '../../../src/referrals/delivery/ports';
import { runTurn } from '../../support/botHarness';
import { aCardAction, fakeTenantId, fakeUser } from '../../support/builders';
import {
  accepted,
  rejected,
  ScriptedPartnership,
  seededRandom,
} from '../../support/referrals/deliveryFakes';
import { fillEveryStep } from '../../support/referrals/formAnswers';
import { aReferralHarness } from '../../support/referrals/formHarness';

const adminId = '00000000-0000-4000-8000-00000000ad01';
const day = 24 * 3_600_000;

async function aSentReferral(client: PartnershipClient) {
  const h = aReferralHarness();
  await h.user.say('refer');
  await fillEveryStep(h.user);
  await h.user.press('Send the referral');
  const [stored] = await h.deps.stores.referrals.listPartition(fakeTenantId);
  assert.ok(stored);
  await new DeliveryWorker({
    stores: h.deps.stores,
    client,
    clock: h.clock,
    logger: h.logs.logger,
    random: seededRandom(1),
  }).runOnce();
  const admin = new DataProtectionAdmin({ storage: h.storage, clock: h.clock });
  return { h, referralId: stored.id, admin };
}

describe("access trail of a referral's body", () => {
  it('a status check on the receipt is recorded: who, when, what; nothing for someone else', async () => {
    const { h, referralId, admin } = await aSentReferral(new ScriptedPartnership(accepted('A-1')));
    assert.deepEqual(await admin.accessTrail(fakeTenantId, referralId), [], 'delivery leaves none');

    await runTurn(h.adapter, aCardAction('referral.status', { referralId }));
    await runTurn(h.adapter, {
      ...aCardAction('referral.status', { referralId }),
      from: { id: '29:other', aadObjectId: '00000000-0000-4000-8000-0000000000f2', name: 'Other' },
    });
    const trail = await admin.accessTrail(fakeTenantId, referralId);
    assert.deepEqual(trail, [
      {
        kind: 'access',
        tenantId: fakeTenantId,
        referralId,
        actor: fakeUser.aadObjectId,
        actorRole: 'referrer',
        action: 'receipt-viewed',
        at: h.clock.now().toISOString(),
      },
    ]);
  });

  it('opening a returned referral to correct it is recorded', async () => {
    const { h, referralId, admin } = await aSentReferral(
      new ScriptedPartnership(rejected({ 'father.phone': 'We cannot call this number.' })),
    );
    await runTurn(h.adapter, aCardAction('referral.correct', { referralId }));
    const trail = await admin.accessTrail(fakeTenantId, referralId);
    assert.deepEqual(
      trail.map((e) => [e.action, e.actor]),
      [['corrections-opened', fakeUser.aadObjectId]],
    );
  });

  it('an admin export returns the record and is recorded; the admin tool lists the trail', async () => {
    const { h, referralId, admin } = await aSentReferral(new ScriptedPartnership(accepted('A-2')));
    await runTurn(h.adapter, aCardAction('referral.status', { referralId }));
    h.clock.advance(60_000);
    const exported = (await runDataCommand(admin, 'export-referral', {
      tenant: fakeTenantId,
      referral: referralId,
      actor: adminId,
    })) as { body?: unknown; reference?: string };
    assert.equal(exported.reference, 'A-2');
    assert.ok(exported.body, 'the body, while it is held');

    const listed = (await runDataCommand(admin, 'access-trail', {
      tenant: fakeTenantId,
      referral: referralId,
    })) as Array<Record<string, unknown>>;
    assert.deepEqual(
      listed.map((e) => [e.action, e.actorRole, e.actor]),
      [
        ['receipt-viewed', 'referrer', fakeUser.aadObjectId],
        ['admin-export', 'admin', adminId],
      ],
      'oldest first',
    );
    const text = JSON.stringify(listed);
    for (const personal of ['Sam Testperson', '07700 900 123', 'ZZ1 1ZZ']) {
      assert.ok(!text.includes(personal), 'the trail holds no content');
    }
  });

  it('is kept for the council’s audit period, then deleted by the store', async () => {
    const { h, referralId, admin } = await aSentReferral(new ScriptedPartnership(accepted('A-3')));
    await h.setRetention({ auditRecords: 10 });
    await runTurn(h.adapter, aCardAction('referral.status', { referralId }));
    h.clock.advance(10 * day - 1_000);
    assert.equal((await admin.accessTrail(fakeTenantId, referralId)).length, 1);
    h.clock.advance(1_000);
    assert.equal((await admin.accessTrail(fakeTenantId, referralId)).length, 0);
  });

  it('refuses a command line without who runs it, or with a bad id', async () => {
    await assert.rejects(
      runDataCommand(admin0(), 'export-referral', { tenant: fakeTenantId, referral: 'r' }),
      (err: unknown) => err instanceof UsageError && /--actor is required/.test(err.message),
    );
    await assert.rejects(
      runDataCommand(admin0(), 'access-trail', { tenant: 'x', referral: 'r' }),
      (err: unknown) => err instanceof UsageError && /--tenant must be a GUID/.test(err.message),
    );
    await assert.rejects(runDataCommand(admin0(), 'nonsense', {}), UsageError);
  });
});

function admin0(): DataProtectionAdmin {
  const h = aReferralHarness();
  return new DataProtectionAdmin({ storage: h.storage, clock: h.clock });
}
