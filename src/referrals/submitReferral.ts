import { randomUUID } from 'node:crypto';
import type { Clock } from '../kernel/clock';
import { AppError } from '../kernel/errors';
import { toSummary, type ReferralRecord, type ReferralSummary } from './referralRecord';
import { deliverKey, referralKey, type DeliverEntry, type ReferralStores } from './referralStores';
import { validateReferral, type FieldErrors } from './validateReferral';
import { isReferralId, sha256Hex, wireBody } from './wire';

/** A caller bug (no tenant or referrer id), never a user error: the form cannot cause it. */
export const referralRequestInvalid = 'REFERRAL_REQUEST_INVALID';

export const defaultDeliveryDeadlineMs = 24 * 60 * 60_000;

export interface SubmitReferralDeps {
  readonly stores: ReferralStores;
  readonly clock: Clock;
  /** How long delivery keeps trying before the referral is `failed`. Default 24 hours. */
  readonly deliveryDeadlineMs?: number;
  /** New referral ids; random UUIDs unless a test needs to know them in advance. */
  readonly newId?: () => string;
}

export interface SubmitReferralRequest {
  readonly tenantId: string;
  /** The referrer's Entra object id. */
  readonly referrerId: string;
  /** The form's data, unchecked: it is validated here before anything is stored. */
  readonly input: unknown;
}

export type SubmitReferralResult =
  | { readonly ok: true; readonly referral: ReferralSummary }
  | { readonly ok: false; readonly errors: FieldErrors };

/**
 * Validates a referral and stores it as `queued` with its outbox entry; the delivery worker takes
 * it from there. Nothing is stored when validation fails. Rejects with a store error (e.g.
 * STORE_UNAVAILABLE) when it could not be stored: then nothing will be sent either.
 */
export async function submitReferral(
  deps: SubmitReferralDeps,
  request: SubmitReferralRequest,
): Promise<SubmitReferralResult> {
  if (!request.tenantId || !request.referrerId) {
    throw new AppError(referralRequestInvalid, 'A referral needs a tenant id and a referrer id.');
  }
  const now = deps.clock.now();
  const validation = validateReferral(request.input, { now });
  if (!validation.ok) return { ok: false, errors: validation.errors };

  const id = (deps.newId ?? randomUUID)();
  // The id is the Idempotency-Key the partnership sees: it must be a UUID (README contract).
  if (!isReferralId(id)) throw new AppError(referralRequestInvalid, 'Referral ids must be UUIDs.');
  const at = now.toISOString();
  const deadline = new Date(now.getTime() + (deps.deliveryDeadlineMs ?? defaultDeliveryDeadlineMs));
  const record: ReferralRecord = {
    schemaVersion: 1,
    id,
    tenantId: request.tenantId,
    referrerId: request.referrerId,
    status: 'queued',
    submittedAt: at,
    updatedAt: at,
    statusChangedAt: at,
    deadlineAt: deadline.toISOString(),
    attempts: 0,
    nextAttemptAt: at,
    bodySha256: sha256Hex(
      wireBody({ referralId: id, submittedAt: at, referral: validation.referral }),
    ),
    body: validation.referral,
  };
  const entry: DeliverEntry = {
    kind: 'deliver',
    referralId: id,
    tenantId: request.tenantId,
    dueAt: at,
    createdAt: at,
  };

  // Outbox entry first: if we crash before the referral is written, a worker finds an entry with
  // no referral and drops it after a grace period. The other order could leave a queued referral
  // that no worker would ever find.
  await deps.stores.outbox.create(deliverKey(id), entry);
  try {
    await deps.stores.referrals.create(referralKey(request.tenantId, id), record);
  } catch (err) {
    await deps.stores.outbox.delete(deliverKey(id)).catch(() => false);
    throw err;
  }
  return { ok: true, referral: toSummary(record) };
}

/** The current status of one referral, for a receipt card; undefined when unknown. */
export async function getReferralStatus(
  stores: ReferralStores,
  tenantId: string,
  referralId: string,
): Promise<ReferralSummary | undefined> {
  if (!tenantId || !isReferralId(referralId)) return undefined;
  const item = await stores.referrals.read(referralKey(tenantId, referralId));
  return item && toSummary(item.value);
}
