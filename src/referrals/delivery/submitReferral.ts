import { randomUUID } from 'node:crypto';
import type { Clock } from '../../kernel/clock';
import { AppError, ErrorCodes, isAppError } from '../../kernel/errors';
import { toSummary, type ReferralRecord, type ReferralSummary } from '../records/referralRecord';
import {
  deliverKey,
  referralKey,
  type DeliverEntry,
  type ReferralStores,
} from '../records/referralStores';
import { validateReferral, type FieldErrors } from '../schema/validateReferral';
import { isReferralId, sha256Hex, wireBody } from '../schema/wire';

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
 * it from there. Nothing is stored when validation fails.
 *
 * Idempotent for a given id (the form fixes the id before the first Send), and written so that a
 * lost answer cannot separate the referral from its outbox entry: the entry goes first and is
 * never removed here (an entry whose referral never arrives is dropped by the worker after a grace
 * period, and nothing is sent for it), and a failed write is re-checked by reading before it is
 * reported. The two live in different containers, so no single transaction can cover both; the
 * stranded-referral sweeper repairs a queued referral found without its entry whatever the cause.
 *
 * Rejects with a store error (e.g. STORE_UNAVAILABLE) when the referral could not be confirmed as
 * stored: pressing Send again (same id) stores it or finds it, never twice.
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
  const key = referralKey(request.tenantId, id);

  // A retry of a Send whose answer was lost: the referral may already stand.
  const earlier = await deps.stores.referrals.read(key);
  if (earlier) return alreadyStored(deps.stores, earlier.value, request.referrerId);

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

  await ensureDeliverEntry(deps.stores, record, at);
  try {
    await deps.stores.referrals.create(key, record);
  } catch (err) {
    // The write may have landed with its answer lost (or an earlier press won the race): look.
    const stored = await deps.stores.referrals.read(key).catch(() => undefined);
    if (stored) return alreadyStored(deps.stores, stored.value, request.referrerId);
    throw err;
  }
  return { ok: true, referral: toSummary(record) };
}

/** An id already used: the same referrer's referral stands (its entry made sure of); else a bug. */
async function alreadyStored(
  stores: ReferralStores,
  existing: ReferralRecord,
  referrerId: string,
): Promise<SubmitReferralResult> {
  if (existing.referrerId !== referrerId) {
    throw new AppError(ErrorCodes.storeConflict, 'This referral id belongs to another referrer.');
  }
  if (existing.status === 'queued') await ensureDeliverEntry(stores, existing, existing.updatedAt);
  return { ok: true, referral: toSummary(existing) };
}

/**
 * Creates the referral's delivery entry unless one is there (an earlier attempt's, or the worker's
 * own with a later due time, which must not be replaced).
 */
export async function ensureDeliverEntry(
  stores: ReferralStores,
  record: Pick<ReferralRecord, 'id' | 'tenantId' | 'nextAttemptAt'>,
  at: string,
): Promise<'created' | 'present'> {
  const entry: DeliverEntry = {
    kind: 'deliver',
    referralId: record.id,
    tenantId: record.tenantId,
    dueAt: record.nextAttemptAt ?? at,
    createdAt: at,
  };
  try {
    await stores.outbox.create(deliverKey(record.id), entry);
    return 'created';
  } catch (err) {
    if (isAppError(err, ErrorCodes.storeConflict)) return 'present';
    throw err;
  }
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
