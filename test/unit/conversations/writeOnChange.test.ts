import assert from 'node:assert/strict';
import {
  WriteOnChangeConversationDirectory,
  type ConversationDirectory,
  type RememberedConversation,
} from '../../../src/conversations/conversationDirectory';
import { AppError, ErrorCodes } from '../../../src/kernel/errors';

type Remembered = Omit<RememberedConversation, 'updatedAt'>;

/** A directory that keeps what it is told, and fails while `down` is set. */
function aRecordingDirectory() {
  const written: Remembered[] = [];
  const state = { down: false };
  const directory: ConversationDirectory = {
    async remember(conversation) {
      if (state.down) throw new AppError(ErrorCodes.storeUnavailable, 'down (test)');
      written.push(conversation);
    },
    find: async () => undefined,
    listForTenant: async () => [],
  };
  return { directory, written, state };
}

const aConversation = (serviceUrl: string, conversationId = 'a:fake-conversation'): Remembered => ({
  tenantId: 'fake-tenant',
  conversationId,
  kind: 'personal',
  reference: { serviceUrl, conversation: { id: conversationId } },
});

describe('writing conversation references only when they change', () => {
  const start = new Date('2026-11-23T10:00:00Z').getTime();

  it('skips an unchanged reference, writes a changed one, and refreshes after a while', async () => {
    const inner = aRecordingDirectory();
    let now = start;
    const directory = new WriteOnChangeConversationDirectory(
      inner.directory,
      { now: () => new Date(now) },
      { refreshMs: 60_000 },
    );
    await directory.remember(aConversation('https://smba.example.test/emea/'));
    await directory.remember(aConversation('https://smba.example.test/emea/'));
    assert.equal(inner.written.length, 1);
    await directory.remember(aConversation('https://smba.example.test/amer/'));
    assert.equal(inner.written.length, 2);
    now += 60_000;
    await directory.remember(aConversation('https://smba.example.test/amer/'));
    assert.equal(inner.written.length, 3);
  });

  it('tries again on the next turn when a write failed', async () => {
    const inner = aRecordingDirectory();
    const directory = new WriteOnChangeConversationDirectory(inner.directory, {
      now: () => new Date(start),
    });
    inner.state.down = true;
    await assert.rejects(directory.remember(aConversation('https://smba.example.test/emea/')));
    inner.state.down = false;
    await directory.remember(aConversation('https://smba.example.test/emea/'));
    assert.equal(inner.written.length, 1);
  });

  it('forgets the least recently written conversation first when full', async () => {
    const inner = aRecordingDirectory();
    const directory = new WriteOnChangeConversationDirectory(
      inner.directory,
      { now: () => new Date(start) },
      { maxConversations: 2 },
    );
    const url = 'https://smba.example.test/emea/';
    for (const id of ['a:one', 'a:two', 'a:three'])
      await directory.remember(aConversation(url, id));
    await directory.remember(aConversation(url, 'a:three'));
    assert.equal(inner.written.length, 3, 'a:three is still known');
    await directory.remember(aConversation(url, 'a:one'));
    assert.equal(inner.written.length, 4, 'a:one was forgotten, so it is written again');
  });
});
