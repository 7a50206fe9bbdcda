import { strict as assert } from 'node:assert';
import { expandNudge } from '../../../src/nudges/expansion';
import { deliveryPartition, type NudgeRecord } from '../../../src/nudges/model';
import { quizChooser } from '../../../src/nudges/quizzes/quizChooser';
import { checkInIdOf } from '../../../src/nudges/refresherCards';
import { nudgeReport } from '../../../src/nudges/report/report';
import { StoredConversationDirectory } from '../../../src/conversations/conversationDirectory';
import { StoredInstalledTeams } from '../../../src/teams/installedTeams';
import { fixedTtl } from '../../../src/tenants/retention';
import { textsOf } from '../../support/botHarness';
import { aCheckIn } from '../../support/outcomes/builders';
import { aQuizWorld, quizWorldTenant as tenantId } from '../../support/nudges/quizWorld';

type World = Awaited<ReturnType<typeof aQuizWorld>>;

async function quizzesSent(world: World, nudge: NudgeRecord): Promise<Map<string, string>> {
  const records = await world.stores.deliveries.listPartition(
    deliveryPartition(tenantId, nudge.nudgeId, nudge.occurrence),
  );
  return new Map(records.map((r) => [r.value.userId, r.value.quizId ?? '']));
}

const titleOf = (world: World, quizId: string) => world.quizzes.byId.get(quizId)!.title;

describe('quiz nudges: each recipient their own quiz', function () {
  it('chooses at expansion, keeps it on the delivery record, and sends each person that quiz', async function () {
    const world = await aQuizWorld();
    const [first, second] = world.quizzes.quizzes;
    const nudge = await world.send();
    await world.worker().runTenant(tenantId);
    const chosen = await quizzesSent(world, nudge);
    assert.equal(chosen.size, 6);
    for (const member of world.roster) {
      const quizId = chosen.get(member.userId)!;
      assert.equal(quizId, first!.id, 'no history: the pack order');
      const [card] = world.channel.cards.get(member.userId)!;
      assert.ok(textsOf(card).includes(titleOf(world, quizId)));
      assert.ok(textsOf(card).includes('Stop refreshers'));
    }
    // The next quiz nudge: what they have seen is left out.
    world.clock.advance(7 * 86_400_000);
    const next = await world.send();
    await world.worker().runTenant(tenantId);
    for (const quizId of (await quizzesSent(world, next)).values())
      assert.equal(quizId, second!.id);
  });

  it("reads each person's own history: what they answered, and the confidence question they are less sure of", async function () {
    const world = await aQuizWorld();
    const [wrongOne, rightOne] = world.roster;
    const earlier = await world.send();
    await world.worker().runTenant(tenantId);
    const firstQuiz = world.quizzes.quizzes[0]!;
    await world.quizAnswers.record(tenantId, wrongOne!.aadObjectId, earlier, {
      quizId: firstQuiz.id,
      choice: 'a',
      correct: false,
    });
    await world.quizAnswers.record(tenantId, rightOne!.aadObjectId, earlier, {
      quizId: firstQuiz.id,
      choice: firstQuiz.best,
      correct: true,
    });
    // Someone else feels less sure about engaging him than about identifying.
    const engager = world.roster[2]!;
    await world.confidence.record(
      tenantId,
      engager.aadObjectId,
      aCheckIn({ 'confidence-identify': 5, 'confidence-engage': 2 }),
    );
    world.clock.advance(7 * 86_400_000);
    const next = await world.send();
    await world.worker().runTenant(tenantId);
    const chosen = await quizzesSent(world, next);
    const firstEngage = world.quizzes.quizzes.find((q) => q.question === 'engage')!;
    assert.equal(chosen.get(engager.userId), firstEngage.id);
    assert.equal(chosen.get(rightOne!.userId), world.quizzes.quizzes[1]!.id);
    // Got wrong, but unseen ones come first (the pure selection's tests: it comes back after them).
    assert.equal(chosen.get(wrongOne!.userId), world.quizzes.quizzes[1]!.id);
  });

  it('sends the same quiz after a crash: a re-run expansion keeps the first choice', async function () {
    const world = await aQuizWorld();
    const nudge = await world.send();
    const deps = {
      stores: world.stores,
      conversations: new StoredConversationDirectory(
        world.storage.collection('conversations'),
        world.clock,
      ),
      teams: new StoredInstalledTeams(world.storage.collection('nudges'), world.clock),
      rosters: {
        pagesOf: async function* () {
          yield world.roster;
        },
      },
      clock: world.clock,
      ttlFor: fixedTtl('nudgeDeliveries'),
      chooseQuiz: quizChooser({ ...world, answers: world.quizAnswers }),
    };
    await expandNudge(deps, nudge);
    const before = await quizzesSent(world, nudge);
    // Meanwhile the first member feels less sure of engaging: a fresh choice would differ, but
    // the records already written win.
    await world.confidence.record(
      tenantId,
      world.roster[0]!.aadObjectId,
      aCheckIn({ 'confidence-identify': 5, 'confidence-engage': 1 }),
    );
    const fresh = await deps.chooseQuiz(nudge);
    assert.notEqual(fresh(world.roster[0]!), before.get(world.roster[0]!.userId), 'would differ');
    await expandNudge(deps, nudge);
    assert.deepEqual(await quizzesSent(world, nudge), before);
    await world.worker().runTenant(tenantId);
    const [card] = world.channel.cards.get(world.roster[0]!.userId)!;
    assert.ok(textsOf(card).includes(titleOf(world, before.get(world.roster[0]!.userId)!)));
  });

  it('keeps no quiz on the delivery records of a tip', async function () {
    const world = await aQuizWorld();
    const tip = await world.send({ kind: 'tip', tipId: 'make-it-routine' });
    await world.worker().runTenant(tenantId);
    assert.ok([...(await quizzesSent(world, tip)).values()].every((q) => q === ''));
  });
});

describe('check-in nudges in the report', function () {
  it('gives an occurrence one check-in id on every render, so its answers are counted (and a resend is answered once)', async function () {
    const world = await aQuizWorld();
    const nudge = await world.send({ kind: 'checkIn' });
    await world.worker().runTenant(tenantId);
    const id = checkInIdOf(nudge);
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    for (const member of world.roster)
      assert.match(JSON.stringify(world.channel.cards.get(member.userId)), new RegExp(id));
    for (const member of world.roster.slice(0, 2))
      await world.confidence.record(tenantId, member.aadObjectId, aCheckIn({ checkInId: id }));
    await world.confidence.record(tenantId, world.roster[3]!.aadObjectId, aCheckIn());
    const report = await nudgeReport(
      { ...world, checkInAnswers: world.confidence },
      tenantId,
      nudge.nudgeId,
    );
    const figures = report?.figures;
    assert.deepEqual([figures?.sent, figures?.answered, figures?.answeredWell], [6, 2, undefined]);
  });
});
