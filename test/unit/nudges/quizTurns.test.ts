import { strict as assert } from 'node:assert';
import { nudgeKey } from '../../../src/nudges/stores';
import { quizAnswerPartition, type QuizAnswer } from '../../../src/nudges/quizzes/quizAnswers';
import { aBotHarness, buttonsOf, invokeCardOf, runTurn, textsOf } from '../../support/botHarness';
import { aCardAction, fakeTenantId, fakeUser } from '../../support/builders';
import { StoredTenantDirectory, type TenantSettings } from '../../../src/tenants/tenantSettings';
import { aQuizNudge } from '../../support/nudges/quizBuilders';
import { assertValidCard } from '../../support/adaptiveCards';

async function withQuizNudge() {
  const harness = aBotHarness();
  const nudge = aQuizNudge({ tenantId: fakeTenantId });
  await harness.nudges.stores.nudges.create(nudgeKey(fakeTenantId, nudge.nudgeId), nudge);
  const press = (choice: string, quizId = 'just-a-row', conversationId?: string) =>
    runTurn(
      harness.adapter,
      aCardAction(
        'nudges.quiz',
        { nudgeId: nudge.nudgeId, occurrence: nudge.occurrence, quizId, choice },
        conversationId ? { conversationId } : {},
      ),
    ).then((replies) => invokeCardOf(replies.at(-1)!));
  const stored = () =>
    harness.storage
      .collection<QuizAnswer>('outcomes')
      .listPartition(quizAnswerPartition(fakeTenantId));
  return { harness, nudge, press, stored };
}

describe('answering a quiz (bot turns)', function () {
  it('turns the card into the feedback on the reply chosen and the best reply', async function () {
    const { press, stored } = await withQuizNudge();
    const card = await press('a');
    assert.ok(card);
    assertValidCard(card, 'nudges-quiz-answered');
    const text = textsOf(card).join('\n');
    assert.match(text, /You chose A\./);
    assert.match(text, /accepts his softening words/, 'the feedback on A');
    assert.match(text, /The best reply is B\./);
    assert.match(text, /Best\. It asks about his behaviour/, 'the feedback on B');
    assert.match(text, /call 999/);
    const verbs = buttonsOf(card).map((b) => b.verb);
    assert.ok(verbs.includes('nudges.stop'), 'Stop refreshers');
    assert.ok(!verbs.includes('nudges.quiz'), 'nothing left to answer');
    const [answer] = await stored();
    assert.equal((await stored()).length, 1);
    const value = answer!.value;
    assert.deepEqual(
      { choice: value.choice, correct: value.correct, quizId: value.quizId },
      { choice: 'a', correct: false, quizId: 'just-a-row' },
    );
    assert.doesNotMatch(JSON.stringify(value), /0000000000f1|fake-user-id/, 'pseudonymous');
  });

  it('says so when the best reply was chosen, without repeating it', async function () {
    const { press } = await withQuizNudge();
    const text = textsOf(await press('b')).join('\n');
    assert.match(text, /You chose B, the best reply\./);
    assert.doesNotMatch(text, /The best reply is/);
  });

  it('is answered once: a second press, or a press on another device, shows the first answer and stores nothing', async function () {
    const { press, stored } = await withQuizNudge();
    await press('c');
    const again = textsOf(await press('b')).join('\n');
    assert.match(again, /You chose C \(already answered, so nothing changed\)\./);
    const otherDevice = textsOf(await press('a', 'just-a-row', 'a:another-device')).join('\n');
    assert.match(otherDevice, /You chose C/);
    assert.equal((await stored()).length, 1);
    assert.equal((await stored())[0]!.value.choice, 'c');
  });

  it('stores one answer when two presses race (two devices at once)', async function () {
    const { harness, nudge, stored } = await withQuizNudge();
    const record = (choice: 'a' | 'b') =>
      harness.confidence.quizAnswers.record(fakeTenantId, 'fake-user', nudge, {
        quizId: 'just-a-row',
        choice,
        correct: choice === 'b',
      });
    const outcomes = await Promise.all([record('a'), record('b')]);
    assert.equal((await stored()).length, 1);
    assert.deepEqual(outcomes.map((o) => o.outcome).sort(), ['already-answered', 'recorded']);
    assert.equal(outcomes[0].answer.choice, outcomes[1].answer.choice, 'both show the one answer');
  });

  it('refuses a quiz the pack does not have, or a nudge that is not on record, storing nothing', async function () {
    const { press, stored, harness } = await withQuizNudge();
    assert.match(textsOf(await press('a', 'no-such-quiz')).join(' '), /no longer on record/);
    const gone = await runTurn(
      harness.adapter,
      aCardAction('nudges.quiz', {
        nudgeId: '00000000-0000-4000-8000-00000000dead',
        occurrence: 'now',
        quizId: 'just-a-row',
        choice: 'a',
      }),
    );
    assert.match(textsOf(invokeCardOf(gone.at(-1)!)).join(' '), /no longer on record/);
    const bad = await runTurn(
      harness.adapter,
      aCardAction('nudges.quiz', {
        nudgeId: 'x',
        occurrence: 'now',
        quizId: 'just-a-row',
        choice: 'd',
      }),
    );
    assert.doesNotMatch(JSON.stringify(bad), /You chose/);
    assert.equal((await stored()).length, 0);
  });
});

