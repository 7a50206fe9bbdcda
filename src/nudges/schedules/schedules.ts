import { randomUUID } from 'node:crypto';
import type { StoredItem } from '../../kernel/documentStore';
import { sentByOf, type NudgeAudience, type NudgeContent } from '../model';
import { schedulePartition, scheduleKey, type ScheduleRecord, type ScheduleState } from './model';
import { finishClaim, replaceSchedule, type OccurrenceDeps } from './occurrenceRecords';
import {
  defaultWorkingHours,
  firstOccurrenceFrom,
  londonDateOf,
  minutesOf,
  type HolidayCalendar,
  type ScheduleRule,
  type WorkingHours,
} from './occurrences';

export interface ScheduleUseCaseDeps extends OccurrenceDeps {
  readonly calendar: () => Promise<HolidayCalendar>;
  readonly workingHours?: WorkingHours;
  /** Starts part 1's worker for a tenant (a claim finished on pause or cancel). */
  readonly wake: (tenantId: string) => void;
}

export interface ScheduleRequest {
  readonly tenantId: string;
  readonly managerId: string;
  readonly content: NudgeContent;
  readonly audience: NudgeAudience;
  readonly rule: ScheduleRule;
}

export type CreateResult =
  | { readonly ok: true; readonly schedule: ScheduleRecord }
  | { readonly ok: false; readonly problems: readonly string[] };

/** What is wrong with a rule, in words for the manager; empty when it is fine. */
export function ruleProblems(
  rule: ScheduleRule,
  today: string,
  hours: WorkingHours = defaultWorkingHours,
): string[] {
  const problems: string[] = [];
  const minutes = minutesOf(rule.time);
  if (minutes === undefined) {
    problems.push('Pick a time of day, such as 10:00.');
  } else if (minutes < (minutesOf(hours.from) ?? 0) || minutes > (minutesOf(hours.to) ?? 0)) {
    problems.push(
      `Pick a time between ${hours.from} and ${hours.to} (London time): refreshers arrive in working hours.`,
    );
  }
  if (rule.start < today) problems.push('The start date has passed: pick today or a later date.');
  if (rule.end !== undefined && rule.end < rule.start) {
    problems.push('The end date is before the start date.');
  }
  return problems;
}

/**
 * A manager schedules a refresher. The rule is checked first (time inside working hours, dates in
 * order, at least one occurrence to come); nothing is stored unless all of it holds.
 */
export async function createSchedule(
  deps: ScheduleUseCaseDeps,
  request: ScheduleRequest,
): Promise<CreateResult> {
  const now = deps.clock.now();
  const problems = ruleProblems(request.rule, londonDateOf(now), deps.workingHours);
  if (problems.length > 0) return { ok: false, problems };
  const first = firstOccurrenceFrom(request.rule, request.rule.start, now, await deps.calendar());
  if (!first) {
    return {
      ok: false,
      problems: [
        request.rule.cadence.kind === 'once'
          ? 'That time has passed: pick a later date or time.'
          : 'No date between the start and the end fits: pick a later end date.',
      ],
    };
  }
  const schedule: ScheduleRecord = {
    kind: 'schedule',
    tenantId: request.tenantId,
    scheduleId: randomUUID(),
    content: request.content,
    audience: request.audience,
    rule: request.rule,
    createdBy: sentByOf(request.tenantId, request.managerId),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    scheduleState: 'active',
    nextNominal: first.nominal,
    nextDue: first.at,
    sent: 0,
    missed: [],
  };
  await deps.schedules.create(scheduleKey(schedule.tenantId, schedule.scheduleId), schedule);
  return { ok: true, schedule };
}

/** A tenant's schedules: active and paused first (soonest first), then the rest, newest first. */
export async function listSchedules(
  deps: Pick<OccurrenceDeps, 'schedules'>,
  tenantId: string,
  limit = 20,
): Promise<ScheduleRecord[]> {
  const rank = (s: ScheduleRecord): number =>
    s.scheduleState === 'active' ? 0 : s.scheduleState === 'paused' ? 1 : 2;
  return (await deps.schedules.listPartition(schedulePartition(tenantId)))
    .map((i) => i.value)
    .filter((s) => s.kind === 'schedule')
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.nextDue ?? '').localeCompare(b.nextDue ?? '') ||
        b.createdAt.localeCompare(a.createdAt),
    )
    .slice(0, limit);
}

export type ScheduleChange = 'pause' | 'resume' | 'cancel';

/** Which states each change applies to, and the state it leads to. */
const changes: Record<ScheduleChange, { from: readonly ScheduleState[]; to: ScheduleState }> = {
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  cancel: { from: ['active', 'paused'], to: 'cancelled' },
};

export type ChangeResult =
  | { readonly ok: true; readonly schedule: ScheduleRecord }
  | { readonly ok: false; readonly reason: 'not-found' | 'not-now' };

/**
 * Pause, resume or cancel (If-Match; retried on a concurrent write). An occurrence already claimed
 * by the scheduler is finished first: it was due before the change. Resuming starts from the next
 * occurrence still to come; dates that passed while paused are not sent.
 */
export async function changeSchedule(
  deps: ScheduleUseCaseDeps,
  tenantId: string,
  scheduleId: string,
  change: ScheduleChange,
): Promise<ChangeResult> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    let item: StoredItem<ScheduleRecord> | undefined = await deps.schedules.read(
      scheduleKey(tenantId, scheduleId),
    );
    if (!item || item.value.kind !== 'schedule') return { ok: false, reason: 'not-found' };
    if (item.value.claimed) {
      const finished = await finishClaim(deps, item);
      if (finished.created) deps.wake(tenantId);
      item = finished.item;
      if (!item) continue;
    }
    const current = item.value;
    const { from, to } = changes[change];
    if (!from.includes(current.scheduleState)) return { ok: false, reason: 'not-now' };
    const now = deps.clock.now();
    const { nextNominal: _n, nextDue: _d, ...base } = current;
    let next: ScheduleRecord = { ...base, scheduleState: to, updatedAt: now.toISOString() };
    if (change === 'resume') {
      const today = londonDateOf(now);
      const first = firstOccurrenceFrom(current.rule, today, now, await deps.calendar());
      next = first
        ? { ...next, nextNominal: first.nominal, nextDue: first.at }
        : { ...next, scheduleState: 'ended' };
    }
    const replaced = await replaceSchedule(deps.schedules, item, next);
    if (replaced) return { ok: true, schedule: replaced.value };
  }
  return { ok: false, reason: 'not-now' };
}
