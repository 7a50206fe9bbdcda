import { DateTime } from 'luxon';
import type { CardAction } from '../../kernel/cardAction';
import { nudgeVerbs, welcomeVerbs } from '../../kernel/verbs';
import { reportingZone, type Figure } from '../../outcomes/aggregation';
import { notEnoughAnswers } from '../../outcomes/views';
import { failedLinesOf } from '../views';
import { reportPeriodDays, type OccurrenceFigures, type ReportFigures } from './figures';

interface Line {
  readonly title: string;
  readonly value: string;
}

export interface ReportRow {
  readonly when: string;
  readonly sent: string;
  readonly answered: string;
  readonly well: string;
}

export interface NudgesReportCardData {
  readonly title: string;
  readonly intro: string;
  readonly totals: readonly Line[];
  readonly hasOccurrences: boolean;
  /** Teams' Chart.VerticalBar.Grouped: a series per figure, a bar per occurrence. */
  readonly chart: {
    readonly title: string;
    readonly xAxisTitle: string;
    readonly yAxisTitle: string;
    readonly data: readonly {
      readonly legend: string;
      readonly values: readonly { readonly x: string; readonly y: number }[];
    }[];
  };
  /** The same figures as a table: what a client without charts shows. */
  readonly headings: ReportRow;
  readonly rows: readonly ReportRow[];
  readonly note: string;
  readonly asOf: string;
  readonly actions: readonly CardAction[];
}

export interface ReportCardModels {
  'nudges-report': NudgesReportCardData;
}

const dash = '–';

const dayOf = (iso: string): string =>
  DateTime.fromISO(iso, { zone: 'utc' }).setZone(reportingZone).toFormat('d LLL');

const percentOf = (part: number, whole: number): number =>
  whole === 0 ? 0 : Math.round((100 * part) / whole);

const wellText = (figure: Figure | undefined): string =>
  figure === undefined
    ? dash
    : figure.shown
      ? `${figure.percent}%`
      : figure.reason === 'derivable'
        ? 'held back: with the sends shown above it would give away the few answers to a smaller send'
        : notEnoughAnswers;

/** Occurrence labels for the chart and table: the London day, numbered when two share a day. */
function labelsOf(occurrences: readonly OccurrenceFigures[]): string[] {
  const counts = new Map<string, number>();
  return occurrences.map((o) => {
    const day = dayOf(o.nudge.createdAt);
    const n = (counts.get(day) ?? 0) + 1;
    counts.set(day, n);
    return n === 1 ? day : `${day} (${n})`;
  });
}

/**
 * A manager's report on one nudge (a send, or a schedule's occurrences) over the report period:
 * sent / waiting / not sent by reason / answered, and for a quiz the share answered well, as a
 * chart with a table beside it for clients without charts. Counts and shares only.
 */
export function reportView(
  figures: ReportFigures,
  options: { readonly what: string; readonly group: string; readonly now: Date },
): { card: 'nudges-report'; data: NudgesReportCardData } {
  const { occurrences } = figures;
  const kind = occurrences.at(-1)?.nudge.content.kind ?? 'tip';
  const labels = labelsOf(occurrences);
  const failedLines = failedLinesOf(figures.failed);
  const totals: Line[] = [
    { title: 'Sends in the report', value: String(occurrences.length) },
    { title: 'Sent', value: String(figures.sent) },
    { title: 'Waiting to send', value: String(figures.pending) },
    ...(figures.uncertain > 0
      ? [
          {
            title: 'Possibly sent (sending was interrupted; not sent again, to avoid a repeat)',
            value: String(figures.uncertain),
          },
        ]
      : []),
    ...failedLines,
  ];
  if (figures.answered !== undefined) {
    totals.push({
      title: 'Answered',
      value: `${figures.answered} (${percentOf(figures.answered, figures.sent)}% of those sent)`,
    });
  }
  if (kind === 'quiz')
    totals.push({ title: 'Answered well', value: wellText(figures.answeredWell) });

  const series: { legend: string; values: { x: string; y: number }[] }[] = [];
  if (kind === 'tip') {
    series.push({
      legend: 'Sent',
      values: occurrences.map((o, i) => ({ x: labels[i]!, y: o.sent })),
    });
  } else {
    series.push({
      legend: 'Answered (% of those sent)',
      values: occurrences.map((o, i) => ({ x: labels[i]!, y: percentOf(o.answered ?? 0, o.sent) })),
    });
  }
  if (kind === 'quiz') {
    series.push({
      legend: 'Answered well (%)',
      values: occurrences.flatMap((o, i) =>
        o.answeredWell?.shown ? [{ x: labels[i]!, y: o.answeredWell.percent }] : [],
      ),
    });
  }
  const until = DateTime.fromJSDate(options.now).setZone(reportingZone).toFormat('d LLL yyyy');
  return {
    card: 'nudges-report',
    data: {
      title: `Report: ${options.what}`,
      intro:
        occurrences.length === 0
          ? `Nothing was sent in the ${reportPeriodDays} days to ${until}.`
          : `The latest ${occurrences.length === 1 ? 'send' : `${occurrences.length} sends`} in the ${reportPeriodDays} days to ${until}.`,
      totals,
      hasOccurrences: occurrences.length > 0,
      chart: {
        title: kind === 'tip' ? 'Sent, by send' : 'Answered, by send',
        xAxisTitle: 'Sent on',
        yAxisTitle: kind === 'tip' ? 'People' : 'Percent',
        data: series,
      },
      headings: { when: 'Sent on', sent: 'Sent', answered: 'Answered', well: 'Answered well' },
      rows: occurrences.map((o, i) => ({
        when: labels[i]!,
        sent: String(o.sent),
        answered: o.answered === undefined ? dash : String(o.answered),
        well: wellText(o.answeredWell),
      })),
      note:
        kind === 'tip'
          ? 'Counts only: no one is named.'
          : 'Counts and shares only: no one’s own answer is shown, and the share answered well only for five or more people.',
      asOf: `As of ${DateTime.fromJSDate(options.now).setZone(reportingZone).toFormat('HH:mm')} (UK time).`,
      actions: [
        { title: 'Refresh', verb: nudgeVerbs.report, data: { group: options.group } },
        { title: 'Send another', verb: nudgeVerbs.manage, data: {} },
        { title: 'Back to the menu', verb: welcomeVerbs.show, data: {} },
      ],
    },
  };
}
