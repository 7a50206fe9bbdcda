import { randomUUID } from 'node:crypto';
import type { Clock } from '../kernel/clock';
import {
  deliveryPartition,
  sentByOf,
  type DeliveryRecord,
  type NudgeAudience,
  type NudgeContent,
  type NudgeRecord,
  type NudgeState,
  type PermanentReason,
} from './model';
import { nudgeKey, optOutId, optOutPartition, type NudgeStores } from './stores';

/** Delivery records counted by where they stand; those past retention left out. */
export interface DeliveryCounts {
  readonly sent: number;
  /** Waiting to send, or being sent now. */
  readonly pending: number;
  /** A send was under way when its sender stopped: possibly delivered, not sent again. */
  readonly uncertain: number;
  readonly failed: Partial<Record<PermanentReason, number>>;
}

/** Where a manager's send stands, counted from its delivery records. */
export interface NudgeStatus extends DeliveryCounts {
  readonly nudge: NudgeRecord;
  readonly state: NudgeState;
}

export interface NudgeUseCaseDeps {
  readonly stores: NudgeStores;
  readonly clock: Clock;
  /** Starts sending for the tenant now (the worker on this instance). */
  readonly wake: (tenantId: string) => void;
}

/** A manager sends a tip, the check-in or a quiz to an audience, now. Resolves to the new nudge. */
export async function sendNow(
  deps: NudgeUseCaseDeps,
  request: {
    readonly tenantId: string;
    readonly managerId: string;
    readonly audience: NudgeAudience;
    readonly content: NudgeContent;
  },
): Promise<NudgeRecord> {
  const nudge: NudgeRecord = {
    tenantId: request.tenantId,
    nudgeId: randomUUID(),
    occurrence: 'now',
    content: request.content,
    audience: request.audience,
    sentBy: sentByOf(request.tenantId, request.managerId),
    state: 'expanding',
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.stores.nudges.create(nudgeKey(nudge.tenantId, nudge.nudgeId), nudge);
  deps.wake(nudge.tenantId);
  return nudge;
}

/**
 * Sent / pending / possibly delivered / failed by reason; deliveries past their retention no
 * longer count.
 */
export async function statusOf(
  deps: Pick<NudgeUseCaseDeps, 'stores' | 'clock'>,
  tenantId: string,
  nudgeId: string,
): Promise<NudgeStatus | undefined> {
  const item = await deps.stores.nudges.read(nudgeKey(tenantId, nudgeId));
  if (!item) return undefined;
  const nudge = item.value;
  const now = deps.clock.now().getTime();
  const deliveries = await deps.stores.deliveries.listPartition(
    deliveryPartition(tenantId, nudgeId, nudge.occurrence),
  );
  return {
    nudge,
    state: nudge.state,
    ...countDeliveries(
      deliveries.map((d) => d.value),
      now,
    ),
  };
}

/** Sent / pending / possibly sent / failed by reason of some delivery records; those past retention left out. */
export function countDeliveries(
  deliveries: readonly DeliveryRecord[],
  nowMs: number,
): DeliveryCounts {
  let sent = 0;
  let pending = 0;
  let uncertain = 0;
  const failed: Partial<Record<PermanentReason, number>> = {};
  for (const value of deliveries) {
    if (Date.parse(value.expiresAt) <= nowMs) continue;
    if (value.status === 'sent') sent += 1;
    else if (value.status === 'pending' || value.status === 'attempting') pending += 1;
    else if (value.status === 'uncertain') uncertain += 1;
    else {
      const reason = value.reason ?? 'RetriesExhausted';
      failed[reason] = (failed[reason] ?? 0) + 1;
    }
  }
  return { sent, pending, uncertain, failed };
}

/** The tenant's latest sends, newest first. */
export async function recentNudges(
  deps: Pick<NudgeUseCaseDeps, 'stores'>,
  tenantId: string,
  limit = 5,
): Promise<NudgeRecord[]> {
  const items = await deps.stores.nudges.listPartition(tenantId);
  return items
    .map((i) => i.value)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, limit);
}

/** "stop refreshers": no nudge is expanded to this person from the next send on. */
export async function stopRefreshers(
  deps: Pick<NudgeUseCaseDeps, 'stores' | 'clock'>,
  tenantId: string,
  recipientKey: string,
): Promise<void> {
  await deps.stores.optOuts.upsert(
    { partitionKey: optOutPartition(tenantId), id: optOutId(recipientKey) },
    { kind: 'opt-out', at: deps.clock.now().toISOString() },
  );
}

/** How long "snooze refreshers" lasts. */
export const snoozeDays = 28;

/** "snooze refreshers": none reach this person for four weeks, then they resume by themselves. */
export async function snoozeRefreshers(
  deps: Pick<NudgeUseCaseDeps, 'stores' | 'clock'>,
  tenantId: string,
  recipientKey: string,
): Promise<Date> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + snoozeDays * 24 * 3_600_000);
  await deps.stores.optOuts.upsert(
    { partitionKey: optOutPartition(tenantId), id: optOutId(recipientKey) },
    { kind: 'opt-out', at: now.toISOString(), until: until.toISOString() },
  );
  return until;
}

/** "refreshers on": nudges reach this person again from the next send on. */
export async function refreshersOn(
  deps: Pick<NudgeUseCaseDeps, 'stores'>,
  tenantId: string,
  recipientKey: string,
): Promise<void> {
  await deps.stores.optOuts.delete({
    partitionKey: optOutPartition(tenantId),
    id: optOutId(recipientKey),
  });
}
