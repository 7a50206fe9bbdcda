import assert from 'node:assert/strict';
import { ActivityTypes } from 'botbuilder';
import { tenantRefusalText } from '../../../src/bot/tenantGuard';
import { fingerprint } from '../../../src/kernel/hash';
import {
  aCardAction,
  aConfig,
  aMessage,
  fakeTenantId,
  otherTenantId,
} from '../../support/builders';
import { aBotHarness } from '../../support/botHarness';

describe('tenant allow-list', () => {
  const config = aConfig({
    ALLOWED_TENANT_IDS: `${fakeTenantId}, 00000000-0000-4000-8000-00000000cccc`,
  });

  it('serves an allowed tenant and remembers the conversation', async () => {
    const { adapter, conversations } = aBotHarness({ config });
    await adapter.send(aMessage('hi')).assertReply((reply) => assert.ok(reply.attachments?.length));
    assert.equal((await conversations.listForTenant(fakeTenantId)).length, 1);
  });

  it('refuses another tenant with one polite message, stores nothing, logs only a hash', async () => {
    const { adapter, conversations, logs } = aBotHarness({ config });
    await adapter
      .send(aMessage('hi', { tenantId: otherTenantId }))
      .assertReply(tenantRefusalText)
      .assertNoReply();
    assert.deepEqual(await conversations.listForTenant(otherTenantId), []);
    const refused = logs.lines().filter((l) => l.msg === 'tenant refused');
    assert.equal(refused.length, 1);
    assert.equal(refused[0]?.tenantHash, fingerprint(otherTenantId));
    assert.ok(!logs.text().includes(otherTenantId), 'the raw tenant id is never logged');
  });

  it('refuses a card action from another tenant with the refusal as the invoke response', async () => {
    const { adapter } = aBotHarness({ config });
    await adapter
      .send(aCardAction('welcome.show', {}, { tenantId: otherTenantId }))
      .assertReply((reply) => {
        assert.equal(reply.type, ActivityTypes.InvokeResponse);
        const value = reply.value as { status: number; body: { value: string } };
        assert.equal(value.status, 200);
        assert.equal(value.body.value, tenantRefusalText);
      });
  });

  it('refuses an activity with no tenant at all', async () => {
    const { adapter } = aBotHarness({ config });
    const noTenant = {
      ...aMessage('hi'),
      channelData: {},
      conversation: { id: 'x', isGroup: false, name: '', conversationType: 'personal' },
    };
    await adapter.send(noTenant).assertReply(tenantRefusalText);
  });

  it('allows every tenant when the list is unset (development)', async () => {
    const { adapter } = aBotHarness();
    await adapter
      .send(aMessage('hi', { tenantId: otherTenantId }))
      .assertReply((reply) => assert.ok(reply.attachments?.length));
  });
});

describe('only Teams, with a tenant and a user', () => {
  it('refuses an activity from another channel even with an allowed tenant, and stores nothing', async () => {
    const { adapter, conversations, logs } = aBotHarness();
    await adapter
      .send({ ...aMessage('hi'), channelId: 'webchat' })
      .assertReply(tenantRefusalText)
      .assertNoReply();
    assert.deepEqual(await conversations.listForTenant(fakeTenantId), []);
    assert.equal(
      logs.lines().find((l) => l.msg === 'tenant refused')?.reason,
      'not a Teams activity',
    );
  });

  it('refuses a Teams activity with no user rather than sharing an "unknown" user', async () => {
    const { adapter } = aBotHarness();
    const noUser = { ...aMessage('hi'), from: { id: '', name: '' } };
    await adapter.send(noUser).assertReply(tenantRefusalText);
  });

  it('refuses a Teams activity with no tenant even when every tenant is allowed', async () => {
    const { adapter } = aBotHarness();
    const noTenant = {
      ...aMessage('hi'),
      channelData: {},
      conversation: { id: 'x', isGroup: false, name: '', conversationType: 'personal' },
    };
    await adapter.send(noTenant).assertReply(tenantRefusalText);
  });
});
