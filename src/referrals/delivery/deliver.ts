import type { StoredItem } from '../../kernel/documentStore';
import { fingerprint } from '../../kernel/hash';
import { recordDeliveryAttempt, recordReferralFinal } from '../../telemetry/metrics';
import { isFinal, type ReferralRecord } from '../records/referralRecord';
import { deliverKey, referralKey, type DeliverEntry } from '../records/referralStores';
import type { Referral } from '../schema/referral';
import { wireBody } from '../schema/wire';
import { finishFinal } from './notify';
import type { DeliveryOutcome } from './ports';
import { failUndeliverable, isDue, recordOutcome, takeLease } from './transitions';
import {
  ignoreRace,
  isRaceLoss,
  type DeliveryPassReport,
  type WorkerContext,
} from './workerSettings';

/**
 * Deliver: one due referral, leased with If-Match (so two instances never send it at once), sent
 * with its id as the Idempotency-Key, and its outcome recorded; a final status is then handed to
 * notify. A crash anywhere leaves work the next holder finishes, never a second referral.
 */
export async function deliverEntry(
  ctx: WorkerContext,
  entry: StoredItem<DeliverEntry>,
  report: DeliveryPassReport,
): Promise<void> {
  const { referrals, outbox } = ctx.stores;
  const { referralId, tenantId } = entry.value;
  const now = ctx.clock.now();
  const key = referralKey(tenantId, referralId);
  const item = await referrals.read(key);

  if (!item) {
    // Left by a submit that failed between its two writes; within the grace period the submit
    // may still be writing the referral.
    if (now.getTime() - Date.parse(entry.value.createdAt) >= ctx.orphanGraceMs) {
      await outbox
        .delete({ partitionKey: entry.partitionKey, id: entry.id, etag: entry.etag })
        .catch(ignoreRace);
      report.repaired += 1;
    } else {
      report.notDue += 1;
    }
    return;
  }

  const record = item.value;
  if (isFinal(record.status)) {
    // Just finished by another worker, which is tidying up now: leave it to that worker.
    if (now.getTime() - Date.parse(record.updatedAt) < ctx.leaseMs) {
      report.notDue += 1;
      return;
    }
    // A worker stopped between recording the outcome and tidying the outbox: finish its work,
    // telling the listener again, since it may not have been told.
    report.repaired += 1;
    await finishFinal(ctx, record, 'queued', report);
    return;
  }

  if (!isDue(record, now)) {
    await postpone(ctx, entry, record, now);
    report.notDue += 1;
    return;
  }

  // The tenant's retention is decided by the attempt that makes the status final (purgeAfter is
  // set then), so a changed setting applies to referrals finalised after the change; those
  // already final keep their purge time. Read before the lease: a failed read costs a retry,
  // never a second send.
  const policy = { ...ctx.policy, retentionMs: await retentionFor(ctx, tenantId) };
  const leased = takeLease(record, ctx.id, now, ctx.leaseMs);
  let held: StoredItem<ReferralRecord>;
  try {
    held = await referrals.replace({ ...key, etag: item.etag }, leased);
  } catch (err) {
    if (!isRaceLoss(err)) throw err;
    // Another worker changed it since we read it: it has the lease (or has finished). Back off.
    report.lostRace += 1;
    ctx.log.debug('Another worker took the referral first', { referralId });
    return;
  }

  const outcome = leased.body ? await send(ctx, leased, leased.body) : undefined;
  const after = ctx.clock.now();
  const next = outcome
    ? recordOutcome(leased, outcome, after, policy, ctx.random)
    : failUndeliverable(leased, after, policy);
  try {
    await referrals.replace({ ...key, etag: held.etag }, next);
  } catch (err) {
    if (!isRaceLoss(err)) throw err;
    report.lostLease += 1;
    ctx.log.warn('Lease ran out before the outcome was recorded; the next holder re-sends', {
      referralId,
      attempt: leased.attempts,
    });
    return;
  }

  logOutcome(ctx, next, outcome);
  recordDeliveryAttempt(outcome?.kind ?? 'body-missing');
  if (isFinal(next.status)) {
    const final =
      next.status === 'sent' ? 'sent' : next.status === 'rejected' ? 'rejected' : 'failed';
    report[final] += 1;
    // Counted once: only the attempt whose outcome was recorded makes the status final.
    recordReferralFinal(final);
    // The delivery entry goes only once the listener has been told (or becomes a notify entry
    // when it could not be): a crash in between means told twice, never not at all.
    await finishFinal(ctx, next, record.status, report);
  } else {
    report.retrying += 1;
    await outbox.upsert(deliverKey(referralId), {
      ...entry.value,
      dueAt: next.nextAttemptAt ?? after.toISOString(),
    });
  }
}

