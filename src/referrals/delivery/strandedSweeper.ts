import type { Clock } from '../../kernel/clock';
import { ErrorCodes, isAppError } from '../../kernel/errors';
import type { Logger } from '../../logging/logger';
import { deliverKey, referralKey, type ReferralStores } from '../records/referralStores';
import { ensureDeliverEntry } from './submitReferral';

export interface SweepReport {
  /** Queued referrals looked at. */
  checked: number;
  /** Queued referrals found without a delivery entry, given one again. */
  repaired: number;
  errors: number;
}

export interface SweepDeps {
  readonly stores: ReferralStores;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Finds referrals that are `queued` but have no outbox entry (so no worker would ever send them or
 * mark them failed) and gives each its delivery entry back. Whatever left them so (a lost answer,
 * an entry dropped as an orphan before a slow write landed, a manual fix), the referrer was told
 * "on its way", and this makes it true. Cross-partition: run it rarely, from one instance (the
 * delivery worker's maintenance lease). Never rejects.
 */
export async function sweepStrandedReferrals(
  deps: SweepDeps,
  options: { readonly limit?: number } = {},
): Promise<SweepReport> {
  const report: SweepReport = { checked: 0, repaired: 0, errors: 0 };
  const { referrals, outbox } = deps.stores;
  if (!referrals.findByField) {
    deps.logger.error('Stranded-referral sweep impossible: the store cannot search', {
      reason: 'no findByField',
    });
    report.errors += 1;
    return report;
  }
  let queued;
  try {
    queued = await referrals.findByField('status', 'queued', { limit: options.limit ?? 500 });
  } catch (err) {
    deps.logger.warn('Stranded-referral sweep could not list queued referrals', {
      code: isAppError(err) ? err.code : undefined,
    });
    report.errors += 1;
    return report;
  }
  for (const item of queued) {
    report.checked += 1;
    try {
      if (await outbox.read(deliverKey(item.id))) continue;
      // Read again: the worker may have just finished it (and removed its entry) since the query.
      const current = await referrals.read(referralKey(item.partitionKey, item.id));
      if (current?.value.status !== 'queued') continue;
      const at = deps.clock.now().toISOString();
      if ((await ensureDeliverEntry(deps.stores, current.value, at)) === 'created') {
        report.repaired += 1;
        deps.logger.warn('Queued referral had no delivery entry; it has one again', {
          referralId: item.id,
        });
      }
    } catch (err) {
      report.errors += 1;
      deps.logger.warn('Stranded-referral sweep step failed; the next sweep retries', {
        referralId: item.id,
        code: isAppError(err) ? err.code : undefined,
      });
      if (isAppError(err, ErrorCodes.storeUnavailable)) break;
    }
  }
  return report;
}
