import { strict as assert } from 'node:assert';
import { englandAndWalesHolidays } from '../../../../src/nudges/schedules/calendar';
import {
  firstOccurrenceFrom,
  nominalAfter,
  nominalOnOrAfter,
  occurrenceOf,
  withinWorkingHours,
  defaultWorkingHours,
  type HolidayCalendar,
  type ScheduleRule,
} from '../../../../src/nudges/schedules/occurrences';

/** Every occurrence of a rule from its start, in order (at most `max`). */
function occurrences(rule: ScheduleRule, calendar: HolidayCalendar, max = 60) {
  const out: { nominal: string; date: string; at: string }[] = [];
  let nominal = nominalOnOrAfter(rule, rule.start);
  while (nominal !== undefined && out.length < max) {
    out.push(occurrenceOf(rule, nominal, calendar));
    nominal = nominalAfter(rule, nominal);
  }
  return out;
}

const weekly = (weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7, start: string, end?: string): ScheduleRule => ({
  cadence: { kind: 'weekly', weekday },
  time: '10:00',
  start,
  ...(end ? { end } : {}),
});
const monthly = (day: number, start: string, end?: string): ScheduleRule => ({
  cadence: { kind: 'monthly', day },
  time: '10:00',
  start,
  ...(end ? { end } : {}),
});

