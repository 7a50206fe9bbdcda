import assert from 'node:assert/strict';
import {
  aBotHarness,
  buttonsOf,
  runTurn,
  textsOf,
  verbsOf,
  cardOf,
  invokeCardOf,
} from '../../support/botHarness';
import { aCardAction, aConfig, aMessage, anInstall, fakeTenantId } from '../../support/builders';

const appId = '00000000-0000-4000-8000-0000000000b0';
const shared = ['groupChat', 'channel'] as const;

function aSharedChat(conversationType: (typeof shared)[number]) {
  const harness = aBotHarness({
    config: aConfig({ MicrosoftAppId: appId, MicrosoftAppPassword: 'x' }),
  });
  const options = { conversationType, conversationId: `19:fake-${conversationType}@thread.v2` };
  return {
    ...harness,
    say: async (text: string) => {
      const replies = await runTurn(harness.adapter, aMessage(text, options));
      return replies
        .map(cardOf)
        .filter((c) => c !== undefined)
        .at(-1);
    },
    press: async (verb: string, data: Record<string, unknown> = {}) => {
      const replies = await runTurn(harness.adapter, aCardAction(verb, data, options));
      return invokeCardOf(replies.at(-1) ?? {});
    },
    /** Everything stored about people or families (conversation references aside). */
    stored: async () =>
      JSON.stringify(
        await Promise.all(
          ['sessions', 'referrals', 'drafts', 'outcomes'].map((c) =>
            harness.storage
              .collection(c as 'sessions')
              .listPartition(fakeTenantId)
              .catch(() => []),
          ),
        ),
      ),
  };
}

function opensPersonalChat(card: unknown): void {
  const link = JSON.stringify(card).match(
    /https:\/\/teams\.microsoft\.com\/l\/chat\/0\/0\?users=28:([0-9a-f-]+)/,
  );
  assert.ok(link, 'a deep link to the bot’s personal chat');
  assert.equal(link[1], appId, 'made from the app id in the settings');
  assert.match(textsOf(card).join(' '), /personal chat/i);
  assert.match(textsOf(card).join(' '), /family|families/i, 'and says why');
}

describe('private flows stay private: coaching and referrals in shared chats', () => {
  for (const kind of shared) {
    describe(kind, () => {
      for (const command of ['prepare', 'debrief', 'refer']) {
        it(`"${command}" answers with a card that opens the personal chat, and stores nothing`, async () => {
          const chat = aSharedChat(kind);
          const card = await chat.say(command);
          opensPersonalChat(card);
          assert.ok(!verbsOf(card).some((v) => /^(coaching|referral)\./.test(v)));
          assert.equal(await chat.stored(), '[[],[],[],[]]');
        });
      }

      it('a coaching button pressed with typed notes is refused and nothing typed is stored or shown', async () => {
        const chat = aSharedChat(kind);
        const card = await chat.press('coaching.next', {
          revision: 1,
          stepId: 'debrief.open',
          note: 'Fakename said the baby cries all night',
        });
        opensPersonalChat(card);
        assert.ok(!JSON.stringify(card).includes('Fakename'));
        assert.equal(await chat.stored(), '[[],[],[],[]]');
      });

      it('a referral button is refused the same way', async () => {
        const chat = aSharedChat(kind);
        opensPersonalChat(await chat.press('referral.start', {}));
        assert.equal(await chat.stored(), '[[],[],[],[]]');
      });

      it('wording keeps working', async () => {
        const chat = aSharedChat(kind);
        const card = await chat.say('wording');
        assert.ok(verbsOf(card).includes('wording.situation'));
      });

      it('the welcome card shows only what is allowed here', async () => {
        const chat = aSharedChat(kind);
        for (const card of [await chat.say('hi'), await chat.say('stop')]) {
          const verbs = verbsOf(card);
          assert.ok(verbs.includes('wording.browse'), 'wording');
          assert.ok(
            !verbs.some((v) => /^(coaching|referral)\./.test(v)),
            'no coaching or referral',
          );
          assert.ok(!/carry on/i.test(textsOf(card).join(' ')), 'no resume offer');
          opensPersonalChat(card);
        }
        const replies = await runTurn(chat.adapter, anInstall({ conversationType: kind }));
        const installed = replies.map(cardOf).find((c) => c !== undefined);
        assert.ok(!verbsOf(installed).some((v) => /^(coaching|referral)\./.test(v)));
        assert.ok(buttonsOf(installed).length > 0);
      });
    });
  }
});
