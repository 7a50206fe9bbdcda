/** Managers' refresher schedules: each verb declared once; the bot's verb table handles them. */
export const scheduleVerbs = {
  /** The tenant's schedules, each with pause / resume / cancel. */
  list: 'schedules.list',
  /** The form for a new schedule. */
  compose: 'schedules.new',
  /** Save the form as a schedule (nothing is saved unless all of it is valid). */
  create: 'schedules.create',
  pause: 'schedules.pause',
  resume: 'schedules.resume',
  cancel: 'schedules.cancel',
} as const;

export type ScheduleVerb = (typeof scheduleVerbs)[keyof typeof scheduleVerbs];
