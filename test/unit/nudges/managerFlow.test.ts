import { strict as assert } from 'node:assert';
import { ActivityTypes, type Activity } from 'botbuilder';
import { StoredTenantDirectory, type TenantSettings } from '../../../src/tenants/tenantSettings';
import { TenantSettingsManagerDirectory } from '../../../src/managers/managerDirectory';
import {
  aBotHarness,
  buttonsOf,
  cardOf,
  invokeCardOf,
  runTurn,
  textsOf,
} from '../../support/botHarness';
import { aCardAction, aMessage, fakeTenantId, fakeUser } from '../../support/builders';

const teamId = '19:fake-team@thread.tacv2';

function inTeam(activity: Partial<Activity>): Partial<Activity> {
  return {
    ...activity,
    conversation: {
      id: `${teamId};messageid=1`,
      conversationType: 'channel',
      tenantId: fakeTenantId,
      isGroup: true,
      name: '',
    },
    channelData: { tenant: { id: fakeTenantId }, team: { id: teamId, name: 'Fake hub team' } },
  };
}

function botAdded(removed = false): Partial<Activity> {
  const base = inTeam(aMessage(''));
  const bot = { id: '28:fake-bot-id', name: 'DARE Coach' };
  return {
    ...base,
    type: ActivityTypes.ConversationUpdate,
    text: undefined,
    ...(removed ? { membersRemoved: [bot] } : { membersAdded: [bot] }),
  };
}

async function withManager(isManager: boolean) {
  const harness = aBotHarness();
  if (isManager) {
    await new StoredTenantDirectory(harness.storage.collection<TenantSettings>('tenants')).save(
      fakeTenantId,
      { contacts: {}, managers: [fakeUser.aadObjectId.toUpperCase()] },
    );
  }
  return harness;
}

describe('managers and their refreshers (bot)', function () {
  it('reads managers from tenant settings, ignoring case', async function () {
    const { storage } = await withManager(true);
    const directory = new TenantSettingsManagerDirectory(
      new StoredTenantDirectory(storage.collection<TenantSettings>('tenants')),
    );
    assert.equal(await directory.isManager(fakeTenantId, fakeUser.aadObjectId), true);
    assert.equal(
      await directory.isManager(fakeTenantId, '00000000-0000-4000-8000-0000000000f2'),
      false,
    );
  });

  it('records the team on install and forgets it on removal', async function () {
    const harness = await withManager(false);
    await runTurn(harness.adapter, botAdded());
    assert.deepEqual(
      (await harness.nudges.teams.listForTenant(fakeTenantId)).map((t) => [t.teamId, t.name]),
      [[teamId, 'Fake hub team']],
    );
    await runTurn(harness.adapter, botAdded(true));
    assert.deepEqual(await harness.nudges.teams.listForTenant(fakeTenantId), []);
  });

  it('tells a non-manager to ask their manager, typed or pressed', async function () {
    const harness = await withManager(false);
    const [typed] = await runTurn(harness.adapter, aMessage('nudges'));
    assert.match(
      textsOf(cardOf(typed!)).join(' '),
      /only team managers can send refreshers; ask your manager/i,
    );
    const pressed = await runTurn(
      harness.adapter,
      aCardAction('nudges.send', { audience: 'everyone', content: 'checkin' }),
    );
    assert.match(textsOf(invokeCardOf(pressed.at(-1)!)).join(' '), /ask your manager/i);
    assert.deepEqual(await harness.nudges.stores.nudges.listPartition(fakeTenantId), []);
  });

  it('lets a manager in the team channel send a tip to this team now and see its status', async function () {
    const harness = await withManager(true);
    const [reply] = await runTurn(harness.adapter, inTeam(aMessage('nudges')));
    const card = cardOf(reply!);
    assert.ok(textsOf(card).includes('This team'));
    const send = buttonsOf(card).find((b) => b.verb === 'nudges.send');
    assert.ok(send);
    const pressed = await runTurn(
      harness.adapter,
      inTeam(
        aCardAction('nudges.send', { audience: `team:${teamId}`, content: 'make-it-routine' }),
      ),
    );
    const status = invokeCardOf(pressed.at(-1)!);
    assert.match(textsOf(status).join(' '), /Refresher: Make the question routine/);
    const [nudge] = await harness.nudges.stores.nudges.listPartition(fakeTenantId);
    assert.deepEqual(nudge?.value.audience, { kind: 'team', teamId });
    const refresh = buttonsOf(status).find((b) => b.title === 'Refresh');
    assert.deepEqual(refresh?.data, { nudgeId: nudge?.value.nudgeId });
  });

  it('snoozes refreshers for four weeks from the button every refresher carries, and "refreshers on" ends it', async function () {
    const harness = await withManager(false);
    const pressed = await runTurn(harness.adapter, aCardAction('nudges.snooze', {}));
    const card = invokeCardOf(pressed.at(-1)!);
    assert.match(textsOf(card).join(' '), /Refreshers snoozed/);
    assert.match(textsOf(card).join(' '), /until \w+day \d{1,2} \w+; then they start again/);
    const [record] = await harness.nudges.stores.optOuts.listPartition(`optouts:${fakeTenantId}`);
    assert.ok(record?.value.until, 'stored with the time it ends');
    assert.ok(buttonsOf(card).some((b) => b.title === 'Refreshers on'));
    await runTurn(harness.adapter, aMessage('refreshers on'));
    assert.equal(
      (await harness.nudges.stores.optOuts.listPartition(`optouts:${fakeTenantId}`)).length,
      0,
    );
  });

  it('keeps "stop refreshers" apart from the chat\'s "stop"', async function () {
    const harness = await withManager(false);
    const [stopped] = await runTurn(harness.adapter, aMessage('Stop refreshers.'));
    assert.match(textsOf(cardOf(stopped!)).join(' '), /Refreshers stopped/);
    assert.equal(
      (await harness.nudges.stores.optOuts.listPartition(`optouts:${fakeTenantId}`)).length,
      1,
    );
    const [stop] = await runTurn(harness.adapter, aMessage('stop'));
    assert.doesNotMatch(textsOf(cardOf(stop!)).join(' '), /Refreshers/);
    const [on] = await runTurn(harness.adapter, aMessage('refreshers on'));
    assert.match(textsOf(cardOf(on!)).join(' '), /Refreshers on/);
    assert.equal(
      (await harness.nudges.stores.optOuts.listPartition(`optouts:${fakeTenantId}`)).length,
      0,
    );
  });
});
