import { DateTime } from 'luxon';

/** Every schedule runs on London's wall clock: 10:00 stays 10:00 across both DST changes. */
export const scheduleZone = 'Europe/London';

/** A local time of day, `HH:mm` (24-hour). */
export type LocalTime = string;
/** A local calendar date, `yyyy-MM-dd`. */
export type LocalDate = string;

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** How often a schedule sends: once, weekly on a weekday, or monthly on a day of the month. */
export type Cadence =
  | { readonly kind: 'once' }
  | { readonly kind: 'weekly'; readonly weekday: Weekday }
  /**
   * Monthly on `day` (1–31). In a month without that day (the 31st in a 30-day month, the 29th–31st
   * in February) the occurrence falls on the month's last day: the nearest day in the same month.
   */
  | { readonly kind: 'monthly'; readonly day: number };

/** When a schedule sends: its cadence at a local time, from `start` to `end` (both inclusive). */
export interface ScheduleRule {
  readonly cadence: Cadence;
  readonly time: LocalTime;
  readonly start: LocalDate;
  /** Absent: no end. */
  readonly end?: LocalDate;
}

/** The window refreshers may arrive in, London time. */
export interface WorkingHours {
  readonly from: LocalTime;
  readonly to: LocalTime;
}

export const defaultWorkingHours: WorkingHours = { from: '09:30', to: '16:30' };

/** Which days are England and Wales bank holidays (see calendar.ts). */
export interface HolidayCalendar {
  isBankHoliday(date: LocalDate): boolean;
}

/** One occurrence: the date the rule gives, the working day it moved to, and its instant. */
export interface Occurrence {
  /** The date the cadence gives (before moving off a weekend or bank holiday). */
  readonly nominal: LocalDate;
  /** The working day it is sent on. */
  readonly date: LocalDate;
  /** The instant, UTC ISO (`2026-03-30T09:00:00.000Z` for 10:00 London in summer time). */
  readonly at: string;
}

const day = (date: LocalDate): DateTime => DateTime.fromISO(date, { zone: scheduleZone });
const iso = (date: DateTime): LocalDate => date.toISODate() ?? '';

/** `HH:mm` as minutes since midnight; undefined when not a valid time. */
export function minutesOf(time: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** Whether a local time is inside the working-hours window (both ends included). */
export function withinWorkingHours(time: LocalTime, hours: WorkingHours): boolean {
  const minutes = minutesOf(time);
  const from = minutesOf(hours.from);
  const to = minutesOf(hours.to);
  return minutes !== undefined && from !== undefined && to !== undefined
    ? minutes >= from && minutes <= to
    : false;
}

/** The cadence's first date on or after `from` (inclusive), within the rule's start and end. */
export function nominalOnOrAfter(rule: ScheduleRule, from: LocalDate): LocalDate | undefined {
  const earliest = from < rule.start ? rule.start : from;
  const { cadence } = rule;
  let candidate: LocalDate | undefined;
  if (cadence.kind === 'once') {
    candidate = earliest === rule.start ? rule.start : undefined;
  } else if (cadence.kind === 'weekly') {
    const start = day(earliest);
    candidate = iso(start.plus({ days: (cadence.weekday - start.weekday + 7) % 7 }));
  } else {
    const month = day(earliest).startOf('month');
    const inMonth = (m: DateTime): LocalDate =>
      iso(m.set({ day: Math.min(cadence.day, m.daysInMonth ?? 28) }));
    candidate = inMonth(month);
    if (candidate < earliest) candidate = inMonth(month.plus({ months: 1 }));
  }
  return candidate !== undefined && (rule.end === undefined || candidate <= rule.end)
    ? candidate
    : undefined;
}

/** The cadence's next date strictly after `nominal`. */
export function nominalAfter(rule: ScheduleRule, nominal: LocalDate): LocalDate | undefined {
  return nominalOnOrAfter(rule, iso(day(nominal).plus({ days: 1 })));
}

/** `date` itself when a working day, else the next one (weekends and bank holidays skipped). */
export function workingDayOnOrAfter(date: LocalDate, calendar: HolidayCalendar): LocalDate {
  let current = day(date);
  while (current.weekday > 5 || calendar.isBankHoliday(iso(current))) {
    current = current.plus({ days: 1 });
  }
  return iso(current);
}

/** The occurrence a cadence date gives: moved to a working day, at the rule's London time. */
export function occurrenceOf(
  rule: ScheduleRule,
  nominal: LocalDate,
  calendar: HolidayCalendar,
): Occurrence {
  const date = workingDayOnOrAfter(nominal, calendar);
  const at = DateTime.fromISO(`${date}T${rule.time}`, { zone: scheduleZone });
  return { nominal, date, at: at.toUTC().toISO() ?? '' };
}

/** The London date of an instant. */
export function londonDateOf(instant: Date): LocalDate {
  return iso(DateTime.fromJSDate(instant, { zone: scheduleZone }));
}

/** The instant a London date's working window closes (e.g. 16:30 that day). */
export function windowCloseOf(date: LocalDate, hours: WorkingHours): Date {
  return DateTime.fromISO(`${date}T${hours.to}`, { zone: scheduleZone }).toJSDate();
}

/**
 * The first occurrence due at or after `now`, from the cadence date `from` on: used when a schedule
 * starts and when it is resumed (dates that passed while paused are not sent).
 */
export function firstOccurrenceFrom(
  rule: ScheduleRule,
  from: LocalDate,
  now: Date,
  calendar: HolidayCalendar,
): Occurrence | undefined {
  let nominal = nominalOnOrAfter(rule, from);
  // Bounded: a rule gives at most one date a week; two years of them is far more than enough.
  for (let i = 0; nominal !== undefined && i < 120; i += 1) {
    const occurrence = occurrenceOf(rule, nominal, calendar);
    if (Date.parse(occurrence.at) >= now.getTime()) return occurrence;
    nominal = nominalAfter(rule, nominal);
  }
  return undefined;
}
