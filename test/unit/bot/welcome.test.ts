import assert from 'node:assert/strict';
import { ActivityTypes } from 'botbuilder';
import { aCardAction, aMessage, anInstall } from '../../support/builders';
import {
  aBotHarness,
  cardOf,
  invokeCardOf,
  runTurn,
  textsOf,
  verbsOf,
} from '../../support/botHarness';

const mainVerbs = [
  'coaching.prepare',
  'coaching.debrief',
  'wording.browse',
  'referral.start',
  'outcomes.mine',
  'nudges.manage',
];

describe('welcome and help', () => {
  for (const text of ['hi', 'help', 'Hello there', '  HELP  ']) {
    it(`answers "${text.trim()}" with the welcome card and its main actions`, async () => {
      const { adapter } = aBotHarness();
      await adapter.send(aMessage(text)).assertReply((reply) => {
        const card = cardOf(reply);
        assert.ok(card, 'expected an Adaptive Card');
        assert.equal(card.version, '1.5');
        assert.deepEqual(verbsOf(card), mainVerbs);
        assert.ok(
          textsOf(card).some((t) => t.includes('999')),
          'the welcome card names 999',
        );
      });
    });
  }

  it('answers unknown text with the help card', async () => {
    const { adapter } = aBotHarness();
    await adapter.send(aMessage('what is the weather like')).assertReply((reply) => {
      assert.deepEqual(verbsOf(cardOf(reply)), mainVerbs);
    });
  });

  it('welcomes on install', async () => {
    const { adapter } = aBotHarness();
    await adapter.send(anInstall()).assertReply((reply) => {
      assert.deepEqual(verbsOf(cardOf(reply)), mainVerbs);
    });
  });

  it('tells someone who is not a manager to ask their manager, with a way back (no "coming soon")', async () => {
    const { adapter } = aBotHarness();
    await adapter.send(aCardAction('nudges.manage')).assertReply((reply) => {
      assert.equal(reply.type, ActivityTypes.InvokeResponse);
      const card = invokeCardOf(reply);
      assert.ok(card);
      const text = textsOf(card).join(' ');
      assert.match(text, /only team managers can send refreshers; ask your manager/i);
      assert.doesNotMatch(text, /coming soon/i);
      assert.deepEqual(verbsOf(card), ['welcome.show']);
    });
  });

  it('goes back to the menu in place from a notice card', async () => {
    const { adapter } = aBotHarness();
    await adapter.send(aCardAction('welcome.show')).assertReply((reply) => {
      assert.deepEqual(verbsOf(invokeCardOf(reply)), mainVerbs);
    });
  });

  it('answers an unknown or stale verb with a clear card, not a crash', async () => {
    const { adapter } = aBotHarness();
    for (const verb of ['no.such.verb', '__proto__', 'constructor', '']) {
      await adapter.send(aCardAction(verb)).assertReply((reply) => {
        const card = invokeCardOf(reply);
        assert.ok(card, `a card for verb "${verb}"`);
        assert.match(textsOf(card).join(' '), /out of date/i);
      });
    }
  });

  it('refuses card data that does not match the verb schema with a clear card', async () => {
    const { adapter } = aBotHarness();
    await adapter.send(aCardAction('welcome.show', 'not an object')).assertReply((reply) => {
      assert.match(textsOf(invokeCardOf(reply)).join(' '), /could not be read/i);
    });
  });
});

describe('install greeting', () => {
  it('greets once when Teams sends both installationUpdate and conversationUpdate', async () => {
    const { adapter } = aBotHarness();
    const membersAdded = {
      ...aMessage(''),
      type: ActivityTypes.ConversationUpdate,
      text: undefined,
      membersAdded: [{ id: '28:fake-bot-id', name: 'DARE Coach' }],
    };
    const replies = [
      ...(await runTurn(adapter, anInstall())),
      ...(await runTurn(adapter, membersAdded)),
    ];
    const cards = replies.map((r) => cardOf(r)).filter((c) => c !== undefined);
    assert.equal(cards.filter((c) => textsOf(c)[0] === 'DARE Coach').length, 1, 'one welcome');
    assert.equal(
      cards.filter((c) => verbsOf(c).includes('outcomes.confidence')).length,
      1,
      'and the baseline confidence check-in once, below it',
    );
  });
});
