import { DateTime } from 'luxon';
import type { CardAction } from '../kernel/cardAction';
import type { CardViewOf } from '../kernel/cardRenderer';
import { nudgeVerbs, welcomeVerbs } from '../kernel/verbs';
import {
  keptUpFigures,
  monthlyFigures,
  reportingZone,
  seedReference,
  type Audience,
  type Figure,
  type GroupFigures,
} from './aggregation';
import type { ConfidenceAnswer } from './confidenceAnswers';
import {
  confidenceQuestionIds,
  outcomeVerbs,
  type CheckInMoment,
  type ConfidenceQuestionId,
} from './confidenceCheckIn';

/** The check-in's words, from the content pack (`confidence` in pack.json). */
export interface CheckInWording {
  readonly intro: string;
  readonly submit: string;
  readonly questions: readonly { readonly id: string; readonly text: string }[];
  readonly scale: readonly { readonly value: number; readonly title: string }[];
}

export interface CheckInCardData {
  readonly title: string;
  readonly intro: string;
  /** Inputs `confidence-<question>`; one tap each on the five-point scale. */
  readonly questions: readonly { readonly id: string; readonly text: string }[];
  readonly scale: readonly { readonly title: string; readonly value: string }[];
  readonly submit: CardAction;
  /** "Not now" on the baseline; empty elsewhere (the other moments are optional anyway). */
  readonly others: readonly CardAction[];
}

export interface OutcomeNoteCardData {
  readonly title: string;
  readonly text: string;
  readonly actions: readonly CardAction[];
}

export interface ChartPoint {
  readonly x: string;
  readonly y: number;
}

export interface MyConfidenceCardData {
  readonly title: string;
  readonly intro: string;
  readonly hasAnswers: boolean;
  /** Teams' Chart.Line: one series per question. */
  readonly chart: {
    readonly title: string;
    readonly xAxisTitle: string;
    readonly yAxisTitle: string;
    readonly data: readonly { readonly legend: string; readonly values: readonly ChartPoint[] }[];
  };
  /** The same answers as a table: what a client without charts shows. */
  readonly rows: readonly {
    readonly date: string;
    readonly identify: string;
    readonly engage: string;
  }[];
  readonly actions: readonly CardAction[];
}

export interface TeamViewRow {
  readonly period: string;
  readonly team: string;
  readonly council: string;
}

export interface TeamViewCardData {
  readonly title: string;
  readonly intro: string;
  readonly teamHeading: string;
  readonly sections: readonly {
    readonly heading: string;
    readonly reference: string;
    readonly rows: readonly TeamViewRow[];
  }[];
  readonly keptUpHeading: string;
  readonly keptUpIntro: string;
  readonly keptUp: readonly {
    readonly heading: string;
    readonly rows: readonly TeamViewRow[];
  }[];
  readonly actions: readonly CardAction[];
}

/** Every card of the confidence outcomes: template name (cards/<name>.json) → its data. */
export interface OutcomeCardModels {
  'outcomes-checkin': CheckInCardData;
  'outcomes-note': OutcomeNoteCardData;
  'outcomes-mine': MyConfidenceCardData;
  'outcomes-team': TeamViewCardData;
}

export type OutcomeView = CardViewOf<OutcomeCardModels>;

const backToMenu: CardAction = { title: 'Back to the menu', verb: welcomeVerbs.show, data: {} };
const myConfidence: CardAction = {
  title: 'My confidence over time',
  verb: outcomeVerbs.mine,
  data: {},
};

/** Shown in place of any figure for a group too small to show without identifying anyone. */
export const notEnoughAnswers = 'not enough answers to show without identifying anyone';

const shortQuestion: Record<ConfidenceQuestionId, string> = {
  identify: 'Confident to identify a parent who may be causing abuse',
  engage: 'Confident to explore the risk and engage him',
};

/** The check-in card: two questions, five-point scale, one card answered once (its own id). */
export function checkInView(
  wording: CheckInWording,
  request: { moment: CheckInMoment; checkInId: string; teamId?: string },
): OutcomeView {
  const data: Record<string, string> = { moment: request.moment, checkInId: request.checkInId };
  if (request.teamId !== undefined) data.teamId = request.teamId;
  return {
    card: 'outcomes-checkin',
    data: {
      title:
        request.moment === 'before-first-use'
          ? 'Before you start: two quick questions'
          : 'Two quick questions',
      intro: wording.intro,
      questions: wording.questions.map((q) => ({ id: `confidence-${q.id}`, text: q.text })),
      scale: wording.scale.map((s) => ({ title: s.title, value: String(s.value) })),
      submit: { title: wording.submit, verb: outcomeVerbs.confidence, data },
      others:
        request.moment === 'before-first-use'
          ? [{ title: 'Not now', verb: outcomeVerbs.skip, data: {} }]
          : request.moment === 'refresher'
            ? // Every refresher carries the ways to snooze or stop them (from the next send).
              [
                { title: 'Snooze 4 weeks', verb: nudgeVerbs.snooze, data: {} },
                { title: 'Stop refreshers', verb: nudgeVerbs.stop, data: {} },
              ]
            : [],
    },
  };
}

