import { DateTime } from 'luxon';
import type { ConfidenceAnswer } from './confidenceAnswers';
import { confidenceQuestionIds, type ConfidenceQuestionId } from './confidenceCheckIn';

/**
 * Team figures from confidence answers: pure functions, no storage and no clock of their own.
 * A figure is the share of distinct respondents answering 4 or 5 ("agree" or "strongly agree").
 * Nothing about a group of fewer than five people is shown, and a team's figure is held back when
 * the council's figure beside it would give away the rest of the council (fewer than five).
 */

/** Smallest group a figure is shown for. */
export const minGroupSize = 5;

/** Months are counted in the councils' own time: a late-evening answer on the last day in BST is next month. */
export const reportingZone = 'Europe/London';

/** The seed's survey, before and after DARE training (percent confident), shown as a reference. */
export const seedReference: Readonly<
  Record<ConfidenceQuestionId, { readonly before: number; readonly after: number }>
> = {
  identify: { before: 42, after: 100 },
  engage: { before: 19, after: 100 },
};

export type Figure =
  | { readonly shown: true; readonly percent: number }
  /** `too-few`: under five respondents; `derivable`: the council's figure would give the rest away. */
  | { readonly shown: false; readonly reason: 'too-few' | 'derivable' };

export interface GroupFigures {
  /** Undefined when the viewer manages no team the answers name. */
  readonly team?: Figure;
  readonly council: Figure;
}

export interface MonthlyFigures extends GroupFigures {
  readonly question: ConfidenceQuestionId;
  /** `yyyy-MM` in Europe/London. */
  readonly month: string;
}

export interface KeptUpFigures extends GroupFigures {
  readonly question: ConfidenceQuestionId;
  readonly monthsAfterBaseline: KeptUpPoint;
}

export const keptUpPoints = [3, 6] as const;
export type KeptUpPoint = (typeof keptUpPoints)[number];

const confident = (answer: number): boolean => answer >= 4;

/** The month (yyyy-MM, Europe/London) an answer given at `iso` counts in. */
export function monthOf(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(reportingZone).toFormat('yyyy-MM');
}

/** One person's value in a group: whether they were confident. */
type Group = ReadonlyMap<string, boolean>;

function figureOf(group: Group): Figure {
  if (group.size < minGroupSize) return { shown: false, reason: 'too-few' };
  const yes = [...group.values()].filter(Boolean).length;
  return { shown: true, percent: Math.round((100 * yes) / group.size) };
}

/**
 * The team's and the council's figure for one period. The team's is held back when both would be
 * shown and the rest of the council (council minus team) is a group of one to four: subtracting
 * one figure from the other would show that small group.
 */
export function groupFigures(council: Group, team: ReadonlySet<string> | undefined): GroupFigures {
  const councilFigure = figureOf(council);
  if (team === undefined) return { council: councilFigure };
  const teamGroup = new Map([...council].filter(([respondent]) => team.has(respondent)));
  let teamFigure = figureOf(teamGroup);
  const rest = council.size - teamGroup.size;
  if (teamFigure.shown && councilFigure.shown && rest > 0 && rest < minGroupSize) {
    teamFigure = { shown: false, reason: 'derivable' };
  }
  return { team: teamFigure, council: councilFigure };
}

/** Whether the viewer has a team at all: only then is a team figure worked out. */
export interface Audience {
  /** The teams the viewer manages (Teams team ids); empty: council figures only. */
  readonly teamIds: ReadonlySet<string>;
}

function inTeam(answer: ConfidenceAnswer, audience: Audience): boolean {
  return answer.teamId !== undefined && audience.teamIds.has(answer.teamId);
}

/**
 * Month by month, for each question: the share confident among the distinct people who answered
 * that month (each counted once, by their last answer in the month), for the viewer's team (people
 * with an answer that month carrying one of its ids) and for the council.
 */
export function monthlyFigures(
  answers: readonly ConfidenceAnswer[],
  audience: Audience,
): MonthlyFigures[] {
  const hasTeam = audience.teamIds.size > 0;
  const sorted = [...answers].sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
  const months = [...new Set(sorted.map((a) => monthOf(a.answeredAt)))].sort();
  const rows: MonthlyFigures[] = [];
  for (const month of months) {
    for (const question of confidenceQuestionIds) {
      const council = new Map<string, boolean>();
      const team = new Set<string>();
      for (const a of sorted) {
        if (a.question !== question || monthOf(a.answeredAt) !== month) continue;
        council.set(a.respondent, confident(a.answer)); // later answers overwrite earlier ones
        if (inTeam(a, audience)) team.add(a.respondent);
      }
      if (council.size === 0) continue;
      rows.push({ question, month, ...groupFigures(council, hasTeam ? team : undefined) });
    }
  }
  return rows;
}

/**
 * A baseline respondent's answer at a point after their baseline: their first answer to the same
 * question from `point` months after the baseline up to (not including) three months later.
 */
export function pairedAnswer(
  baseline: ConfidenceAnswer,
  later: readonly ConfidenceAnswer[],
  point: KeptUpPoint,
): ConfidenceAnswer | undefined {
  const start = DateTime.fromISO(baseline.answeredAt, { zone: 'utc' }).setZone(reportingZone);
  const from = start.plus({ months: point }).toMillis();
  const to = start.plus({ months: point + 3 }).toMillis();
  return [...later]
    .filter(
      (a) =>
        a.respondent === baseline.respondent &&
        a.question === baseline.question &&
        a !== baseline &&
        Date.parse(a.answeredAt) >= from &&
        Date.parse(a.answeredAt) < to,
    )
    .sort((a, b) => a.answeredAt.localeCompare(b.answeredAt))[0];
}

/**
 * "Kept up": of the people who answered at baseline (first use), the share confident three and six
 * months after it, under the same five-or-more and subtraction rules. The team is the people whose
 * baseline or paired answer carries one of the viewer's teams.
 */
export function keptUpFigures(
  answers: readonly ConfidenceAnswer[],
  audience: Audience,
): KeptUpFigures[] {
  const hasTeam = audience.teamIds.size > 0;
  const rows: KeptUpFigures[] = [];
  for (const question of confidenceQuestionIds) {
    const baselines = new Map<string, ConfidenceAnswer>();
    for (const a of [...answers].sort((x, y) => x.answeredAt.localeCompare(y.answeredAt))) {
      if (
        a.question === question &&
        a.moment === 'before-first-use' &&
        !baselines.has(a.respondent)
      )
        baselines.set(a.respondent, a);
    }
    for (const point of keptUpPoints) {
      const council = new Map<string, boolean>();
      const team = new Set<string>();
      for (const baseline of baselines.values()) {
        const paired = pairedAnswer(baseline, answers, point);
        if (!paired) continue;
        council.set(baseline.respondent, confident(paired.answer));
        if (inTeam(baseline, audience) || inTeam(paired, audience)) team.add(baseline.respondent);
      }
      rows.push({
        question,
        monthsAfterBaseline: point,
        ...groupFigures(council, hasTeam ? team : undefined),
      });
    }
  }
  return rows;
}
