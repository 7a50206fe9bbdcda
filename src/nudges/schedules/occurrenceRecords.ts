import type { Clock } from '../../kernel/clock';
import type { DocumentStore, StoredItem } from '../../kernel/documentStore';
import { ErrorCodes, isAppError, isStaleWrite } from '../../kernel/errors';
import type { NudgeRecord } from '../model';
import { nudgeKey } from '../stores';
import {
  scheduleKey,
  type ClaimedOccurrence,
  type ScheduleRecord,
  type ScheduleStore,
} from './model';

export interface OccurrenceDeps {
  readonly schedules: ScheduleStore;
  readonly nudges: DocumentStore<NudgeRecord>;
  readonly clock: Clock;
}

/**
 * Creates a claimed occurrence as a nudge record for part 1's worker. Its id is deterministic, so
 * when it already exists (another instance, or this one before a restart) nothing more is created:
 * true when this call created it.
 */
export async function createOccurrence(
  deps: Pick<OccurrenceDeps, 'nudges' | 'clock'>,
  schedule: ScheduleRecord,
  claimed: ClaimedOccurrence,
): Promise<boolean> {
  const nudge: NudgeRecord = {
    tenantId: schedule.tenantId,
    nudgeId: claimed.nudgeId,
    occurrence: claimed.occurrence,
    scheduleId: schedule.scheduleId,
    content: schedule.content,
    audience: schedule.audience,
    sentBy: schedule.createdBy,
    state: 'expanding',
    createdAt: deps.clock.now().toISOString(),
  };
  try {
    await deps.nudges.create(nudgeKey(nudge.tenantId, nudge.nudgeId), nudge);
    return true;
  } catch (err) {
    if (isAppError(err, ErrorCodes.storeConflict)) return false;
    throw err;
  }
}

/** Replaces a schedule If-Match; undefined when another writer changed it first (or it is gone). */
export async function replaceSchedule(
  store: ScheduleStore,
  item: StoredItem<ScheduleRecord>,
  value: ScheduleRecord,
): Promise<StoredItem<ScheduleRecord> | undefined> {
  try {
    return await store.replace(
      { ...scheduleKey(value.tenantId, value.scheduleId), etag: item.etag },
      value,
    );
  } catch (err) {
    if (isStaleWrite(err)) return undefined;
    throw err;
  }
}

/**
 * Finishes a claim left on a schedule: creates the occurrence (at most once, by its id), then
 * clears the claim (If-Match). Returns the schedule as stored after, or undefined when another
 * writer changed it meanwhile (the caller reads it again).
 */
export async function finishClaim(
  deps: OccurrenceDeps,
  item: StoredItem<ScheduleRecord>,
): Promise<{ item: StoredItem<ScheduleRecord> | undefined; created: boolean }> {
  const { claimed, ...rest } = item.value;
  if (!claimed) return { item, created: false };
  const created = await createOccurrence(deps, item.value, claimed);
  const done: ScheduleRecord = {
    ...rest,
    // The last date's claim finished: nothing remains.
    scheduleState:
      rest.scheduleState === 'active' && rest.nextDue === undefined ? 'ended' : rest.scheduleState,
    updatedAt: deps.clock.now().toISOString(),
  };
  return { item: await replaceSchedule(deps.schedules, item, done), created };
}
