import { DateTime } from 'luxon';
import type { Cadence, ScheduleRule, Weekday } from './occurrences';

/** What the schedule form sends, each field as typed or picked (Teams sends inputs as text). */
export interface ScheduleForm {
  readonly audience?: string;
  readonly content?: string;
  readonly cadence?: string;
  readonly weekday?: string;
  readonly day?: string;
  readonly time?: string;
  readonly start?: string;
  readonly end?: string;
}

const isDate = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;

/**
 * The rule a form describes, or what is wrong with it in words for the manager. Checks the form's
 * own shape; `ruleProblems` (schedules.ts) checks the rule against the clock and working hours.
 */
export function ruleFromForm(
  form: ScheduleForm,
): { readonly rule: ScheduleRule } | { readonly problems: readonly string[] } {
  const problems: string[] = [];
  let cadence: Cadence | undefined;
  if (form.cadence === 'once') cadence = { kind: 'once' };
  else if (form.cadence === 'weekly') {
    const weekday = Number(form.weekday);
    if (Number.isInteger(weekday) && weekday >= 1 && weekday <= 7) {
      cadence = { kind: 'weekly', weekday: weekday as Weekday };
    } else problems.push('Pick the weekday it goes out on.');
  } else if (form.cadence === 'monthly') {
    const day = Number(form.day);
    if (Number.isInteger(day) && day >= 1 && day <= 31) cadence = { kind: 'monthly', day };
    else problems.push('Give the day of the month it goes out on, from 1 to 31.');
  } else problems.push('Pick how often: once, weekly or monthly.');
  const time = (form.time ?? '').trim().slice(0, 5);
  if (!/^\d{2}:\d{2}$/.test(time)) problems.push('Pick a time of day, such as 10:00.');
  const start = (form.start ?? '').trim();
  if (!isDate(start)) problems.push('Pick a start date.');
  const end = (form.end ?? '').trim();
  if (end !== '' && !isDate(end))
    problems.push('The end date is not a date: pick one, or leave it empty.');
  if (problems.length > 0 || !cadence) return { problems };
  // A one-off has no end.
  return {
    rule: { cadence, time, start, ...(end !== '' && cadence.kind !== 'once' ? { end } : {}) },
  };
}
