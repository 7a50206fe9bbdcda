import { z } from 'zod';
import type { DocumentStore, ItemKey } from '../../kernel/documentStore';
import { isLostRace } from '../../kernel/errors';
import { documentIdFor } from '../../kernel/hash';
import type { RecentItems } from '../../kernel/recentItems';
import type { TtlFor } from '../../tenants/retention';
import {
  childrenPath,
  countOf,
  formGroups,
  formPlaces,
  groupAt,
  maxChildren,
  stepIds,
  type GroupDefinition,
  type ItemCounts,
} from './formDefinition';

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
  /** Items of the other repeating groups (agencies), by group path; absent in older drafts. */
  itemCounts: z.record(z.string(), z.number().int().min(0).max(99)).default({}),
  /** On the household step: the child whose own card is open, or null for the household card. */
  openChild: z
    .number()
    .int()
    .min(0)
    .max(Math.max(...formGroups.map((g) => g.max)) - 1)
    .nullable()
    .default(null),
  /** The group whose item card is open (`openChild` is its index); children when absent. */
  openGroup: z.string().max(100).optional(),
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

/** A draft's counts of items, from counts by group path (e.g. a returned referral's). */
export function draftCounts(counts: ItemCounts): Pick<ReferralDraft, 'childCount' | 'itemCounts'> {
  const others = formGroups.filter((g) => g.path !== childrenPath);
  return {
    childCount: Math.min(counts[childrenPath] ?? 0, maxChildren),
    itemCounts: Object.fromEntries(others.map((g) => [g.path, countOf(g, counts)])),
  };
}

/** The item whose own card is open (a child, an agency), or undefined. */
export function openItemOf(
  draft: Pick<ReferralDraft, 'openChild' | 'openGroup'>,
): { group: GroupDefinition; index: number } | undefined {
  const group = groupAt(draft.openGroup ?? childrenPath);
  return draft.openChild === null || !group ? undefined : { group, index: draft.openChild };
}

/** How many items each repeating group of the draft has (children and agencies alike). */
export function countsOf(draft: Pick<ReferralDraft, 'childCount' | 'itemCounts'>): ItemCounts {
  return { ...draft.itemCounts, [childrenPath]: draft.childCount };
}

export interface DraftKey {
  readonly tenantId: string;
  readonly userId: string;
}

export interface LoadedDraft {
  readonly etag: string;
  /** Undefined when the stored document no longer reads as a draft (an older shape). */
  readonly draft: ReferralDraft | undefined;
  /**
   * True when this is this instance's copy from its last read or write, not a read of the store
   * now: another instance may have written since, so confirm it (If-Match, or a fresh read).
   */
  readonly recent?: boolean;
}

export type DraftWrite = { readonly ok: true; readonly etag: string } | { readonly ok: false };

/** The storage the form needs for drafts, and nothing more. */
export interface ReferralDraftRepository {
  /** With `recent`, this instance's copy will do when it has one (see `LoadedDraft.recent`). */
  load(key: DraftKey, options?: { readonly recent?: boolean }): Promise<LoadedDraft | undefined>;
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

/**
 * Drafts in the `drafts` container: partition = tenant id, id = a hash of the user id (the id itself
 * is never stored), TTL 7 days from the last write. Every write is If-Match.
 */
export class DocumentStoreDraftRepository implements ReferralDraftRepository {
  /** `ttlFor`: the council's draft retention; the draft lifetime by default. */
  constructor(
    private readonly store: DocumentStore<unknown>,
    private readonly ttlFor: TtlFor = () => Promise.resolve(draftTtlSeconds),
    /** Drafts this instance last read or wrote, so a press may skip its read. */
    private readonly recent?: RecentItems<ReferralDraft>,
  ) {}

  async load(
    key: DraftKey,
    options: { readonly recent?: boolean } = {},
  ): Promise<LoadedDraft | undefined> {
    const id = draftItemKey(key);
    const copy = options.recent ? this.recent?.get(id) : undefined;
    if (copy) return { etag: copy.etag, draft: copy.value, recent: true };
    const item = await this.store.read(id);
    const parsed = item && referralDraftSchema.safeParse(item.value);
    if (item && parsed?.success) this.recent?.set(id, { etag: item.etag, value: parsed.data });
    else this.recent?.delete(id);
    if (item === undefined) return undefined;
    return { etag: item.etag, draft: parsed?.success ? parsed.data : undefined };
  }

  async save(key: DraftKey, draft: ReferralDraft, etag: string | undefined): Promise<DraftWrite> {
    const options = { ttlSeconds: await this.ttlFor(key.tenantId) };
    const id = draftItemKey(key);
    try {
      const item =
        etag === undefined
          ? await this.store.create(id, draft, options)
          : await this.store.replace({ ...id, etag }, draft, options);
      this.recent?.set(id, { etag: item.etag, value: draft });
      return { ok: true, etag: item.etag };
    } catch (err) {
      this.recent?.delete(id);
      if (isLostRace(err)) return { ok: false };
      throw err;
    }
  }

  async delete(key: DraftKey, etag: string): Promise<boolean> {
    const id = draftItemKey(key);
    this.recent?.delete(id);
    try {
      return await this.store.delete({ ...id, etag });
    } catch (err) {
      if (isLostRace(err)) return false;
      throw err;
    }
  }
}

export function draftItemKey(key: DraftKey): ItemKey {
  return { partitionKey: key.tenantId, id: `referral-draft-${documentIdFor(key.userId)}` };
}
