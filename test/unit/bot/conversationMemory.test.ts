import assert from 'node:assert/strict';
import { aMessage, fakeTenantId, fakeUser } from '../../support/builders';
import { aBotHarness } from '../../support/botHarness';

describe('conversation memory', () => {
  it('stores a minimal reference per conversation, partitioned by tenant, without display names', async () => {
    const { adapter, conversations } = aBotHarness();
    await adapter.send(aMessage('hi')).assertReply(() => undefined);
    await adapter.send(aMessage('help')).assertReply(() => undefined);
    await adapter
      .send(
        aMessage('hi', {
          conversationType: 'channel',
          conversationId: '19:fake-channel@thread.tacv2',
        }),
      )
      .assertReply(() => undefined);

    const stored = await conversations.listForTenant(fakeTenantId);
    assert.equal(stored.length, 2, 'one document per conversation, updated in place');
    const personal = stored.find((c) => c.kind === 'personal');
    assert.equal(personal?.userObjectId, fakeUser.aadObjectId);
    assert.equal(stored.find((c) => c.kind === 'channel')?.userObjectId, undefined);
    assert.ok(!JSON.stringify(stored).includes(fakeUser.name), 'display names are not stored');
    const reference = personal?.reference as {
      serviceUrl?: string;
      conversation?: { id?: string };
    };
    assert.equal(reference.serviceUrl, 'https://smba.example.test/emea/');
    assert.equal(reference.conversation?.id, 'a:fake-personal-conversation');
  });
});
