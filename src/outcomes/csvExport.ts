import { stringify } from 'csv-stringify/sync';
import { seedReference, type Audience } from './aggregation';
import type { ConfidenceAnswer } from './confidenceAnswers';
import { figureText, teamFigures } from './views';

/**
 * The commissioners' export: the same aggregated figures as the team view (same suppression), one
 * row per question and period, with the seed's reference figures. No respondent ids, no answers.
 */
export function confidenceCsv(answers: readonly ConfidenceAnswer[], audience: Audience): string {
  const { monthly, keptUp } = teamFigures(answers, audience);
  const reference = (q: keyof typeof seedReference) => [
    `${seedReference[q].before}%`,
    `${seedReference[q].after}%`,
  ];
  const rows = [
    ...monthly.map((m) => [
      'month',
      m.question,
      m.month,
      figureText(m.team),
      figureText(m.council),
      ...reference(m.question),
    ]),
    ...keptUp.map((k) => [
      'kept up',
      k.question,
      `${k.monthsAfterBaseline} months after first use`,
      figureText(k.team),
      figureText(k.council),
      ...reference(k.question),
    ]),
  ];
  return stringify(rows, {
    header: true,
    columns: [
      'figure',
      'question',
      'period',
      'team share confident',
      'council share confident',
      'before DARE training (reference)',
      'after DARE training (reference)',
    ],
  });
}

/** The file's name in Teams: no names or ids in it. */
export function confidenceCsvName(now: Date): string {
  return `dare-coach-confidence-${now.toISOString().slice(0, 10)}.csv`;
}
