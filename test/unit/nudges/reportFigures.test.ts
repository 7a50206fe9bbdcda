import { strict as assert } from 'node:assert';
import type { DeliveryRecord, NudgeRecord } from '../../../src/nudges/model';
import {
  reportFigures,
  reportGroupOf,
  reportOccurrences,
  type AnswerFact,
} from '../../../src/nudges/report/figures';
import { reportView } from '../../../src/nudges/report/views';
import { assertValidCard, renderCard, withChartsChecked } from '../../support/adaptiveCards';
import { textsOf } from '../../support/botHarness';
import { aQuizNudge } from '../../support/nudges/quizBuilders';

const now = new Date('2026-12-01T12:00:00.000Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();

function anOccurrence(i: number, change: Partial<NudgeRecord> = {}): NudgeRecord {
  return aQuizNudge({
    nudgeId: `weekly-${i}`,
    occurrence: `occurrence-${i}`,
    scheduleId: 'weekly',
    createdAt: daysAgo(7 * (5 - i)),
    ...change,
  });
}

function deliveries(
  nudge: NudgeRecord,
  counts: { sent: number; pending?: number; optedOut?: number; expired?: number },
) {
  const one = (status: DeliveryRecord['status'], change: Partial<DeliveryRecord> = {}) =>
    ({
      status,
      expiresAt: daysAgo(-60),
      ...change,
    }) as DeliveryRecord;
  const records = [
    ...Array.from({ length: counts.sent }, () => one('sent')),
    ...Array.from({ length: counts.pending ?? 0 }, () => one('pending')),
    ...Array.from({ length: counts.optedOut ?? 0 }, () => one('failed', { reason: 'OptedOut' })),
    ...Array.from({ length: counts.expired ?? 0 }, () => one('sent', { expiresAt: daysAgo(1) })),
  ];
  return [`${nudge.nudgeId}\n${nudge.occurrence}`, records] as const;
}

/** `people` answers to an occurrence, the first `well` of them the best reply. */
function answers(nudge: NudgeRecord, people: number, well: number, from = 0): AnswerFact[] {
  return Array.from({ length: people }, (_, i) => ({
    nudgeId: nudge.nudgeId,
    occurrence: nudge.occurrence,
    respondent: `respondent-${from + i}`,
    correct: i < well,
  }));
}

describe('nudge report figures (pure)', function () {
  it('groups a schedule by its id and a send-now nudge by its own', function () {
    assert.equal(reportGroupOf(anOccurrence(1)), 'weekly');
    assert.equal(reportGroupOf({ nudgeId: 'n-1' }), 'n-1');
  });

  it('counts sent, waiting, not sent by reason and answered, leaving out expired deliveries', function () {
    const a = anOccurrence(1);
    const b = anOccurrence(2);
    const figures = reportFigures({
      nudges: [b, a],
      deliveries: new Map([
        deliveries(a, { sent: 6, pending: 1, optedOut: 2, expired: 3 }),
        deliveries(b, { sent: 5 }),
      ]),
      answers: [...answers(a, 5, 4), ...answers(b, 2, 1)],
      now,
    });
    assert.deepEqual(
      figures.occurrences.map((o) => [o.nudge.nudgeId, o.sent, o.pending, o.answered]),
      [
        ['weekly-1', 6, 1, 5],
        ['weekly-2', 5, 0, 2],
      ],
      'oldest first',
    );
    assert.deepEqual(
      [figures.sent, figures.pending, figures.failed, figures.answered],
      [11, 1, { OptedOut: 2 }, 7],
    );
  });

  it('counts one answer per person and occurrence', function () {
    const a = anOccurrence(1);
    const twice = [...answers(a, 5, 5), ...answers(a, 5, 0)];
    const figures = reportFigures({ nudges: [a], deliveries: new Map(), answers: twice, now });
    assert.equal(figures.occurrences[0]!.answered, 5);
    assert.deepEqual(figures.occurrences[0]!.answeredWell, { shown: true, percent: 100 });
  });

  it('shows the share answered well for five people, never for four', function () {
    const a = anOccurrence(1);
    const b = anOccurrence(2);
    const figures = reportFigures({
      nudges: [a, b],
      deliveries: new Map(),
      answers: [...answers(a, 5, 3), ...answers(b, 4, 4, 10)],
      now,
    });
    assert.deepEqual(figures.occurrences[0]!.answeredWell, { shown: true, percent: 60 });
    assert.deepEqual(figures.occurrences[1]!.answeredWell, { shown: false, reason: 'too-few' });
  });

  it("holds back the period's share when the hidden occurrences hold one to four people", function () {
    const [a, b, c] = [anOccurrence(1), anOccurrence(2), anOccurrence(3)];
    const hidden1 = reportFigures({
      nudges: [a, b],
      deliveries: new Map(),
      answers: [...answers(a, 6, 3), ...answers(b, 1, 1, 20)],
      now,
    });
    assert.deepEqual(hidden1.answeredWell, { shown: false, reason: 'derivable' });
    // Hidden occurrences of three and two different people: five together, so it may be shown.
    const hidden5 = reportFigures({
      nudges: [a, b, c],
      deliveries: new Map(),
      answers: [...answers(a, 6, 3), ...answers(b, 3, 3, 20), ...answers(c, 2, 0, 30)],
      now,
    });
    assert.deepEqual(hidden5.answeredWell, { shown: true, percent: 55 });
    const none = reportFigures({
      nudges: [a],
      deliveries: new Map(),
      answers: answers(a, 4, 4),
      now,
    });
    assert.deepEqual(none.answeredWell, { shown: false, reason: 'too-few' });
  });

  it('reports the latest occurrences within 90 days, at most twelve', function () {
    const old = anOccurrence(0, { createdAt: daysAgo(91), nudgeId: 'old' });
    const edge = anOccurrence(0, { createdAt: daysAgo(90), nudgeId: 'edge' });
    const many = Array.from({ length: 14 }, (_, i) =>
      anOccurrence(i, { createdAt: daysAgo(30 - i), nudgeId: `n${i}` }),
    );
    const inPeriod = reportFigures({
      nudges: [old, edge],
      deliveries: new Map(),
      answers: [],
      now,
    });
    assert.deepEqual(
      inPeriod.occurrences.map((o) => o.nudge.nudgeId),
      ['edge'],
    );
    const latest = reportFigures({ nudges: many, deliveries: new Map(), answers: [], now });
    assert.equal(latest.occurrences.length, reportOccurrences);
    assert.equal(latest.occurrences[0]!.nudge.nudgeId, 'n2');
  });

  it('has nothing to answer for a tip, and no share answered well for a check-in', function () {
    const tip = anOccurrence(1, { content: { kind: 'tip', tipId: 'make-it-routine' } });
    const checkIn = anOccurrence(2, { content: { kind: 'checkIn' }, nudgeId: 'c' });
    const tipFigures = reportFigures({ nudges: [tip], deliveries: new Map(), answers: [], now });
    assert.equal(tipFigures.answered, undefined);
    assert.equal(tipFigures.occurrences[0]!.answered, undefined);
    const checkInFigures = reportFigures({
      nudges: [checkIn],
      deliveries: new Map(),
      answers: answers(checkIn, 2, 0),
      now,
    });
    assert.equal(checkInFigures.answered, 2);
    assert.equal(checkInFigures.answeredWell, undefined);
  });
});

describe('nudge report card', function () {
  const [a, b] = [anOccurrence(1), anOccurrence(2)];
  const figures = reportFigures({
    nudges: [a, b],
    deliveries: new Map([deliveries(a, { sent: 8, optedOut: 1 }), deliveries(b, { sent: 8 })]),
    answers: [...answers(a, 6, 4), ...answers(b, 3, 1, 10)],
    now,
  });
  const card = renderCard(
    'nudges-report',
    reportView(figures, { what: 'Quiz', group: 'weekly', now }).data,
  );

  it('is a valid 1.5 card whose Teams chart has its documented shape, with a table fallback', function () {
    assertValidCard(card, 'nudges-report');
    const chart = (card.body as Record<string, unknown>[]).find((e) =>
      String(e.type).startsWith('Chart.'),
    )!;
    assert.equal(chart.type, 'Chart.VerticalBar.Grouped');
    assert.deepEqual(chart.data, [
      {
        legend: 'Answered (% of those sent)',
        values: [
          { x: '3 Nov', y: 75 },
          { x: '10 Nov', y: 38 },
        ],
      },
      { legend: 'Answered well (%)', values: [{ x: '3 Nov', y: 67 }] },
    ]);
    assert.equal((chart.fallback as { type: string }).type, 'Table');
    const problems: string[] = [];
    withChartsChecked({ ...card, body: [{ ...chart, data: [{ values: [{ x: 1 }] }] }] }, problems);
    assert.ok(problems.length > 0, 'a chart without a legend or y is caught');
  });

  it('shows counts and shares only: a small group is never shown, and no one is named', function () {
    const json = JSON.stringify(card);
    assert.match(
      json,
      /"title":"Answered well","value":"held back: with the sends shown above it would give away the few answers to a smaller send"/,
      'the period: the hidden send holds three people, so its share would follow by subtraction',
    );
    assert.match(textsOf(card).join('\n'), /Not sent: they stopped or snoozed refreshers/);
    assert.doesNotMatch(json, /respondent-\d/);
    assert.doesNotMatch(json, /33%/, 'the group of three is not shown');
  });

  it('refreshes on demand, for the same group', function () {
    const refresh = (card.actions as Record<string, unknown>[]).find((x) => x.title === 'Refresh');
    assert.deepEqual([refresh?.verb, refresh?.data], ['nudges.report', { group: 'weekly' }]);
  });
});
