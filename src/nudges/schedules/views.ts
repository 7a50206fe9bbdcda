import { DateTime } from 'luxon';
import type { CardAction } from '../../kernel/cardAction';
import { nudgeVerbs, welcomeVerbs } from '../../kernel/verbs';
import type { ScheduleForm } from './form';
import type { ScheduleRecord } from './model';
import {
  defaultWorkingHours,
  scheduleZone,
  type ScheduleRule,
  type WorkingHours,
} from './occurrences';
import { scheduleVerbs } from './verbs';

interface Choice {
  readonly title: string;
  readonly value: string;
}

export interface ScheduleFormCardData {
  readonly title: string;
  readonly intro: string;
  /** What was wrong with the last try; empty on a fresh form. */
  readonly problems: readonly string[];
  readonly audiences: readonly Choice[];
  readonly contents: readonly Choice[];
  readonly cadences: readonly Choice[];
  readonly weekdays: readonly Choice[];
  readonly values: Required<ScheduleForm>;
  readonly timeMin: string;
  readonly timeMax: string;
  readonly timeHint: string;
  readonly save: CardAction;
  readonly actions: readonly CardAction[];
}

export interface ScheduleListItem {
  readonly heading: string;
  readonly when: string;
  readonly status: string;
  /** Occurrences not sent because DARE Coach was not running that day; empty when none. */
  readonly missed: string;
  readonly buttons: readonly CardAction[];
}

export interface ScheduleListCardData {
  readonly title: string;
  /** What just happened (saved, paused, …) or what to do; never empty. */
  readonly message: string;
  readonly schedules: readonly ScheduleListItem[];
  readonly actions: readonly CardAction[];
}

export interface ScheduleCardModels {
  'nudges-schedule': ScheduleFormCardData;
  'nudges-schedules': ScheduleListCardData;
}

const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const menuButton: CardAction = { title: 'Back to the menu', verb: welcomeVerbs.show, data: {} };
const refreshersButton: CardAction = { title: 'Send one now', verb: nudgeVerbs.manage, data: {} };

/** A London time for people: "Thu 26 Mar 2026, 10:00". */
export function londonWhen(instant: string): string {
  return DateTime.fromISO(instant, { zone: scheduleZone }).toFormat('ccc d LLL yyyy, HH:mm');
}

const londonDay = (date: string): string =>
  DateTime.fromISO(date, { zone: scheduleZone }).toFormat('d LLL yyyy');

/** "Weekly on Thursday at 10:00, from 19 Mar 2026 until 30 Jun 2026". */
export function describeRule(rule: ScheduleRule): string {
  const { cadence } = rule;
  const how =
    cadence.kind === 'once'
      ? `Once, on ${londonDay(rule.start)} at ${rule.time}`
      : cadence.kind === 'weekly'
        ? `Weekly on ${weekdayNames[cadence.weekday - 1] ?? ''} at ${rule.time}`
        : `Monthly on day ${cadence.day}${cadence.day > 28 ? ' (the last day of a shorter month)' : ''} at ${rule.time}`;
  if (cadence.kind === 'once') return how;
  return `${how}, from ${londonDay(rule.start)}${rule.end ? ` until ${londonDay(rule.end)}` : ''}`;
}

/** The form for a new schedule, filled with what was entered when it is shown again. */
export function scheduleFormView(options: {
  readonly audiences: readonly Choice[];
  readonly contents: readonly Choice[];
  readonly values: ScheduleForm;
  readonly problems?: readonly string[];
  readonly workingHours?: WorkingHours;
}): { card: 'nudges-schedule'; data: ScheduleFormCardData } {
  const hours = options.workingHours ?? defaultWorkingHours;
  const v = options.values;
  return {
    card: 'nudges-schedule',
    data: {
      title: 'Schedule a refresher',
      intro:
        'It goes to each person’s personal chat at the time you pick, London time. A date on a weekend or a bank holiday moves to the next working day.',
      problems: options.problems ?? [],
      audiences: options.audiences,
      contents: options.contents,
      cadences: [
        { title: 'Once', value: 'once' },
        { title: 'Weekly', value: 'weekly' },
        { title: 'Monthly', value: 'monthly' },
      ],
      weekdays: weekdayNames.slice(0, 5).map((title, i) => ({ title, value: String(i + 1) })),
      values: {
        audience: v.audience ?? options.audiences[0]?.value ?? '',
        content: v.content ?? options.contents[0]?.value ?? '',
        cadence: v.cadence ?? 'weekly',
        weekday: v.weekday ?? '1',
        day: v.day ?? '1',
        time: v.time ?? '10:00',
        start: v.start ?? '',
        end: v.end ?? '',
      },
      timeMin: hours.from,
      timeMax: hours.to,
      timeHint: `Between ${hours.from} and ${hours.to}.`,
      save: { title: 'Save schedule', verb: scheduleVerbs.create, data: {} },
      actions: [{ title: 'Schedules', verb: scheduleVerbs.list, data: {} }, menuButton],
    },
  };
}

const stateWords: Record<ScheduleRecord['scheduleState'], string> = {
  active: 'On',
  paused: 'Paused',
  cancelled: 'Cancelled',
  ended: 'Finished',
};

/** The tenant's schedules, each with the changes it allows. */
export function scheduleListView(options: {
  readonly schedules: readonly ScheduleRecord[];
  readonly what: (schedule: ScheduleRecord) => string;
  readonly whom: (schedule: ScheduleRecord) => string;
  readonly message?: string;
}): { card: 'nudges-schedules'; data: ScheduleListCardData } {
  const button = (title: string, verb: string, s: ScheduleRecord): CardAction => ({
    title,
    verb,
    data: { scheduleId: s.scheduleId },
  });
  const schedules = options.schedules.map((s): ScheduleListItem => {
    const next = s.scheduleState === 'active' && s.nextDue ? `, next ${londonWhen(s.nextDue)}` : '';
    return {
      heading: `${options.what(s)}, to ${options.whom(s)}`,
      when: describeRule(s.rule),
      status: `${stateWords[s.scheduleState]}${next}. Sent ${s.sent} time${s.sent === 1 ? '' : 's'}.`,
      missed:
        s.missed.length > 0
          ? `Not sent, because DARE Coach was not running that day: ${s.missed.map(londonWhen).join('; ')}.`
          : '',
      buttons: [
        ...(s.scheduleState === 'active'
          ? [button('Pause', scheduleVerbs.pause, s), button('Cancel', scheduleVerbs.cancel, s)]
          : s.scheduleState === 'paused'
            ? [button('Resume', scheduleVerbs.resume, s), button('Cancel', scheduleVerbs.cancel, s)]
            : []),
        // Its occurrences' report (sent, failed, answered), once one has been sent.
        ...(s.sent > 0
          ? [{ title: 'Report', verb: nudgeVerbs.report, data: { group: s.scheduleId } }]
          : []),
      ],
    };
  });
  return {
    card: 'nudges-schedules',
    data: {
      title: 'Refresher schedules',
      message:
        options.message ??
        (schedules.length === 0
          ? 'No schedules yet. A schedule sends a tip, the check-in or a quiz on its dates, in working hours.'
          : 'Times are London time.'),
      schedules,
      actions: [
        { title: 'New schedule', verb: scheduleVerbs.compose, data: {} },
        refreshersButton,
        menuButton,
      ],
    },
  };
}
