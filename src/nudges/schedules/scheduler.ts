import type { StoredItem } from '../../kernel/documentStore';
import { isAppError } from '../../kernel/errors';
import type { Logger } from '../../logging/logger';
import { missedKept, occurrenceNudgeId, scheduleKey, type ScheduleRecord } from './model';
import { finishClaim, replaceSchedule, type OccurrenceDeps } from './occurrenceRecords';
import {
  defaultWorkingHours,
  nominalAfter,
  occurrenceOf,
  windowCloseOf,
  type HolidayCalendar,
  type WorkingHours,
} from './occurrences';

export interface SchedulerDeps extends OccurrenceDeps {
  /** England and Wales bank holidays (loaded on first use). */
  readonly calendar: () => Promise<HolidayCalendar>;
  /** Starts part 1's worker for a tenant: it expands and sends the new occurrence. */
  readonly wake: (tenantId: string) => void;
  readonly logger: Logger;
}

export interface SchedulerOptions {
  /** How often the scheduler looks for due occurrences. */
  readonly pollMs: number;
  readonly workingHours: WorkingHours;
  /** Schedules looked at per pass, across tenants. */
  readonly batch: number;
}

export const defaultSchedulerOptions: SchedulerOptions = {
  pollMs: 30_000,
  workingHours: defaultWorkingHours,
  batch: 500,
};

/** What one pass did. */
export interface SchedulerPass {
  /** Occurrences this pass created as nudge records. */
  created: number;
  /** Occurrences recorded as missed (their day's window had closed). */
  missed: number;
}

/** Occurrences handled per schedule per pass at most (a schedule long unattended catches up). */
const stepsPerSchedule = 50;

/**
 * Turns schedules into nudges. Each pass finds active schedules (any tenant), and for each one
 * whose next occurrence is due: claims it by advancing the schedule's "next due" with If-Match (so
 * of two instances only one advances), then creates the occurrence as a nudge record with an id
 * derived from (schedule, instant) and wakes part 1's worker. A claim left by a stopped instance is
 * finished by the next pass (creating is idempotent by id): never sent twice, never skipped.
 *
 * Catching up after downtime: a due occurrence is still sent while its London day's working window
 * is open (e.g. until 16:30); after that it is not sent late but recorded as missed on the
 * schedule, which the manager's schedules card shows, and the schedule moves on.
 */
export class Scheduler {
  private readonly options: SchedulerOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SchedulerPass> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly deps: SchedulerDeps,
    options: Partial<SchedulerOptions> = {},
  ) {
    this.options = { ...defaultSchedulerOptions, ...options };
  }

  /** Looks for due occurrences every `pollMs`. */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
    this.wake();
  }

  /** A pass now (e.g. the sandbox's clock moved); one at a time, another after if asked during. */
  wake(): void {
    if (this.stopped) return;
    void this.passOnce().catch((err: unknown) => {
      this.deps.logger.warn('schedule pass failed', { code: codeOf(err) });
    });
  }

  /** Runs one pass (or joins the one in flight, and runs one more after it). */
  passOnce(): Promise<SchedulerPass> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.wake();
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async pass(): Promise<SchedulerPass> {
    const result: SchedulerPass = { created: 0, missed: 0 };
    const find = this.deps.schedules.findByField?.bind(this.deps.schedules);
    if (!find) return result;
    const items = await find('scheduleState', 'active', { limit: this.options.batch });
    const now = this.deps.clock.now().getTime();
    for (const item of items) {
      if (item.value.kind !== 'schedule') continue;
      const due = item.value.nextDue !== undefined && Date.parse(item.value.nextDue) <= now;
      if (!due && !item.value.claimed) continue;
      try {
        await this.runSchedule(item, result);
      } catch (err) {
        // One schedule's storage trouble never holds the others up; the next pass tries again.
        this.deps.logger.warn('schedule not advanced', { code: codeOf(err) });
      }
    }
    return result;
  }

  /** Handles every due occurrence of one schedule, re-reading it whenever another writer won. */
  private async runSchedule(
    first: StoredItem<ScheduleRecord>,
    result: SchedulerPass,
  ): Promise<void> {
    const { deps } = this;
    let item: StoredItem<ScheduleRecord> | undefined = first;
    for (let step = 0; item && step < stepsPerSchedule; step += 1) {
      const schedule: ScheduleRecord = item.value;
      if (schedule.claimed) {
        const finished = await finishClaim(deps, item);
        if (finished.created) {
          result.created += 1;
          deps.logger.info('scheduled nudge created', { nudgeId: schedule.claimed.nudgeId });
          deps.wake(schedule.tenantId);
        }
        item = finished.item ?? (await this.reread(schedule));
        continue;
      }
      const now = deps.clock.now();
      if (
        schedule.scheduleState !== 'active' ||
        schedule.nextNominal === undefined ||
        schedule.nextDue === undefined ||
        Date.parse(schedule.nextDue) > now.getTime()
      ) {
        return;
      }
      const calendar = await deps.calendar();
      const current = occurrenceOf(schedule.rule, schedule.nextNominal, calendar);
      const followingNominal = nominalAfter(schedule.rule, schedule.nextNominal);
      const following = followingNominal
        ? occurrenceOf(schedule.rule, followingNominal, calendar)
        : undefined;
      const inTime =
        now.getTime() <= windowCloseOf(current.date, this.options.workingHours).getTime();
      const { nextNominal: _n, nextDue: _d, ...base } = schedule;
      const advanced: ScheduleRecord = {
        ...base,
        ...(following ? { nextNominal: following.nominal, nextDue: following.at } : {}),
        updatedAt: now.toISOString(),
      };
      const next: ScheduleRecord = inTime
        ? {
            ...advanced,
            claimed: {
              nudgeId: occurrenceNudgeId(schedule.scheduleId, schedule.nextDue),
              occurrence: schedule.nextDue,
            },
            sent: schedule.sent + 1,
            lastOccurrence: schedule.nextDue,
          }
        : {
            ...advanced,
            missed: [...schedule.missed, schedule.nextDue].slice(-missedKept),
            ...(following ? {} : { scheduleState: 'ended' as const }),
          };
      const replaced = await replaceSchedule(deps.schedules, item, next);
      if (replaced && !inTime) {
        result.missed += 1;
        deps.logger.warn('scheduled nudge missed: its working window had closed', {
          reason: 'window-closed',
        });
      }
      item = replaced ?? (await this.reread(schedule));
    }
  }

  private async reread(schedule: ScheduleRecord): Promise<StoredItem<ScheduleRecord> | undefined> {
    return this.deps.schedules.read(scheduleKey(schedule.tenantId, schedule.scheduleId));
  }
}

function codeOf(err: unknown): string {
  return isAppError(err) ? err.code : err instanceof Error ? err.name : 'unknown';
}
