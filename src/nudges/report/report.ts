import type { Clock } from '../../kernel/clock';
import { deliveryPartition, type DeliveryRecord, type NudgeRecord } from '../model';
import { recentNudges } from '../nudges';
import { checkInIdOf } from '../refresherCards';
import type { NudgeStores } from '../stores';
import type { QuizAnswers } from '../quizzes/quizAnswers';
import { reportFigures, reportGroupOf, type AnswerFact, type ReportFigures } from './figures';

/** The check-in answers of a council (the outcomes' answers): who answered which card. */
export interface CheckInAnswerSource {
  allFor(
    tenantId: string,
  ): Promise<readonly { readonly respondent: string; readonly checkInId: string }[]>;
}

export interface ReportDeps {
  readonly stores: NudgeStores;
  readonly quizAnswers: QuizAnswers;
  readonly checkInAnswers: CheckInAnswerSource;
  readonly clock: Clock;
}

/**
 * One nudge's report: a send-now nudge, or every occurrence of a schedule (`group` is the schedule
 * id or the nudge id). Reads the council's nudges, each shown occurrence's deliveries and the
 * answers of its kind; with the group's latest nudge (to name it, even when none is in the period).
 * Undefined when nothing of the group is on record.
 */
export async function nudgeReport(
  deps: ReportDeps,
  tenantId: string,
  group: string,
): Promise<{ readonly figures: ReportFigures; readonly latest: NudgeRecord } | undefined> {
  const nudges = (await recentNudges(deps, tenantId, Number.POSITIVE_INFINITY)).filter(
    (n) => reportGroupOf(n) === group,
  );
  const latest = nudges.at(0); // newest first
  if (!latest) return undefined;
  const now = deps.clock.now();
  const shown = reportFigures({ nudges, deliveries: new Map(), answers: [], now }).occurrences.map(
    (o) => o.nudge,
  );
  const deliveries = new Map<string, DeliveryRecord[]>();
  await Promise.all(
    shown.map(async (n) => {
      const items = await deps.stores.deliveries.listPartition(
        deliveryPartition(tenantId, n.nudgeId, n.occurrence),
      );
      deliveries.set(
        `${n.nudgeId}\n${n.occurrence}`,
        items.map((i) => i.value),
      );
    }),
  );
  const kind = shown.at(-1)?.content.kind;
  let answers: AnswerFact[] = [];
  if (kind === 'quiz') {
    const ids = new Set(shown.map((n) => n.nudgeId));
    answers = (await deps.quizAnswers.allFor(tenantId)).filter((a) => ids.has(a.nudgeId));
  } else if (kind === 'checkIn') {
    const byCheckIn = new Map(shown.map((n) => [checkInIdOf(n), n]));
    answers = (await deps.checkInAnswers.allFor(tenantId)).flatMap((a) => {
      const n = byCheckIn.get(a.checkInId);
      return n ? [{ nudgeId: n.nudgeId, occurrence: n.occurrence, respondent: a.respondent }] : [];
    });
  }
  return { figures: reportFigures({ nudges: shown, deliveries, answers, now }), latest };
}