describe('schedule occurrences (Europe/London, England and Wales working days)', () => {
  let calendar: HolidayCalendar;
  before(async () => {
    calendar = await englandAndWalesHolidays();
  });

  describe('daylight saving time', () => {
    it('keeps a weekly 10:00 at 10:00 London across the last Sunday of March (GMT to BST)', () => {
      const list = occurrences(weekly(4, '2026-03-19', '2026-04-02'), calendar);
      assert.deepEqual(
        list.map((o) => o.at),
        [
          '2026-03-19T10:00:00.000Z', // Thursday, GMT
          '2026-03-26T10:00:00.000Z', // Thursday before the change (29 March)
          '2026-04-02T09:00:00.000Z', // Thursday after: BST, 10:00 London is 09:00 UTC
        ],
      );
    });

    it('keeps a weekly 10:00 at 10:00 London across the last Sunday of October (BST to GMT)', () => {
      const list = occurrences(weekly(3, '2026-10-21', '2026-11-04'), calendar);
      assert.deepEqual(
        list.map((o) => o.at),
        ['2026-10-21T09:00:00.000Z', '2026-10-28T10:00:00.000Z', '2026-11-04T10:00:00.000Z'],
      );
    });

    it('a Monday schedule on the Monday right after each change is at 10:00 London', () => {
      assert.equal(
        occurrenceOf(weekly(1, '2026-03-30'), '2026-03-30', calendar).at,
        '2026-03-30T09:00:00.000Z',
      );
      assert.equal(
        occurrenceOf(weekly(1, '2026-10-26'), '2026-10-26', calendar).at,
        '2026-10-26T10:00:00.000Z',
      );
    });
  });

  describe('weekends and bank holidays', () => {
    it('moves Good Friday and Easter Monday to the next working day (Tuesday)', () => {
      // 2026: Good Friday 3 April, Easter Monday 6 April.
      assert.equal(
        occurrenceOf(weekly(5, '2026-04-03'), '2026-04-03', calendar).date,
        '2026-04-07',
      );
      assert.equal(
        occurrenceOf(weekly(1, '2026-04-06'), '2026-04-06', calendar).date,
        '2026-04-07',
      );
    });

    it('skips Christmas, Boxing Day and its substitute day (Monday 28 December 2026)', () => {
      // 25 Dec 2026 is a Friday, 26 a Saturday: the substitute bank holiday is Monday 28.
      const o = occurrenceOf(monthly(25, '2026-12-01'), '2026-12-25', calendar);
      assert.deepEqual([o.nominal, o.date], ['2026-12-25', '2026-12-29']);
    });

    it('moves both Christmas substitutes when both days fall on a weekend (2027: 27 and 28 Dec)', () => {
      const o = occurrenceOf(monthly(25, '2027-12-01'), '2027-12-25', calendar);
      assert.equal(o.date, '2027-12-29');
    });

    it('moves a weekend date to the Monday', () => {
      assert.equal(
        occurrenceOf(monthly(14, '2026-11-01'), '2026-11-14', calendar).date,
        '2026-11-16',
      );
    });

    it('moves the May bank holidays', () => {
      assert.equal(
        occurrenceOf(monthly(4, '2026-05-01'), '2026-05-04', calendar).date,
        '2026-05-05',
      );
      assert.equal(
        occurrenceOf(monthly(25, '2026-05-01'), '2026-05-25', calendar).date,
        '2026-05-26',
      );
    });

    it('leaves an ordinary working day alone', () => {
      const o = occurrenceOf(weekly(2, '2026-06-02'), '2026-06-02', calendar);
      assert.deepEqual([o.date, o.at], ['2026-06-02', '2026-06-02T09:00:00.000Z']);
    });
  });

  describe('month ends: a day the month lacks falls on its last day', () => {
    it('the 31st falls on the 30th in 30-day months and on the 28th or 29th in February', () => {
      const list = occurrences(monthly(31, '2027-01-01', '2028-06-30'), calendar);
      const nominal = list.map((o) => o.nominal);
      assert.deepEqual(nominal.slice(0, 7), [
        '2027-01-31',
        '2027-02-28',
        '2027-03-31',
        '2027-04-30',
        '2027-05-31',
        '2027-06-30',
        '2027-07-31',
      ]);
      assert.ok(nominal.includes('2028-02-29'), 'a leap year February ends on the 29th');
    });

    it('the 29th and 30th fall on the 28th in a February of 28 days, and return after', () => {
      assert.deepEqual(
        occurrences(monthly(30, '2027-01-15', '2027-03-31'), calendar).map((o) => o.nominal),
        ['2027-01-30', '2027-02-28', '2027-03-30'],
      );
      assert.deepEqual(
        occurrences(monthly(29, '2027-02-01', '2027-03-31'), calendar).map((o) => o.nominal),
        ['2027-02-28', '2027-03-29'],
      );
    });

    it('a clamped date on a weekend still moves to the next working day', () => {
      // 30 April 2028 is a Sunday; the 31st clamps to it, then passes Monday 1 May 2028 (the early
      // May bank holiday) to Tuesday 2 May.
      const o = occurrenceOf(monthly(31, '2028-04-01'), '2028-04-30', calendar);
      assert.deepEqual([o.nominal, o.date], ['2028-04-30', '2028-05-02']);
    });
  });

  describe('start and end bounds', () => {
    it('a weekly schedule starts on its first weekday on or after the start date', () => {
      assert.equal(nominalOnOrAfter(weekly(3, '2026-06-04'), '2026-06-04'), '2026-06-10');
    });

    it('a monthly date before the start in its month goes to the next month', () => {
      assert.equal(nominalOnOrAfter(monthly(2, '2026-06-10'), '2026-06-10'), '2026-07-02');
    });

    it('no date after the end (inclusive end)', () => {
      const rule = weekly(2, '2026-06-02', '2026-06-16');
      assert.deepEqual(
        occurrences(rule, calendar).map((o) => o.nominal),
        ['2026-06-02', '2026-06-09', '2026-06-16'],
      );
      assert.equal(nominalAfter(rule, '2026-06-16'), undefined);
    });

    it('once: its start date only', () => {
      const rule: ScheduleRule = { cadence: { kind: 'once' }, time: '11:15', start: '2026-06-03' };
      assert.deepEqual(
        occurrences(rule, calendar).map((o) => o.at),
        ['2026-06-03T10:15:00.000Z'],
      );
    });

    it('the first occurrence from now skips ones whose time has passed', () => {
      const rule = weekly(3, '2026-06-03');
      const at = firstOccurrenceFrom(
        rule,
        '2026-06-03',
        new Date('2026-06-03T09:30:00Z'),
        calendar,
      );
      assert.equal(at?.nominal, '2026-06-10');
    });
  });

  it('working hours: 09:30 to 16:30 inclusive', () => {
    const inside = ['09:30', '10:00', '16:30'].map((t) =>
      withinWorkingHours(t, defaultWorkingHours),
    );
    const outside = ['09:29', '16:31', '07:00', '25:00', 'ten'].map((t) =>
      withinWorkingHours(t, defaultWorkingHours),
    );
    assert.deepEqual(inside, [true, true, true]);
    assert.deepEqual(outside, [false, false, false, false, false]);
  });
});