/** What the check-in card turns into once sent: no inputs left to press again. */
export function thanksView(outcome: 'recorded' | 'already-answered'): OutcomeView {
  return {
    card: 'outcomes-note',
    data: {
      title: 'Thank you',
      text:
        outcome === 'recorded'
          ? 'Your answers are saved. They are only ever reported for groups of five or more.'
          : 'This check-in was already answered, so nothing more was saved.',
      actions: [myConfidence, backToMenu],
    },
  };
}

export function skippedView(): OutcomeView {
  return {
    card: 'outcomes-note',
    data: {
      title: 'No problem',
      text: 'Nothing was saved. You will be asked again after a walk-through, and you can always look at your answers under “My confidence over time”.',
      actions: [backToMenu],
    },
  };
}

export function notAManagerView(): OutcomeView {
  return {
    card: 'outcomes-note',
    data: {
      title: 'For team managers',
      text: 'Team confidence figures are for team managers your council has named. Ask your DARE Coach administrator if you should see them.',
      actions: [myConfidence, backToMenu],
    },
  };
}

function dayOf(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' }).setZone(reportingZone).toFormat('d LLL yyyy');
}

/** "My confidence": a practitioner's own answers over time, as a chart with a table beside it. */
export function myConfidenceView(
  mine: readonly ConfidenceAnswer[],
  options: { readonly isManager: boolean },
): OutcomeView {
  const byCard = new Map<string, { date: string; identify: string; engage: string }>();
  for (const a of mine) {
    const row = byCard.get(a.checkInId) ?? {
      date: dayOf(a.answeredAt),
      identify: '–',
      engage: '–',
    };
    row[a.question] = `${a.answer} of 5`;
    byCard.set(a.checkInId, row);
  }
  const series = (question: ConfidenceQuestionId) => ({
    legend: question === 'identify' ? 'Identify' : 'Explore and engage',
    values: mine
      .filter((a) => a.question === question)
      .map((a) => ({ x: dayOf(a.answeredAt), y: a.answer })),
  });
  const actions: CardAction[] = [];
  if (options.isManager) {
    actions.push({ title: 'Team confidence figures', verb: outcomeVerbs.team, data: {} });
  }
  actions.push(backToMenu);
  return {
    card: 'outcomes-mine',
    data: {
      title: 'My confidence over time',
      intro:
        mine.length === 0
          ? 'You have not answered a confidence check-in yet. You will be asked after a walk-through.'
          : 'Your own answers (1 strongly disagree, 5 strongly agree). Only you see them; managers only ever see figures for groups of five or more.',
      hasAnswers: mine.length > 0,
      chart: {
        title: 'My answers',
        xAxisTitle: 'Date',
        yAxisTitle: 'Agreement (1-5)',
        data: confidenceQuestionIds.map(series),
      },
      rows: [...byCard.values()],
      actions,
    },
  };
}

export function figureText(figure: Figure | undefined): string {
  if (figure === undefined) return 'no team';
  return figure.shown ? `${figure.percent}%` : notEnoughAnswers;
}

function rowOf(period: string, figures: GroupFigures): TeamViewRow {
  return { period, team: figureText(figures.team), council: figureText(figures.council) };
}

function monthName(month: string): string {
  return DateTime.fromFormat(month, 'yyyy-MM', { zone: reportingZone }).toFormat('LLLL yyyy');
}

/** The figures a manager sees (team view and CSV alike): aggregates only, the same suppression. */
export function teamFigures(answers: readonly ConfidenceAnswer[], audience: Audience) {
  return { monthly: monthlyFigures(answers, audience), keptUp: keptUpFigures(answers, audience) };
}

/** The team view for managers: share confident by month, team and council, beside the seed's figures. */
export function teamView(answers: readonly ConfidenceAnswer[], audience: Audience): OutcomeView {
  const { monthly, keptUp } = teamFigures(answers, audience);
  const hasTeam = audience.teamIds.size > 0;
  return {
    card: 'outcomes-team',
    data: {
      title: 'Team confidence',
      intro:
        'The share of staff answering “agree” or “strongly agree”, by month. Figures are only shown for groups of five or more people; no one’s own answers are shown.' +
        (hasTeam ? '' : ' No team of yours has answers yet, so only the council is shown.'),
      teamHeading: hasTeam ? 'Your team' : 'Your team (none yet)',
      sections: confidenceQuestionIds.map((question) => ({
        heading: shortQuestion[question],
        reference: `Reference, the DARE training survey: ${seedReference[question].before}% before training, ${seedReference[question].after}% after.`,
        rows: monthly
          .filter((m) => m.question === question)
          .map((m) => rowOf(monthName(m.month), m)),
      })),
      keptUpHeading: 'Kept up',
      keptUpIntro:
        'Of the people who answered when they first used DARE Coach, the share confident three and six months later.',
      keptUp: confidenceQuestionIds.map((question) => ({
        heading: shortQuestion[question],
        rows: keptUp
          .filter((k) => k.question === question)
          .map((k) => rowOf(`${k.monthsAfterBaseline} months after first use`, k)),
      })),
      actions: [
        { title: 'Download as a CSV file', verb: outcomeVerbs.exportCsv, data: {} },
        backToMenu,
      ],
    },
  };
}