describe('a manager sends a quiz and sees its report (bot turns)', function () {
  it('offers "a quiz" on the manage card, sends it now, and opens its report from the status card', async function () {
    const harness = aBotHarness();
    await new StoredTenantDirectory(harness.storage.collection<TenantSettings>('tenants')).save(
      fakeTenantId,
      { contacts: {}, managers: [fakeUser.aadObjectId] },
    );
    const manage = invokeCardOf(
      (await runTurn(harness.adapter, aCardAction('nudges.manage'))).at(-1)!,
    );
    assert.match(
      JSON.stringify(manage),
      /"title":"A quiz: a two-minute scenario, chosen for each person","value":"quiz"/,
    );
    const sent = invokeCardOf(
      (
        await runTurn(
          harness.adapter,
          aCardAction('nudges.send', { audience: 'everyone', content: 'quiz' }),
        )
      ).at(-1)!,
    );
    const [nudge] = await harness.nudges.stores.nudges.listPartition(fakeTenantId);
    assert.deepEqual(nudge?.value.content, { kind: 'quiz' });
    const report = buttonsOf(sent).find((b) => b.title === 'Report');
    assert.deepEqual(report?.data, { group: nudge?.value.nudgeId });
    const card = invokeCardOf(
      (await runTurn(harness.adapter, aCardAction('nudges.report', report?.data))).at(-1)!,
    );
    assertValidCard(card!, 'nudges-report');
    assert.ok(textsOf(card).includes('Report: Quiz'));
  });

  it('reports a nudge older than the report period as sent nothing in it, and an unknown one as gone', async function () {
    const harness = aBotHarness();
    await new StoredTenantDirectory(harness.storage.collection<TenantSettings>('tenants')).save(
      fakeTenantId,
      { contacts: {}, managers: [fakeUser.aadObjectId] },
    );
    const old = aQuizNudge({ tenantId: fakeTenantId, createdAt: '2026-08-01T10:00:00.000Z' });
    await harness.nudges.stores.nudges.create(nudgeKey(fakeTenantId, old.nudgeId), old);
    const report = async (group: string) =>
      textsOf(
        invokeCardOf(
          (await runTurn(harness.adapter, aCardAction('nudges.report', { group }))).at(-1)!,
        ),
      ).join(' ');
    assert.match(await report(old.nudgeId), /Report: Quiz Nothing was sent in the 90 days to/);
    assert.match(await report('no-such-nudge'), /no longer on record/);
  });

  it('shows the report to managers only', async function () {
    const harness = aBotHarness();
    const replies = await runTurn(harness.adapter, aCardAction('nudges.report', { group: 'x' }));
    assert.match(textsOf(invokeCardOf(replies.at(-1)!)).join(' '), /ask your manager/i);
  });
});
