import { z } from 'zod';
import type { DocumentStore, ItemKey } from '../../kernel/documentStore';
import { documentIdFor } from '../../kernel/hash';
import type { TtlFor } from '../../tenants/retention';
import type { DraftKey } from './draft';

/**
 * What the form remembers about a referrer between referrals, so it asks once: role, team,
 * organisation and phone. Name and email come from Teams each time and are not kept here.
 */
export const rememberedReferrerSchema = z.object({
  role: z.string().max(200).optional(),
  team: z.string().max(200).optional(),
  organisation: z.string().max(200).optional(),
  phone: z.string().max(40).optional(),
  updatedAt: z.string(),
});

export type RememberedReferrer = z.output<typeof rememberedReferrerSchema>;

/** Kept a year from the last referral, then forgotten. */
export const rememberedReferrerTtlSeconds = 365 * 24 * 60 * 60;

export interface ReferrerProfileRepository {
  load(key: DraftKey): Promise<RememberedReferrer | undefined>;
  /** Last writer wins: it is the same person's own details. */
  save(key: DraftKey, profile: RememberedReferrer): Promise<void>;
}

/** In the `drafts` container beside the draft: partition = tenant, id = a hash of the user id. */
export class DocumentStoreReferrerProfiles implements ReferrerProfileRepository {
  constructor(
    private readonly store: DocumentStore<unknown>,
    private readonly ttlFor: TtlFor = () => Promise.resolve(rememberedReferrerTtlSeconds),
  ) {}

  async load(key: DraftKey): Promise<RememberedReferrer | undefined> {
    const item = await this.store.read(profileItemKey(key));
    const parsed = rememberedReferrerSchema.safeParse(item?.value);
    return parsed.success ? parsed.data : undefined;
  }

  async save(key: DraftKey, profile: RememberedReferrer): Promise<void> {
    await this.store.upsert(profileItemKey(key), profile, {
      ttlSeconds: await this.ttlFor(key.tenantId),
    });
  }
}

export function profileItemKey(key: DraftKey): ItemKey {
  return { partitionKey: key.tenantId, id: `referrer-${documentIdFor(key.userId)}` };
}
