import assert from 'node:assert/strict';
import {
  groupFigures,
  keptUpFigures,
  minGroupSize,
  monthlyFigures,
  monthOf,
  pairedAnswer,
} from '../../../src/outcomes/aggregation';
import type { ConfidenceAnswer } from '../../../src/outcomes/confidenceAnswers';
import { anAnswer } from '../../support/outcomes/builders';

const noTeam = { teamIds: new Set<string>() };
const teamA = { teamIds: new Set(['team-a']) };

/** `n` people answering `identify` in one month: the first `yes` confident (4), the rest not (2). */
function people(
  n: number,
  yes: number,
  change: Partial<ConfidenceAnswer> = {},
  prefix = 'p',
): ConfidenceAnswer[] {
  return Array.from({ length: n }, (_, i) =>
    anAnswer({ respondent: `${prefix}${i}`, answer: i < yes ? 4 : 2, ...change }),
  );
}

function identifyIn(rows: ReturnType<typeof monthlyFigures>, month: string) {
  return rows.find((r) => r.question === 'identify' && r.month === month);
}

describe('confidence aggregation: the group-of-five rule', () => {
  it('shows nothing for four distinct people, and a share for five', () => {
    assert.equal(minGroupSize, 5);
    const four = identifyIn(monthlyFigures(people(4, 4), noTeam), '2026-11');
    assert.deepEqual(four?.council, { shown: false, reason: 'too-few' });
    const five = identifyIn(monthlyFigures(people(5, 2), noTeam), '2026-11');
    assert.deepEqual(five?.council, { shown: true, percent: 40 });
  });

  it('counts people, not answers: four people answering twice are still four', () => {
    const twice = [
      ...people(4, 4, { answeredAt: '2026-11-02T10:00:00Z' }),
      ...people(4, 0, { answeredAt: '2026-11-20T10:00:00Z' }),
    ];
    const row = identifyIn(monthlyFigures(twice, noTeam), '2026-11');
    assert.deepEqual(row?.council, { shown: false, reason: 'too-few' });
  });

  it("uses each person's last answer in the month", () => {
    const changed = [
      ...people(5, 0, { answeredAt: '2026-11-02T10:00:00Z' }),
      ...people(5, 5, { answeredAt: '2026-11-25T10:00:00Z' }),
    ];
    assert.deepEqual(identifyIn(monthlyFigures(changed, noTeam), '2026-11')?.council, {
      shown: true,
      percent: 100,
    });
  });

  it('applies the rule to the team separately: a team of four shows nothing beside a council of nine', () => {
    const answers = [
      ...people(4, 4, { teamId: 'team-a' }, 'a'),
      ...people(5, 0, { teamId: 'team-b' }, 'b'),
    ];
    const row = identifyIn(monthlyFigures(answers, teamA), '2026-11');
    assert.deepEqual(row?.team, { shown: false, reason: 'too-few' });
    assert.deepEqual(row?.council, { shown: true, percent: 44 });
  });
});

describe('confidence aggregation: the subtraction rule', () => {
  it('holds back the team figure when the rest of the council is one to four people', () => {
    for (const rest of [1, 4]) {
      const answers = [
        ...people(5, 5, { teamId: 'team-a' }, 'a'),
        ...people(rest, 0, { teamId: 'team-b' }, 'b'),
      ];
      const row = identifyIn(monthlyFigures(answers, teamA), '2026-11');
      assert.deepEqual(row?.team, { shown: false, reason: 'derivable' }, `rest of ${rest}`);
      assert.equal(row?.council.shown, true);
    }
  });

  it('shows both when the rest of the council is five or more, or nobody', () => {
    const restOfFive = [
      ...people(5, 5, { teamId: 'team-a' }, 'a'),
      ...people(5, 0, { teamId: 'team-b' }, 'b'),
    ];
    const row = identifyIn(monthlyFigures(restOfFive, teamA), '2026-11');
    assert.deepEqual(row?.team, { shown: true, percent: 100 });
    assert.deepEqual(row?.council, { shown: true, percent: 50 });
    const onlyTheTeam = identifyIn(
      monthlyFigures(people(5, 5, { teamId: 'team-a' }), teamA),
      '2026-11',
    );
    assert.deepEqual(onlyTheTeam?.team, { shown: true, percent: 100 });
  });

  it('is the same rule for any pair of groups', () => {
    const council = new Map(Array.from({ length: 7 }, (_, i) => [`p${i}`, i < 3] as const));
    const team = new Set(['p0', 'p1', 'p2', 'p3', 'p4']);
    assert.deepEqual(groupFigures(council, team).team, { shown: false, reason: 'derivable' });
    assert.deepEqual(groupFigures(council, undefined), {
      council: { shown: true, percent: 43 },
    });
  });
});

