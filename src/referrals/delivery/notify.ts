import type { StoredItem } from '../../kernel/documentStore';
import { withTimeout } from '../../kernel/timeout';
import { isFinal, toSummary, type ReferralRecord } from '../records/referralRecord';
import {
  deliverKey,
  referralKey,
  type NotifyEntry,
  type OutboxEntry,
} from '../records/referralStores';
import { retryDelayMs } from './backoff';
import type { ReferralStatusChange } from './ports';
import { schedulePurge } from './purge';
import {
  codeOf,
  ignoreRace,
  isRaceLoss,
  type DeliveryPassReport,
  type WorkerContext,
} from './workerSettings';

/**
 * Notify: telling the referrer of a final status, through the status listener (in the app, the
 * receipt updater, which reaches Teams through the proactive `CardSender` port). At least once:
 * the delivery entry is dropped only once the listener was told, or becomes a notify entry that
 * a later pass takes up again, with backoff, until the notify deadline.
 */

/**
 * Once final: schedule the purge, tell the listener, then drop the delivery entry, or turn it
 * into a notify entry when the listener failed. Every step is idempotent.
 */
export async function finishFinal(
  ctx: WorkerContext,
  record: ReferralRecord,
  previousStatus: ReferralRecord['status'],
  report: DeliveryPassReport,
): Promise<void> {
  const { outbox } = ctx.stores;
  await schedulePurge(ctx, record);
  if (await tellReferrer(ctx, { previousStatus, referral: toSummary(record) })) {
    await outbox.delete(deliverKey(record.id));
    return;
  }
  const now = ctx.clock.now();
  const notify: NotifyEntry = {
    kind: 'notify',
    referralId: record.id,
    tenantId: record.tenantId,
    createdAt: now.toISOString(),
    attempts: 1,
    dueAt: notifyRetryAt(ctx, 1, now),
  };
  await outbox.upsert(deliverKey(record.id), notify);
  report.notifyRetrying += 1;
}

/**
 * A final status the referrer has not yet been told of: take the entry (If-Match, so one
 * worker at a time), tell the listener again, and drop the entry once told; otherwise retry later
 * with backoff, until the notify deadline.
 */
export async function processNotify(
  ctx: WorkerContext,
  entry: StoredItem<NotifyEntry>,
  report: DeliveryPassReport,
): Promise<void> {
  const { referrals, outbox } = ctx.stores;
  const { referralId, tenantId } = entry.value;
  const now = ctx.clock.now();
  const at = { partitionKey: entry.partitionKey, id: entry.id };
  let taken: StoredItem<OutboxEntry>;
  try {
    // Held for two timeouts: if this worker stops mid-call, another picks it up after that.
    const holdUntil = new Date(now.getTime() + 2 * ctx.notifyTimeoutMs).toISOString();
    taken = await outbox.replace({ ...at, etag: entry.etag }, { ...entry.value, dueAt: holdUntil });
  } catch (err) {
    if (!isRaceLoss(err)) throw err;
    report.lostRace += 1;
    return;
  }
  const drop = () => outbox.delete({ ...at, etag: taken.etag }).catch(ignoreRace);
  const item = await referrals.read(referralKey(tenantId, referralId));
  if (!item || !isFinal(item.value.status) || !ctx.listener) {
    await drop();
    report.repaired += 1;
    return;
  }
  if (await tellReferrer(ctx, { previousStatus: 'queued', referral: toSummary(item.value) })) {
    await drop();
    report.notified += 1;
    return;
  }
  const attempts = entry.value.attempts + 1;
  if (now.getTime() - Date.parse(entry.value.createdAt) >= ctx.notifyDeadlineMs) {
    ctx.log.error('Referral status could not be shown to the referrer; gave up', {
      referralId,
      status: item.value.status,
      attempt: attempts,
    });
    await drop();
    report.errors += 1;
    return;
  }
  const after = ctx.clock.now();
  await outbox
    .replace(
      { ...at, etag: taken.etag },
      { ...entry.value, attempts, dueAt: notifyRetryAt(ctx, attempts, after) },
    )
    .catch(ignoreRace);
  report.notifyRetrying += 1;
}

function notifyRetryAt(ctx: WorkerContext, attempts: number, now: Date): string {
  const delay = retryDelayMs(attempts, ctx.random, ctx.policy.backoff);
  return new Date(now.getTime() + delay).toISOString();
}

/** Tells the listener, bounded by the notify timeout; true when it was told. */
async function tellReferrer(ctx: WorkerContext, change: ReferralStatusChange): Promise<boolean> {
  const { listener } = ctx;
  if (!listener) return true;
  try {
    await withTimeout(Promise.resolve(listener.onStatusChanged(change)), ctx.notifyTimeoutMs);
    return true;
  } catch (err) {
    ctx.log.warn('Referral status listener failed; it will be retried', {
      referralId: change.referral.referralId,
      status: change.referral.status,
      code: codeOf(err) ?? (err instanceof Error ? err.name : undefined),
    });
    return false;
  }
}
