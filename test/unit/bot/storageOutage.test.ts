import assert from 'node:assert/strict';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { somethingWentWrong } from '../../../src/bot/actions/welcomeActions';
import { turnErrorHandler } from '../../../src/bot/adapter';
import type { ContainerName, DocumentStore, StoredItem } from '../../../src/kernel/documentStore';
import { AppError, ErrorCodes } from '../../../src/kernel/errors';
import { aCardAction, aMessage } from '../../support/builders';
import { aBotHarness, cardOf, invokeCardOf, runTurn, textsOf } from '../../support/botHarness';
import { failingStorage } from '../../support/failingStorage';

/** Degraded, not broken: with storage down, every turn still answers in the form its client expects. */
describe('turns while storage is down', () => {
  it('still shows the help card, and remembering the conversation neither blocks nor fails it', async () => {
    const bot = aBotHarness({ storage: (memory) => failingStorage(memory) });
    const sent = await runTurn(bot.adapter, aMessage('help'));
    await bot.settled();
    const card = cardOf(sent.at(-1) ?? {});
    assert.ok(card, 'the help card, without the resume offer it could not look up');
    assert.ok(textsOf(card).includes('Prepare for a conversation'));
    const warnings = bot.logs
      .lines()
      .filter((l) => l.level === 40)
      .map((l) => l.msg);
    assert.ok(warnings.includes('conversation reference not saved'));
    assert.equal(bot.logs.lines().filter((l) => l.level === 50).length, 0, 'no turn failed');
  });

  it('does not wait for a conversation reference write that hangs', async () => {
    const bot = aBotHarness({
      storage: (memory) => ({
        ...memory,
        collection: <T>(name: ContainerName): DocumentStore<T> => {
          const store = memory.collection<T>(name);
          if (name !== 'conversations') return store;
          return { ...store, upsert: () => new Promise<StoredItem<T>>(() => undefined) };
        },
        close: () => memory.close(),
        ping: () => memory.ping(),
      }),
    });
    const sent = await runTurn(bot.adapter, aMessage('help'));
    assert.ok(cardOf(sent.at(-1) ?? {}), 'the help card arrived while the write still hangs');
  });

  it('answers a walk-through button with a card that says nothing was saved', async () => {
    const bot = aBotHarness({ storage: (memory) => failingStorage(memory) });
    const sent = await runTurn(bot.adapter, aCardAction('coaching.prepare'));
    const response = sent.at(-1);
    assert.equal(response?.type, ActivityTypes.InvokeResponse);
    assert.equal((response?.value as { status: number }).status, 200);
    const texts = textsOf(invokeCardOf(response ?? {}));
    assert.ok(texts.includes('Not saved'), texts.join(' | '));
    assert.ok(texts.some((t) => /was not saved/.test(t)));
  });

  it('offers the same press again on the "Not saved" card, with what was typed on the card', async () => {
    const bot = aBotHarness({ storage: (memory) => failingStorage(memory) });
    const data = { revision: 1, stepId: 'prepare-safe', note: 'Fake notes typed on the step' };
    const sent = await runTurn(bot.adapter, aCardAction('coaching.next', data));
    const card = invokeCardOf(sent.at(-1) ?? {}) as { actions?: Record<string, unknown>[] };
    const retry = card.actions?.find((a) => a.title === 'Try again');
    assert.ok(retry, 'a Try again button');
    assert.equal(retry.verb, 'coaching.next');
    assert.deepEqual(retry.data, data);
    assert.ok(
      card.actions?.some((a) => a.verb === 'welcome.show'),
      'and a way back to the menu',
    );
  });

  it('offers no retry for a button it does not know', async () => {
    const bot = aBotHarness({ storage: (memory) => failingStorage(memory) });
    const card = somethingWentWrong(bot.cards, new AppError(ErrorCodes.storeUnavailable, 'x'));
    const titles = ((card as { actions?: { title: string }[] }).actions ?? []).map((a) => a.title);
    assert.deepEqual(titles, ['Back to the menu']);
  });

  it('answers a referral button with a card too, when only the drafts are down', async () => {
    const bot = aBotHarness({ storage: (memory) => failingStorage(memory, ['drafts']) });
    const sent = await runTurn(bot.adapter, aCardAction('referral.start'));
    const texts = textsOf(invokeCardOf(sent.at(-1) ?? {}));
    assert.ok(texts.includes('Not saved'), texts.join(' | '));
  });

  it('turns a failure outside the handlers into a card for a button, never an empty 501', async () => {
    const bot = aBotHarness();
    const adapter = new TestAdapter(async () => {
      throw new AppError(ErrorCodes.storeUnavailable, 'Storage is down (test).');
    });
    adapter.onTurnError = turnErrorHandler(bot.logs.logger, (err) =>
      somethingWentWrong(bot.cards, err),
    );
    const button = await runTurn(adapter, aCardAction('coaching.next'));
    const buttonAnswer = button.at(-1) as Partial<Activity>;
    assert.equal(buttonAnswer.type, ActivityTypes.InvokeResponse);
    assert.equal((buttonAnswer.value as { status: number }).status, 200);
    assert.ok(textsOf(invokeCardOf(buttonAnswer)).includes('Not saved'));

    const search = await runTurn(adapter, {
      ...aCardAction('unused'),
      name: 'composeExtension/query',
      value: { commandId: 'searchWording', parameters: [] },
    });
    const searchAnswer = search.at(-1)?.value as {
      status: number;
      body: { composeExtension: { type: string; text: string } };
    };
    assert.equal(searchAnswer.status, 200);
    assert.equal(searchAnswer.body.composeExtension.type, 'message');
    assert.match(searchAnswer.body.composeExtension.text, /was not saved/);

    const message = await runTurn(adapter, aMessage('hello'));
    assert.match(String(message.at(-1)?.text), /was not saved/);
  });
});
