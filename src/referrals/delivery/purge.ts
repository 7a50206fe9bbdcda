import { ErrorCodes, isAppError } from '../../kernel/errors';
import { fingerprint } from '../../kernel/hash';
import { daySeconds, defaultRetentionDays } from '../../tenants/retention';
import { toAuditRecord, type ReferralRecord } from '../records/referralRecord';
import {
  outboxShardCount,
  purgeKey,
  purgePartition,
  referralKey,
  type PurgeEntry,
} from '../records/referralStores';
import {
  codeOf,
  ignoreRace,
  isRaceLoss,
  type PurgePassReport,
  type WorkerContext,
} from './workerSettings';

/**
 * Purge: a referral's body is kept for its council's retention once its status is final, then
 * replaced by a minimal audit record (itself kept for the audit period). The purge is scheduled
 * by a purge entry in the outbox when the status becomes final, and carried out by a pass over
 * the purge partitions.
 */

const defaultAuditTtlSeconds = defaultRetentionDays.auditRecords * daySeconds;

/** Schedules the body's purge when its status became final (idempotent: one entry per time). */
export async function schedulePurge(ctx: WorkerContext, record: ReferralRecord): Promise<void> {
  if (record.purgeAfter === undefined || record.bodyPurgedAt !== undefined) return;
  const entry: PurgeEntry = {
    kind: 'purge',
    referralId: record.id,
    tenantId: record.tenantId,
    dueAt: record.purgeAfter,
  };
  await ctx.stores.outbox
    .create(purgeKey(record.id, record.purgeAfter), entry)
    .catch((err: unknown) => {
      if (!isAppError(err, ErrorCodes.storeConflict)) throw err;
    });
}

/** One pass over the purge partitions: removes bodies whose retention has run out. Never rejects. */
export async function purgeOnce(ctx: WorkerContext): Promise<PurgePassReport> {
  const report: PurgePassReport = { purged: 0, errors: 0 };
  const { referrals, outbox } = ctx.stores;
  for (let shard = 0; shard < outboxShardCount; shard += 1) {
    try {
      const entries = await outbox.listPartition(purgePartition(shard), {
        limit: ctx.batchSize,
      });
      const now = ctx.clock.now();
      // Ids start with the purge time, so the list is in due order: stop at the first not due.
      for (const entry of entries) {
        if (entry.value.kind !== 'purge' || Date.parse(entry.value.dueAt) > now.getTime()) break;
        const key = referralKey(entry.value.tenantId, entry.value.referralId);
        const item = await referrals.read(key);
        if (item && item.value.bodyPurgedAt === undefined) {
          // From here the audit record is kept for the council's audit period, then deleted
          // by the store (its TTL).
          const ttlSeconds = await auditTtlSecondsFor(ctx, entry.value.tenantId);
          try {
            await referrals.replace(
              { ...key, etag: item.etag },
              toAuditRecord(item.value, now.toISOString()),
              { ttlSeconds },
            );
          } catch (err) {
            if (!isRaceLoss(err)) throw err;
            continue; // changed under us: look again next pass
          }
          report.purged += 1;
          ctx.log.info('Referral body purged after retention', {
            referralId: entry.value.referralId,
            status: item.value.status,
          });
        }
        await outbox
          .delete({ partitionKey: entry.partitionKey, id: entry.id, etag: entry.etag })
          .catch(ignoreRace);
      }
    } catch (err) {
      report.errors += 1;
      ctx.log.error('Referral purge step failed; it will be retried', { code: codeOf(err) }, err);
    }
  }
  return report;
}

/** The council's audit period in seconds; the default (and an error logged) when unusable. */
async function auditTtlSecondsFor(ctx: WorkerContext, tenantId: string): Promise<number> {
  const seconds = await (ctx.retention.auditTtlSecondsFor?.(tenantId) ??
    Promise.resolve(defaultAuditTtlSeconds));
  if (Number.isSafeInteger(seconds) && seconds > 0) return seconds;
  ctx.log.error('Tenant audit retention is not valid; using the default', {
    tenantHash: fingerprint(tenantId),
  });
  return defaultAuditTtlSeconds;
}