/** The tenant's retention; the default (and an error logged) when its value is unusable. */
async function retentionFor(ctx: WorkerContext, tenantId: string): Promise<number> {
  const ms = await ctx.retention.retentionFor(tenantId);
  if (Number.isSafeInteger(ms) && ms > 0) return ms;
  ctx.log.error('Tenant referral retention is not valid; using the default', {
    tenantHash: fingerprint(tenantId),
  });
  return ctx.policy.retentionMs;
}

/** Moves an early outbox entry to when the referral can next be tried, to save re-reading it. */
async function postpone(
  ctx: WorkerContext,
  entry: StoredItem<DeliverEntry>,
  record: ReferralRecord,
  now: Date,
): Promise<void> {
  const leaseEnd =
    record.lease && Date.parse(record.lease.until) > now.getTime() ? record.lease.until : undefined;
  const candidates = [leaseEnd, record.nextAttemptAt].filter((t): t is string => t !== undefined);
  const wanted = candidates.sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  if (wanted === undefined || Date.parse(wanted) <= Date.parse(entry.value.dueAt)) return;
  // If-Match: if the lease holder has just rescheduled the entry, its time wins.
  await ctx.stores.outbox
    .replace(
      { partitionKey: entry.partitionKey, id: entry.id, etag: entry.etag },
      { ...entry.value, dueAt: wanted },
    )
    .catch(ignoreRace);
}

async function send(
  ctx: WorkerContext,
  record: ReferralRecord,
  referral: Referral,
): Promise<DeliveryOutcome> {
  const body = wireBody({ referralId: record.id, submittedAt: record.submittedAt, referral });
  try {
    return await ctx.client.deliver({ referralId: record.id, body });
  } catch (err) {
    // The port promises not to throw; if a client does, treat it as a fault worth retrying.
    ctx.log.error('Partnership client threw instead of answering', { referralId: record.id }, err);
    return { kind: 'retryable', reason: 'unexpected-response' };
  }
}

function logOutcome(
  ctx: WorkerContext,
  record: ReferralRecord,
  outcome: DeliveryOutcome | undefined,
): void {
  const log = ctx.log;
  const fields = {
    referralId: record.id,
    tenantHash: fingerprint(record.tenantId),
    status: record.status,
    attempt: record.attempts,
  };
  if (!outcome) {
    log.error('Referral could not be delivered: its body is missing', {
      ...fields,
      reason: 'body-missing',
    });
    return;
  }
  switch (outcome.kind) {
    case 'accepted':
      log.info('Referral delivered to the partnership', {
        ...fields,
        httpStatus: outcome.httpStatus,
      });
      return;
    case 'rejected':
      // The partnership's reason may quote the referral: it goes to the referrer, not the log.
      log.warn('The partnership rejected a referral', {
        ...fields,
        httpStatus: outcome.httpStatus,
      });
      return;
    case 'retryable': {
      const detail = {
        ...fields,
        httpStatus: outcome.httpStatus,
        reason: outcome.reason,
        code: outcome.code,
      };
      if (record.status === 'failed') {
        log.error('Referral delivery failed: the deadline passed without getting through', detail);
      } else if (outcome.reason === 'unauthorised') {
        log.error(
          'The partnership refused our signature: check PARTNERSHIP_SIGNING_SECRET',
          detail,
        );
      } else if (outcome.reason === 'endpoint-refused') {
        log.error(
          'The partnership endpoint refused the request: check PARTNERSHIP_REFERRAL_URL',
          detail,
        );
      } else {
        log.warn('Referral delivery attempt failed; it will be retried', detail);
      }
    }
  }
}
