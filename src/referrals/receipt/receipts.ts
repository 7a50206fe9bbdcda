import { z } from 'zod';
import type { DocumentStore, ItemKey } from '../../kernel/documentStore';
import { isStaleWrite } from '../../kernel/errors';
import type { TtlFor } from '../../tenants/retention';
import type { ReferralStatus } from '../records/referralRecord';

/**
 * Where a referral's receipt card was posted, so it can be updated in place when the status
 * changes. No personal data beyond what a conversation reference holds (ids and a service URL).
 */
export const receiptRecordSchema = z.object({
  schemaVersion: z.literal(1),
  tenantId: z.string().min(1),
  referralId: z.string().min(1),
  conversationId: z.string().min(1),
  /** The Teams activity id of the receipt message. */
  activityId: z.string().min(1),
  /** The opaque conversation reference (display names stripped) to reach the chat later. */
  reference: z.record(z.string(), z.unknown()),
  /** The status the card shows now: an update for the same status is skipped. */
  shownStatus: z.enum(['queued', 'sent', 'rejected', 'failed']),
  /** The status a "needs attention" message was posted for (or is being posted): at most once. */
  alertedStatus: z.enum(['queued', 'sent', 'rejected', 'failed']).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type ReceiptRecord = z.output<typeof receiptRecordSchema>;

export interface LoadedReceipt {
  readonly etag: string;
  readonly receipt: ReceiptRecord;
}

/** A receipt is needed until the referral's status is final (at most the delivery deadline). */
export const receiptTtlSeconds = 30 * 24 * 60 * 60;

export interface ReceiptRepository {
  /** Remembers where a receipt was posted; a second save for the same referral replaces it. */
  save(receipt: ReceiptRecord): Promise<void>;
  find(tenantId: string, referralId: string): Promise<LoadedReceipt | undefined>;
  /** Notes the status now shown; false when another writer got there first (nothing to do). */
  markShown(loaded: LoadedReceipt, status: ReferralStatus, at: Date): Promise<boolean>;
  /**
   * Claims the "needs attention" message for a status, before it is posted, so it is posted at
   * most once; the receipt as written, or undefined when another writer got there first.
   */
  claimAlert(
    loaded: LoadedReceipt,
    status: ReferralStatus,
    at: Date,
  ): Promise<LoadedReceipt | undefined>;
  /** Gives the claim back when the message could not be posted, so it is tried again. */
  releaseAlert(claimed: LoadedReceipt, at: Date): Promise<boolean>;
}

/**
 * Receipts in the `drafts` container (the form's own, tenant-partitioned): id = "receipt-" +
 * referral id, TTL 30 days.
 */
export class DocumentStoreReceipts implements ReceiptRepository {
  constructor(
    private readonly store: DocumentStore<unknown>,
    private readonly ttlFor: TtlFor = () => Promise.resolve(receiptTtlSeconds),
  ) {}

  async save(receipt: ReceiptRecord): Promise<void> {
    await this.store.upsert(receiptItemKey(receipt.tenantId, receipt.referralId), receipt, {
      ttlSeconds: await this.ttlFor(receipt.tenantId),
    });
  }

  async find(tenantId: string, referralId: string): Promise<LoadedReceipt | undefined> {
    const item = await this.store.read(receiptItemKey(tenantId, referralId));
    const parsed = receiptRecordSchema.safeParse(item?.value);
    return item && parsed.success ? { etag: item.etag, receipt: parsed.data } : undefined;
  }

  async markShown(loaded: LoadedReceipt, status: ReferralStatus, at: Date): Promise<boolean> {
    return (await this.replace(loaded, { shownStatus: status }, at)) !== undefined;
  }

  claimAlert(
    loaded: LoadedReceipt,
    status: ReferralStatus,
    at: Date,
  ): Promise<LoadedReceipt | undefined> {
    return this.replace(loaded, { alertedStatus: status }, at);
  }

  async releaseAlert(claimed: LoadedReceipt, at: Date): Promise<boolean> {
    return (await this.replace(claimed, { alertedStatus: undefined }, at)) !== undefined;
  }

  /** If-Match: undefined when the receipt changed or went since it was read. */
  private async replace(
    loaded: LoadedReceipt,
    change: Partial<ReceiptRecord>,
    at: Date,
  ): Promise<LoadedReceipt | undefined> {
    const { receipt } = loaded;
    const next = receiptRecordSchema.parse({ ...receipt, ...change, updatedAt: at.toISOString() });
    try {
      const item = await this.store.replace(
        { ...receiptItemKey(receipt.tenantId, receipt.referralId), etag: loaded.etag },
        next,
        { ttlSeconds: await this.ttlFor(receipt.tenantId) },
      );
      return { etag: item.etag, receipt: next };
    } catch (err) {
      if (isStaleWrite(err)) return undefined;
      throw err;
    }
  }
}

export function receiptItemKey(tenantId: string, referralId: string): ItemKey {
  return { partitionKey: tenantId, id: `receipt-${referralId}` };
}
