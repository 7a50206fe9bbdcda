import type { CardJson } from '../../../src/kernel/cardRenderer';
import { stopRefreshers } from '../../../src/nudges/nudges';
import { answerQuiz } from '../../../src/nudges/quizzes/answerQuiz';
import { nudgeReport } from '../../../src/nudges/report/report';
import type { ReportFigures } from '../../../src/nudges/report/figures';
import { reportView } from '../../../src/nudges/report/views';
import { deliveryPartition } from '../../../src/nudges/model';
import { genericLocalContacts } from '../../../src/tenants/localContacts';
import { cardCatalog } from '../adaptiveCards';
import { aQuizWorld, quizWorldTenant as tenantId } from './quizWorld';

/** The schedule the simulated month's occurrences belong to. */
export const simulatedSchedule = 'weekly-quiz-tuesdays';

/** Tuesdays in December 2026 at 10:00 London time (GMT): a weekly quiz's occurrences. */
const tuesdays = ['2026-12-01', '2026-12-08', '2026-12-15', '2026-12-22', '2026-12-29'];

/**
 * A month of a weekly quiz to a team of 12 on a fake clock, through the real engine (expansion,
 * each person's quiz, the drain and its cards) and the real answer use case: most people answer
 * each week, more of them well as the month goes on; one stops refreshers after week two and
 * answers nothing more; two never answer. Then the manager's report, rendered by the real card
 * catalogue, at 16:00 on the last Tuesday.
 */
export async function simulateMonth(): Promise<{ figures: ReportFigures; card: CardJson }> {
  const world = await aQuizWorld({ members: 12 });
  const deps = {
    stores: world.stores,
    quizzes: world.quizzes,
    quizAnswers: world.quizAnswers,
    contactsFor: () => Promise.resolve(genericLocalContacts),
  };
  for (const [week, day] of tuesdays.entries()) {
    world.clock.set(`${day}T10:00:00.000Z`);
    if (week === 2) await stopRefreshers(world, tenantId, world.roster[11]!.aadObjectId);
    const nudge = await world.occurrence(simulatedSchedule, `${day}T10:00:00.000Z`, {
      kind: 'quiz',
    });
    await world.worker().runTenant(tenantId);
    const deliveries = await world.stores.deliveries.listPartition(
      deliveryPartition(tenantId, nudge.nudgeId, nudge.occurrence),
    );
    world.clock.set(`${day}T13:00:00.000Z`);
    for (const [i, member] of world.roster.entries()) {
      // Two never answer; in the last week only three answer (too few to show their share).
      if (i >= 9 || (week === 4 && i >= 3)) continue;
      const quizId = deliveries.find((d) => d.value.userId === member.userId)?.value.quizId;
      const quiz = quizId ? world.quizzes.byId.get(quizId) : undefined;
      if (!quiz) continue;
      const wrong = quiz.replies.find((r) => r.id !== quiz.best)!.id;
      // More of them choose the best reply as the weeks go on.
      const well = i < 4 + week;
      await answerQuiz(
        deps,
        { tenantId, userId: member.aadObjectId },
        {
          nudgeId: nudge.nudgeId,
          occurrence: nudge.occurrence,
          quizId: quiz.id,
          choice: well ? quiz.best : wrong,
        },
      );
    }
  }
  world.clock.set('2026-12-29T16:00:00.000Z');
  const report = await nudgeReport(
    {
      stores: world.stores,
      quizAnswers: world.quizAnswers,
      checkInAnswers: world.confidence,
      clock: world.clock,
    },
    tenantId,
    simulatedSchedule,
  );
  if (!report) throw new Error('the simulated schedule has no report');
  const { figures } = report;
  const view = reportView(figures, {
    what: 'Quiz (weekly, Tuesdays)',
    group: simulatedSchedule,
    now: world.clock.now(),
  });
  return { figures, card: cardCatalog().renderView(view) };
}