describe('confidence aggregation: months in Europe/London', () => {
  it('puts a late answer on the last evening of a BST month in the next month', () => {
    // 23:30 UTC on 30 April 2026 is 00:30 on 1 May in London (BST).
    assert.equal(monthOf('2026-04-30T23:30:00Z'), '2026-05');
    assert.equal(monthOf('2026-04-30T22:59:59Z'), '2026-04');
  });

  it('keeps a late answer on the last evening of a GMT month in that month', () => {
    assert.equal(monthOf('2026-11-30T23:30:00Z'), '2026-11');
    assert.equal(monthOf('2026-12-31T23:59:59Z'), '2026-12');
  });

  it('handles the spring clock change falling on the last day of March (31 March 2024)', () => {
    // Clocks went forward at 01:00 UTC on 31 March 2024: that night is GMT, the next BST.
    assert.equal(monthOf('2024-03-31T00:30:00Z'), '2024-03');
    assert.equal(monthOf('2024-03-31T22:59:59Z'), '2024-03');
    assert.equal(monthOf('2024-03-31T23:00:00Z'), '2024-04');
  });

  it('handles the autumn clock change falling on the last day of October (31 October 2021)', () => {
    // Clocks went back at 01:00 UTC on 31 October 2021: the last hour of October is GMT.
    assert.equal(monthOf('2021-10-31T00:30:00Z'), '2021-10');
    assert.equal(monthOf('2021-10-31T23:59:59Z'), '2021-10');
    assert.equal(
      monthOf('2021-09-30T23:00:00Z'),
      '2021-10',
      'the BST side of October starts an hour early',
    );
  });

  it('counts a group by London month: five people across the boundary are split', () => {
    const answers = [
      ...people(3, 3, { answeredAt: '2026-04-30T22:30:00Z' }, 'apr'),
      ...people(2, 2, { answeredAt: '2026-04-30T23:30:00Z' }, 'may'),
    ];
    const rows = monthlyFigures(answers, noTeam);
    assert.deepEqual(
      rows.map((r) => [r.month, r.council.shown]),
      [
        ['2026-04', false],
        ['2026-05', false],
      ],
    );
  });
});

describe('confidence aggregation: kept up (baseline to three and six months)', () => {
  const baseline = anAnswer({
    respondent: 'p0',
    moment: 'before-first-use',
    answer: 2,
    answeredAt: '2026-01-15T10:00:00Z',
  });

  it('pairs the first answer from three months after the baseline, not before', () => {
    const early = anAnswer({ respondent: 'p0', answer: 5, answeredAt: '2026-04-15T08:59:59Z' });
    const onTime = anAnswer({ respondent: 'p0', answer: 4, answeredAt: '2026-04-15T09:00:00Z' });
    const later = anAnswer({ respondent: 'p0', answer: 1, answeredAt: '2026-05-01T09:00:00Z' });
    // 10:00 GMT on 15 January is 10:00 London time; three months on is 10:00 BST = 09:00 UTC.
    assert.equal(pairedAnswer(baseline, [baseline, early, later, onTime], 3), onTime);
    assert.equal(pairedAnswer(baseline, [baseline, early], 3), undefined);
  });

  it('pairs the six-month point from six months on, and never the same answer twice for both', () => {
    const three = anAnswer({ respondent: 'p0', answer: 4, answeredAt: '2026-04-20T09:00:00Z' });
    const six = anAnswer({ respondent: 'p0', answer: 3, answeredAt: '2026-07-16T09:00:00Z' });
    assert.equal(pairedAnswer(baseline, [three, six], 3), three);
    assert.equal(pairedAnswer(baseline, [three, six], 6), six);
    assert.equal(pairedAnswer(baseline, [three], 6), undefined);
  });

  it('pairs only the same person and question', () => {
    const other = anAnswer({ respondent: 'p1', answer: 4, answeredAt: '2026-04-20T09:00:00Z' });
    const engage = anAnswer({
      respondent: 'p0',
      question: 'engage',
      answer: 4,
      answeredAt: '2026-04-20T09:00:00Z',
    });
    assert.equal(pairedAnswer(baseline, [other, engage], 3), undefined);
  });

  it('shows the share confident at three months for five baseline respondents, not four', () => {
    const cohort = (n: number) =>
      Array.from({ length: n }, (_, i) => [
        anAnswer({
          respondent: `p${i}`,
          moment: 'before-first-use',
          answer: 2,
          answeredAt: '2026-01-15T10:00:00Z',
        }),
        anAnswer({
          respondent: `p${i}`,
          answer: i < 4 ? 4 : 3,
          answeredAt: '2026-04-20T10:00:00Z',
        }),
      ]).flat();
    const at = (n: number, months: 3 | 6) =>
      keptUpFigures(cohort(n), noTeam).find(
        (k) => k.question === 'identify' && k.monthsAfterBaseline === months,
      );
    assert.deepEqual(at(5, 3)?.council, { shown: true, percent: 80 });
    assert.deepEqual(at(4, 3)?.council, { shown: false, reason: 'too-few' });
    assert.deepEqual(
      at(5, 6)?.council,
      { shown: false, reason: 'too-few' },
      'nobody at six months',
    );
  });
});
