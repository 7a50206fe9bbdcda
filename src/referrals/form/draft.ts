import { z } from 'zod';
import type { DocumentStore, ItemKey } from '../../kernel/documentStore';
import { ErrorCodes, isAppError } from '../../kernel/errors';
import { documentIdFor } from '../../kernel/hash';
import type { TtlFor } from '../../tenants/retention';
import { formPlaces, maxChildren, stepIds } from './formDefinition';

/** How long an untouched draft is kept: the user sees it expire after this, whatever the store does. */
export const draftLifetimeDays = 7;
export const draftTtlSeconds = draftLifetimeDays * 24 * 60 * 60;
const draftLifetimeMs = draftTtlSeconds * 1000;

/**
 * A referral being filled in: the answers so far (flat, as the cards hold them) and where the user
 * is. One per user per tenant. `sending` means Send was pressed and a referral id chosen: a
 * retry reuses the id, so the partnership can never receive the same form twice.
 */
export const referralDraftSchema = z.object({
  schemaVersion: z.literal(1),
  status: z.enum(['editing', 'sending']),
  /** Goes up on every write; every card carries the revision it was drawn from. */
  revision: z.number().int().min(1),
  place: z.enum(formPlaces),
  values: z.record(z.string(), z.string()),
  childCount: z.number().int().min(0).max(maxChildren),
  /** On the household step: the child whose own card is open, or null for the household card. */
  openChild: z
    .number()
    .int()
    .min(0)
    .max(maxChildren - 1)
    .nullable()
    .default(null),
  /** Steps whose answers passed the schema as they now stand. */
  completed: z.array(z.enum(stepIds)),
  /** The partnership's corrections for a referral it sent back, shown until each step passes. */
  corrections: z.record(z.string(), z.string()).default({}),
  source: z.enum(['new', 'coaching', 'returned']),
  referralId: z.string().optional(),
  startedAt: z.string(),
  updatedAt: z.string(),
});

export type ReferralDraft = z.output<typeof referralDraftSchema>;

export interface DraftKey {
  readonly tenantId: string;
  readonly userId: string;
}

export interface LoadedDraft {
  readonly etag: string;
  /** Undefined when the stored document no longer reads as a draft (an older shape). */
  readonly draft: ReferralDraft | undefined;
}

export type DraftWrite = { readonly ok: true; readonly etag: string } | { readonly ok: false };

/** The storage the form needs for drafts, and nothing more. */
export interface ReferralDraftRepository {
  load(key: DraftKey): Promise<LoadedDraft | undefined>;
  /** Creates when `etag` is undefined, else replaces that version only; `ok: false` on a race. */
  save(key: DraftKey, draft: ReferralDraft, etag: string | undefined): Promise<DraftWrite>;
  /** Deletes that version only; false when it changed or was gone. */
  delete(key: DraftKey, etag: string): Promise<boolean>;
}

export function isDraftExpired(draft: ReferralDraft, now: Date): boolean {
  return now.getTime() - Date.parse(draft.updatedAt) >= draftLifetimeMs;
}

/** When an untouched draft expires, for the resume card. */
export function draftExpiresAt(draft: ReferralDraft): Date {
  return new Date(Date.parse(draft.updatedAt) + draftLifetimeMs);
}

const isRace = (err: unknown): boolean =>
  isAppError(err, ErrorCodes.storeConflict) ||
  isAppError(err, ErrorCodes.storePreconditionFailed) ||
  isAppError(err, ErrorCodes.storeNotFound);

/**
 * Drafts in the `drafts` container: partition = tenant id, id = a hash of the user id (the id itself
 * is never stored), TTL 7 days from the last write. Every write is If-Match.
 */
export class DocumentStoreDraftRepository implements ReferralDraftRepository {
  /** `ttlFor`: the council's draft retention; the draft lifetime by default. */
  constructor(
    private readonly store: DocumentStore<unknown>,
    private readonly ttlFor: TtlFor = () => Promise.resolve(draftTtlSeconds),
  ) {}

  async load(key: DraftKey): Promise<LoadedDraft | undefined> {
    const item = await this.store.read(draftItemKey(key));
    if (item === undefined) return undefined;
    const parsed = referralDraftSchema.safeParse(item.value);
    return { etag: item.etag, draft: parsed.success ? parsed.data : undefined };
  }

  async save(key: DraftKey, draft: ReferralDraft, etag: string | undefined): Promise<DraftWrite> {
    const options = { ttlSeconds: await this.ttlFor(key.tenantId) };
    try {
      const item =
        etag === undefined
          ? await this.store.create(draftItemKey(key), draft, options)
          : await this.store.replace({ ...draftItemKey(key), etag }, draft, options);
      return { ok: true, etag: item.etag };
    } catch (err) {
      if (isRace(err)) return { ok: false };
      throw err;
    }
  }

  async delete(key: DraftKey, etag: string): Promise<boolean> {
    try {
      return await this.store.delete({ ...draftItemKey(key), etag });
    } catch (err) {
      if (isRace(err)) return false;
      throw err;
    }
  }
}

export function draftItemKey(key: DraftKey): ItemKey {
  return { partitionKey: key.tenantId, id: `referral-draft-${documentIdFor(key.userId)}` };
}
