import { minGroupSize, type Figure } from '../../outcomes/aggregation';
import type { DeliveryRecord, NudgeRecord, PermanentReason } from '../model';
import { countDeliveries, type DeliveryCounts } from '../nudges';

/**
 * A nudge's report figures: pure functions over its occurrences' delivery records and the answers
 * given to them. Nothing here names anyone; an answer is only a respondent pseudonym and, for a
 * quiz, whether it was the best reply. The share answered well is shown only for five or more
 * distinct people (the outcomes' rule), and the period's share is held back when the occurrences
 * it hides could be worked out by subtraction.
 */

/** The report period: the last 90 days. */
export const reportPeriodDays = 90;
/** At most this many of the latest occurrences are shown. */
export const reportOccurrences = 12;

/** What a report groups by: a schedule's occurrences together, a send-now nudge alone. */
export const reportGroupOf = (nudge: Pick<NudgeRecord, 'nudgeId' | 'scheduleId'>): string =>
  nudge.scheduleId ?? nudge.nudgeId;

/** One answer to one occurrence: who (a pseudonym) and, for a quiz, whether it was the best reply. */
export interface AnswerFact {
  readonly nudgeId: string;
  readonly occurrence: string;
  readonly respondent: string;
  readonly correct?: boolean;
}

export interface OccurrenceFigures extends DeliveryCounts {
  readonly nudge: NudgeRecord;
  /** Distinct people who answered; undefined for a tip (nothing to answer). */
  readonly answered?: number;
  /** For a quiz: the share of those who answered who chose the best reply. */
  readonly answeredWell?: Figure;
}

/** The period's totals over its occurrences. */
export interface ReportFigures extends DeliveryCounts {
  /** Oldest first. */
  readonly occurrences: readonly OccurrenceFigures[];
  readonly answered?: number;
  readonly answeredWell?: Figure;
}

const occurrenceKey = (n: { nudgeId: string; occurrence: string }) =>
  `${n.nudgeId}\n${n.occurrence}`;

function shareWell(answers: readonly AnswerFact[]): Figure {
  const people = new Set(answers.map((a) => a.respondent));
  if (people.size < minGroupSize) return { shown: false, reason: 'too-few' };
  const well = answers.filter((a) => a.correct === true).length;
  return { shown: true, percent: Math.round((100 * well) / answers.length) };
}

function addFailed(
  into: Partial<Record<PermanentReason, number>>,
  from: Partial<Record<PermanentReason, number>>,
): void {
  for (const [reason, n] of Object.entries(from) as [PermanentReason, number][])
    into[reason] = (into[reason] ?? 0) + n;
}

/**
 * The figures for one group's occurrences within the period (the latest `reportOccurrences`),
 * from their delivery records (by occurrence) and the answers given to them.
 */
export function reportFigures(input: {
  readonly nudges: readonly NudgeRecord[];
  readonly deliveries: ReadonlyMap<string, readonly DeliveryRecord[]>;
  readonly answers: readonly AnswerFact[];
  readonly now: Date;
}): ReportFigures {
  const nowMs = input.now.getTime();
  const since = nowMs - reportPeriodDays * 24 * 3_600_000;
  const occurrences = [...input.nudges]
    .filter((n) => Date.parse(n.createdAt) >= since && Date.parse(n.createdAt) <= nowMs)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .slice(-reportOccurrences);
  const answersOf = new Map<string, AnswerFact[]>();
  const seen = new Set<string>();
  for (const a of input.answers) {
    // One answer per person and occurrence counts, whatever the source holds.
    const once = `${occurrenceKey(a)}\n${a.respondent}`;
    if (seen.has(once)) continue;
    seen.add(once);
    answersOf.set(occurrenceKey(a), [...(answersOf.get(occurrenceKey(a)) ?? []), a]);
  }
  const failed: Partial<Record<PermanentReason, number>> = {};
  let sent = 0;
  let pending = 0;
  let uncertain = 0;
  let answered = 0;
  const rows = occurrences.map((nudge): OccurrenceFigures => {
    const counts = countDeliveries(input.deliveries.get(occurrenceKey(nudge)) ?? [], nowMs);
    sent += counts.sent;
    pending += counts.pending;
    uncertain += counts.uncertain;
    addFailed(failed, counts.failed);
    if (nudge.content.kind === 'tip') return { nudge, ...counts };
    const answers = answersOf.get(occurrenceKey(nudge)) ?? [];
    answered += answers.length;
    return {
      nudge,
      ...counts,
      answered: answers.length,
      ...(nudge.content.kind === 'quiz' ? { answeredWell: shareWell(answers) } : {}),
    };
  });
  const kind = occurrences.at(-1)?.content.kind;
  return {
    occurrences: rows,
    sent,
    pending,
    uncertain,
    failed,
    ...(kind === undefined || kind === 'tip' ? {} : { answered }),
    ...(kind === 'quiz' ? { answeredWell: periodWell(rows, answersOf) } : {}),
  };
}

/**
 * The period's share answered well: held back for fewer than five people, and when the occurrences
 * whose own share is hidden hold one to four people, since the period's figure less the shown ones
 * would give their answers away.
 */
function periodWell(
  rows: readonly OccurrenceFigures[],
  answersOf: ReadonlyMap<string, readonly AnswerFact[]>,
): Figure {
  const all = rows.flatMap((r) => answersOf.get(occurrenceKey(r.nudge)) ?? []);
  const figure = shareWell(all);
  if (!figure.shown) return figure;
  const hidden = rows
    .filter((r) => r.answeredWell !== undefined && !r.answeredWell.shown)
    .flatMap((r) => answersOf.get(occurrenceKey(r.nudge)) ?? []);
  const hiddenPeople = new Set(hidden.map((a) => a.respondent)).size;
  if (hiddenPeople > 0 && hiddenPeople < minGroupSize) return { shown: false, reason: 'derivable' };
  return figure;
}
