import { strict as assert } from 'node:assert';
import type { Storage } from '../../../src/kernel/documentStore';
import { deliveryPartition } from '../../../src/nudges/model';
import { nudgeStores } from '../../../src/nudges/stores';
import { answerQuiz, type AnswerQuizDeps } from '../../../src/nudges/quizzes/answerQuiz';
import { quizAnswerPartition, QuizAnswers } from '../../../src/nudges/quizzes/quizAnswers';
import { genericLocalContacts } from '../../../src/tenants/localContacts';
import { fixedTtl } from '../../../src/tenants/retention';
import { aQuizWorld, quizWorldTenant as tenantId } from '../../support/nudges/quizWorld';
import { testRespondents } from '../../support/outcomes/builders';
import { ManualClock } from '../../support/referrals/deliveryFakes';
import { cosmosFixture } from '../../support/storageFixtures';

describe('quiz answers over Cosmos: answered once', function () {
  this.timeout(60_000);
  const fixture = cosmosFixture('quizzes');
  before(() => fixture.before());
  after(() => fixture.after());

  let storage: Storage;
  afterEach(() => storage.close());

  async function aWorld() {
    const clock = new ManualClock('2026-12-01T10:00:00.000Z');
    storage = await fixture.open(clock);
    const world = await aQuizWorld({ storage, clock, members: 3 });
    const nudge = await world.send();
    await world.worker().runTenant(tenantId);
    const [member] = world.roster;
    const delivery = (
      await world.stores.deliveries.listPartition(
        deliveryPartition(tenantId, nudge.nudgeId, nudge.occurrence),
      )
    ).find((d) => d.value.userId === member!.userId)!.value;
    const here: AnswerQuizDeps = {
      stores: world.stores,
      quizzes: world.quizzes,
      quizAnswers: world.quizAnswers,
      contactsFor: () => Promise.resolve(genericLocalContacts),
    };
    /** Another instance: its own client on the same database (the first one is closed). */
    const restart = async (): Promise<AnswerQuizDeps> => {
      storage = await fixture.restart(storage, clock);
      return {
        ...here,
        stores: nudgeStores(storage),
        quizAnswers: new QuizAnswers(
          storage.collection('outcomes'),
          clock,
          testRespondents,
          fixedTtl('quizAnswers'),
        ),
      };
    };
    const press = (choice: 'a' | 'b' | 'c', instance: AnswerQuizDeps = here) =>
      answerQuiz(
        instance,
        { tenantId, userId: member!.aadObjectId },
        { nudgeId: nudge.nudgeId, occurrence: nudge.occurrence, quizId: delivery.quizId!, choice },
      );
    const stored = async () =>
      (await storage.collection('outcomes').listPartition(quizAnswerPartition(tenantId))).map(
        (i) => i.value as Record<string, unknown>,
      );
    return { delivery, press, restart, stored };
  }

  it('stores the first answer once; a second press, a racing one and another instance find it', async function () {
    const { press, stored, delivery, restart } = await aWorld();
    assert.ok(delivery.quizId, 'the delivery record names the quiz sent');
    const first = await press('a');
    assert.equal(first?.data.chosenHeading.startsWith('You chose A'), true);
    const racing = await Promise.all([press('b'), press('c')]);
    for (const view of racing) assert.match(view!.data.chosenHeading, /^You chose A \(already/);
    const later = await press('b', await restart());
    assert.match(later!.data.chosenHeading, /^You chose A \(already/);
    const answers = await stored();
    assert.equal(answers.length, 1);
    assert.equal(answers[0]!.choice, 'a');
    assert.doesNotMatch(JSON.stringify(answers), /0000000000|29:member/, 'only the pseudonym');
  });

  it('three presses at the same moment store one answer, and each shows it', async function () {
    const { press, stored } = await aWorld();
    const views = await Promise.all([press('a'), press('b'), press('c')]);
    const answers = await stored();
    assert.equal(answers.length, 1);
    const chosen = String(answers[0]!.choice).toUpperCase();
    for (const view of views)
      assert.match(view!.data.chosenHeading, new RegExp(`^You chose ${chosen}`));
  });
});
