import { createHash } from 'node:crypto';
import type { DocumentStore, ItemKey, Storage } from '../../kernel/documentStore';
import type { NudgeAudience, NudgeContent } from '../model';
import type { ScheduleRule } from './occurrences';

/**
 * active: occurrences are sent; paused: none until resumed (dates passing meanwhile are not sent);
 * cancelled: none ever again; ended: the last date is behind it.
 */
export type ScheduleState = 'active' | 'paused' | 'cancelled' | 'ended';

/** An occurrence the scheduler has claimed (If-Match) and creates as a nudge record. */
export interface ClaimedOccurrence {
  readonly nudgeId: string;
  /** The occurrence's instant, UTC ISO: the nudge record's `occurrence`. */
  readonly occurrence: string;
}

/** A manager's schedule: what, to whom, and when; and where the scheduler has got to. */
export interface ScheduleRecord {
  readonly kind: 'schedule';
  readonly tenantId: string;
  readonly scheduleId: string;
  readonly content: NudgeContent;
  readonly audience: NudgeAudience;
  readonly rule: ScheduleRule;
  /** A fingerprint of the manager who made it (`sentByOf`), carried onto each occurrence. */
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Named apart from a nudge's `state` (same container): the scheduler's cross-tenant query. */
  readonly scheduleState: ScheduleState;
  /** The next occurrence not yet handled: its cadence date and instant. Absent when none remains. */
  readonly nextNominal?: string;
  readonly nextDue?: string;
  /** Claimed but perhaps not yet created (an instance stopped between the two): finished first. */
  readonly claimed?: ClaimedOccurrence;
  /** Occurrences created so far, and the latest. */
  readonly sent: number;
  readonly lastOccurrence?: string;
  /**
   * Occurrences not sent because no instance ran before that day's working window closed (the
   * latest few, UTC ISO): shown to the manager on the schedules card.
   */
  readonly missed: readonly string[];
}

/** How many missed occurrences a schedule keeps to show. */
export const missedKept = 5;

export type ScheduleStore = DocumentStore<ScheduleRecord>;

/** A tenant's schedules sit in the nudges container, in a partition of their own. */
export const schedulePartition = (tenantId: string): string => `schedules:${tenantId}`;

export const scheduleKey = (tenantId: string, scheduleId: string): ItemKey => ({
  partitionKey: schedulePartition(tenantId),
  id: scheduleId,
});

/**
 * The nudge id of one occurrence, derived from (schedule, instant) as a name-based UUID (version 5
 * layout over SHA-256): every instance and every retry derives the same id, so creating it twice
 * is a conflict, never a second send.
 */
export function occurrenceNudgeId(scheduleId: string, occurrence: string): string {
  const hex = createHash('sha256').update(`${scheduleId}|${occurrence}`, 'utf8').digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

/** The schedules' store: the nudges container (schedules partition per tenant). */
export const scheduleStore = (storage: Storage): ScheduleStore =>
  storage.collection<ScheduleRecord>('nudges');
