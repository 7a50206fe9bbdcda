import type { Storage } from '../../../src/kernel/documentStore';
import type { NudgeAudience, NudgeRecord } from '../../../src/nudges/model';
import { englandAndWalesHolidays } from '../../../src/nudges/schedules/calendar';
import { scheduleStore } from '../../../src/nudges/schedules/model';
import type { ScheduleRule } from '../../../src/nudges/schedules/occurrences';
import { Scheduler } from '../../../src/nudges/schedules/scheduler';
import { createSchedule, type ScheduleUseCaseDeps } from '../../../src/nudges/schedules/schedules';
import { nudgeStores } from '../../../src/nudges/stores';
import { capturedLogger } from '../capturedLogs';
import type { ManualClock } from '../referrals/deliveryFakes';

export const tenantId = '00000000-0000-4000-8000-00000000aaaa';
export const managerId = '00000000-0000-4000-8000-0000000000aa';
export const team: NudgeAudience = { kind: 'team', teamId: '19:fake-team@thread.tacv2' };

/** Schedules, nudges and schedulers over one storage and one manual clock; wakes counted. */
export function scheduleWorld(storage: Storage, clock: ManualClock) {
  const woken: string[] = [];
  const logs = capturedLogger();
  const deps: ScheduleUseCaseDeps = {
    schedules: scheduleStore(storage),
    nudges: nudgeStores(storage).nudges,
    clock,
    calendar: englandAndWalesHolidays,
    wake: (t) => woken.push(t),
  };
  const scheduler = () => new Scheduler({ ...deps, logger: logs.logger });
  const schedule = async (rule: ScheduleRule) => {
    const result = await createSchedule(deps, {
      tenantId,
      managerId,
      content: { kind: 'tip', tipId: 'tip-01' },
      audience: team,
      rule,
    });
    if (!result.ok) throw new Error(result.problems.join(' '));
    return result.schedule;
  };
  /** The scheduled nudge records of the tenant, by occurrence. */
  const occurrences = async (): Promise<NudgeRecord[]> =>
    (await deps.nudges.listPartition(tenantId))
      .map((i) => i.value)
      .filter((n) => n.scheduleId !== undefined)
      .sort((a, b) => a.occurrence.localeCompare(b.occurrence));
  return { deps, woken, logs, scheduler, schedule, occurrences };
}
