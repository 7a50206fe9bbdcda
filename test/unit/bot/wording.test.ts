import assert from 'node:assert/strict';
import { ActivityTypes, type Activity } from 'botbuilder';
import { wordingSearchCommandId } from '../../../src/bot/messageExtension';
import { situationIds } from '../../../src/content/wording/schema';
import { aMessage } from '../../support/builders';
import { aBotHarness, buttonsOf, runTurn, textsOf, verbsOf } from '../../support/botHarness';
import { CardUser } from '../../support/cardUser';

function aPractitioner() {
  const harness = aBotHarness();
  return { ...harness, user: new CardUser(harness.adapter) };
}

function aSearchQuery(
  query: string | undefined,
  commandId = wordingSearchCommandId,
): Partial<Activity> {
  return {
    ...aMessage(''),
    type: ActivityTypes.Invoke,
    name: 'composeExtension/query',
    text: undefined,
    value: {
      commandId,
      parameters:
        query === undefined
          ? [{ name: 'initialRun', value: 'true' }]
          : [{ name: 'query', value: query }],
      queryOptions: { skip: 0, count: 25 },
    },
  };
}

interface ExtensionResult {
  composeExtension: {
    type: string;
    attachments?: Array<{
      contentType: string;
      content: Record<string, unknown>;
      preview?: { contentType: string; content: { title: string } };
    }>;
  };
}

async function search(
  adapter: ReturnType<typeof aBotHarness>['adapter'],
  activity: Partial<Activity>,
): Promise<ExtensionResult> {
  const replies = await runTurn(adapter, activity);
  const response = replies.at(-1);
  assert.equal(response?.type, ActivityTypes.InvokeResponse);
  const value = response?.value as { status: number; body: ExtensionResult };
  assert.equal(value.status, 200);
  return value.body;
}

describe('wording library turns', () => {
  it('browses from the welcome card: menu → situation → next phrasing → show me why, all in place', async () => {
    const { user } = aPractitioner();
    await user.say('hi');
    await user.press('Find wording');
    assert.equal(
      verbsOf(user.card).filter((v) => v === 'wording.situation').length,
      situationIds.length,
      'every situation',
    );
    await user.press(/minimis/i);
    assert.match(user.text(), /Phrasing 1 of \d/);
    await user.press('Next');
    assert.match(user.text(), /Phrasing 2 of \d/);
    const before = user.text();
    await user.press('Show me why');
    assert.ok(user.text().length > before.length, 'the why and what to avoid appear');
    assert.ok(verbsOf(user.card).includes('wording.why'));
  });

  it('answers what happened with the best situation and says why it matched', async () => {
    const { user } = aPractitioner();
    await user.say('he keeps saying it was only a push');
    assert.match(user.text(), /play|minimis/i);
    assert.match(user.text(), /match/i, 'the card says which situation matched');
    assert.ok(
      !user.text().includes('he keeps saying it was only a push'),
      'the typed text is not echoed',
    );
  });

  it('offers the situations menu when a description matches nothing well, never an empty card', async () => {
    const { user } = aPractitioner();
    await user.say('not sure how it went with him');
    const verbs = verbsOf(user.card);
    assert.ok(
      verbs.includes('wording.situation') || verbs.includes('wording.browse'),
      'a menu to pick from',
    );
  });

  it('counts helpful / not helpful per phrasing with no user identity, and thanks the user', async () => {
    const { user, storage } = aPractitioner();
    await user.say('wording');
    await user.press(/denies/i);
    await user.press('Helpful');
    assert.match(user.text(), /Thank you/);
    assert.ok(
      !verbsOf(user.card).includes('wording.feedback'),
      'no second vote from the same card',
    );
    const stored = JSON.stringify(await storage.collection('feedback').listPartition('denies'));
    assert.match(stored, /"helpful":1/);
    assert.ok(
      !stored.includes('fake-user') && !stored.includes('0000000000f1'),
      'no user identity stored',
    );
  });

  it('"Not helpful" asks one optional follow-up, what was missing, and stores the answer without identity', async () => {
    const { user, storage } = aPractitioner();
    await user.say('wording');
    await user.press(/denies/i);
    await user.press('Not helpful');
    assert.match(user.text(), /What was missing/);
    assert.match(user.text(), /optional/i);
    assert.ok(!verbsOf(user.card).includes('wording.feedback'), 'no second vote');

    await user.press('Send', { missing: 'too-long' });
    assert.match(user.text(), /Thank you/);
    assert.ok(!/What was missing/.test(user.text()), 'asked once');
    assert.ok(!verbsOf(user.card).includes('wording.missing'), 'nothing more to send');
    const stored = JSON.stringify(await storage.collection('feedback').listPartition('denies'));
    assert.match(stored, /"notHelpful":1/);
    assert.match(stored, /"too-long":1/);
    assert.ok(
      !stored.includes('fake-user') &&
        !stored.includes('0000000000f1') &&
        !stored.includes('00000000aaaa'),
      'no user or tenant identity stored',
    );
  });

  it('the follow-up can be left unanswered: Send with nothing ticked stores nothing more', async () => {
    const { user, storage } = aPractitioner();
    await user.say('wording');
    await user.press(/denies/i);
    await user.press('Not helpful');
    await user.press('Send');
    assert.match(user.text(), /Thank you/);
    const stored = JSON.stringify(await storage.collection('feedback').listPartition('denies'));
    assert.match(stored, /"notHelpful":1/);
    assert.ok(!/"missing":\{"/.test(stored), 'no reason counted');
  });

  it('opens wording from a walk-through step as a new message, keeping the step card', async () => {
    const { user } = aPractitioner();
    await user.say('prepare');
    await user.press(/It is safe/);
    const offer = buttonsOf(user.card).find((b) => b.verb === 'coaching.wording');
    assert.ok(offer, 'the open step offers wording');
    const stepText = user.text();

    await user.press(offer.title);
    assert.equal(user.newCards.length, 1, 'the wording card arrives as a new message');
    assert.match(textsOf(user.newCards[0]).join(' '), /Phrasing 1 of/);
    assert.equal(user.text(), stepText, 'the step card stays as it was');
  });
});

describe('wording message extension (composeExtension/query)', () => {
  it('answers a search with result cards, each with a thumbnail preview, best match first', async () => {
    const { adapter } = aBotHarness();
    const body = await search(adapter, aSearchQuery('he says she winds him up'));
    assert.equal(body.composeExtension.type, 'result');
    const attachments = body.composeExtension.attachments ?? [];
    assert.ok(attachments.length >= 1);
    for (const attachment of attachments) {
      assert.equal(attachment.contentType, 'application/vnd.microsoft.card.adaptive');
      assert.equal(attachment.preview?.contentType, 'application/vnd.microsoft.card.thumbnail');
      assert.deepEqual(verbsOf(attachment.content), [], 'no buttons on cards posted into chats');
    }
    assert.match(attachments[0]?.preview?.content.title ?? '', /blame/i);
  });

  it('lists every situation on the initial run (empty query)', async () => {
    const { adapter } = aBotHarness();
    const body = await search(adapter, aSearchQuery(undefined));
    assert.equal(body.composeExtension.attachments?.length, 10);
  });

  it('answers an unknown command id plainly instead of failing', async () => {
    const { adapter } = aBotHarness();
    const body = await search(adapter, aSearchQuery('anything', 'somethingElse'));
    assert.equal(body.composeExtension.type, 'message');
  });
});
