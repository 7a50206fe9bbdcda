import assert from 'node:assert/strict';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { turnErrorHandler } from '../../../src/bot/adapter';
import { wordingSearchCommandId } from '../../../src/bot/messageExtension';
import { composeBot } from '../../../src/composition';
import type { DocumentStore, Storage } from '../../../src/kernel/documentStore';
import { SafetyContacts } from '../../../src/safety';
import { genericLocalContacts, type LocalContacts } from '../../../src/tenants/localContacts';
import { aCardAction, aConfig, aMessage } from '../../support/builders';
import { capturedLogger } from '../../support/capturedLogs';
import { cardOf, runTurn, textsOf, verbsOf } from '../../support/botHarness';

/** A store where every operation fails, as when Cosmos is down or refusing every request. */
class BrokenStorage implements Storage {
  calls = 0;
  collection<T>(): DocumentStore<T> {
    const fail = () => {
      this.calls += 1;
      return Promise.reject(new Error('storage unavailable'));
    };
    return {
      read: fail,
      create: fail,
      replace: fail,
      upsert: fail,
      delete: fail,
      listPartition: fail,
    };
  }
  ping = () => Promise.reject(new Error('storage unavailable'));
  close = () => Promise.resolve();
}

function aBotOnBrokenStorage() {
  const logs = capturedLogger();
  const storage = new BrokenStorage();
  const clock = { now: () => new Date('2026-12-04T10:00:00Z') };
  const composed = composeBot(aConfig(), { logger: logs.logger, storage, clock });
  const adapter = new TestAdapter((turn) => composed.bot.run(turn));
  composed.middleware.forEach((m) => adapter.use(m));
  adapter.onTurnError = turnErrorHandler(logs.logger.child({ component: 'adapter' }));
  return { adapter, storage, logs };
}

const cards = (replies: Array<Partial<Activity>>) => replies.flatMap((r) => cardOf(r) ?? []);

describe('safety first, whatever storage does', () => {
  it('typed danger gets the safety card with the generic routes when every storage call fails', async () => {
    const { adapter, storage } = aBotOnBrokenStorage();
    const replies = await runTurn(adapter, aMessage('he said he would kill her if she left'));
    const [card] = cards(replies);
    const text = textsOf(card).join('\n');
    assert.match(text, /999/);
    assert.ok(text.includes(genericLocalContacts.mashName), 'the generic children’s route');
    assert.ok(!verbsOf(card).includes('coaching.resume'), 'no way back without a session');
    assert.ok(storage.calls > 0, 'storage was tried and failed');
  });

  it('a danger note on a coaching card raises the card before the session is read', async () => {
    const { adapter } = aBotOnBrokenStorage();
    const replies = await runTurn(
      adapter,
      aCardAction('coaching.next', {
        revision: 3,
        stepId: 'explore',
        note: 'she said he put his hands round her neck',
      }),
    );
    const safety = cards(replies).find((c) => /999/.test(textsOf(c).join(' ')));
    assert.ok(safety, 'the safety card is sent even though the turn then fails');
    assert.match(textsOf(safety).join(' '), /hands round her neck|neck/);
  });

  it('the compose-box search lists a routes-only safety result first, without the typed words', async () => {
    const { adapter } = aBotOnBrokenStorage();
    const query = 'dad grabbed the 3yo by the arm and threw him out of the room';
    const replies = await runTurn(adapter, {
      ...aMessage(''),
      type: ActivityTypes.Invoke,
      name: 'composeExtension/query',
      text: undefined,
      value: { commandId: wordingSearchCommandId, parameters: [{ name: 'query', value: query }] },
    });
    const body = (
      replies.at(-1)?.value as { body: { composeExtension: { attachments: unknown[] } } }
    ).body;
    const [first] = body.composeExtension.attachments as Array<{ content: unknown }>;
    const text = textsOf(first?.content).join('\n');
    assert.match(text, /safeguarding|MASH/);
    for (const typed of ['grabbed', '3yo', 'threw', 'arm'])
      assert.doesNotMatch(text, new RegExp(`\\b${typed}\\b`), typed);
  });
});

describe('council contacts for the safety card', () => {
  const council: LocalContacts = { ...genericLocalContacts, mashName: 'Northtown MASH' };

  it('uses the contacts read last time when storage then fails', async () => {
    let fail = false;
    const contacts = new SafetyContacts({
      contactsFor: () => (fail ? Promise.reject(new Error('down')) : Promise.resolve(council)),
    });
    assert.equal((await contacts.contactsFor('t1')).mashName, 'Northtown MASH');
    fail = true;
    assert.equal((await contacts.contactsFor('t1')).mashName, 'Northtown MASH');
  });

  it('falls back to the generic routes when storage fails or does not answer', async () => {
    const failing = new SafetyContacts({ contactsFor: () => Promise.reject(new Error('down')) });
    assert.deepEqual(await failing.contactsFor('t1'), genericLocalContacts);
    const hanging = new SafetyContacts({ contactsFor: () => new Promise(() => undefined) }, 5);
    assert.deepEqual(await hanging.contactsFor('t1'), genericLocalContacts);
  });
});
