import { z } from 'zod';
import type { DocumentStore } from '../kernel/documentStore';
import { genericLocalContacts, type LocalContacts } from './localContacts';
import { retentionSettingsSchema, type RetentionSettings } from './retention';

const entraObjectId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One council's settings, as an admin writes them (every contact optional). */
export const tenantSettingsSchema = z
  .object({
    contacts: z
      .object({
        councilName: z.string().trim().min(1).max(120),
        mashName: z.string().trim().min(1).max(160),
        mashPhone: z.string().trim().min(1).max(60),
        outOfHoursPhone: z.string().trim().min(1).max(60),
        daLeadName: z.string().trim().min(1).max(120),
        daLeadContact: z.string().trim().min(1).max(160),
        maracRoute: z.string().trim().min(1).max(300),
        partnershipName: z.string().trim().min(1).max(160),
        partnershipPhone: z.string().trim().min(1).max(60),
        victimServiceName: z.string().trim().min(1).max(160),
        victimServicePhone: z.string().trim().min(1).max(60),
        mentalHealthCrisisRoute: z.string().trim().min(1).max(300),
        loneWorkingRoute: z.string().trim().min(1).max(300),
      })
      .partial()
      .strict(),
    /** Days a referral's body is kept once its status is final; REFERRAL_RETENTION_DAYS if unset. */
    referralRetentionDays: z
      .number({ error: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(3650, 'must be at most 3650 days (10 years)')
      .optional(),
    /** Days each kind of record is kept (src/tenants/retention.ts); the default where unset. */
    retention: retentionSettingsSchema.optional(),
    /** The council's team managers (Entra object ids): who may send refresher nudges and see team confidence figures (aggregates only). */
    managers: z
      .array(
        z
          .string()
          .trim()
          .regex(entraObjectId, 'must be an Entra object id (a GUID)')
          .transform((id) => id.toLowerCase()),
      )
      .max(2000, 'at most 2000 managers')
      .optional(),
  })
  .strict()
  .refine(
    (s) => s.referralRetentionDays === undefined || s.retention?.referralBodies === undefined,
    {
      message: 'set referralRetentionDays or retention.referralBodies, not both',
      path: ['referralRetentionDays'],
    },
  );

export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

/** A council's own retention periods, from its settings (none when it has no settings). */
export function retentionOverridesOf(settings: TenantSettings | undefined): RetentionSettings {
  const own = settings?.retention ?? {};
  const bodies = own.referralBodies ?? settings?.referralRetentionDays;
  return bodies === undefined ? own : { ...own, referralBodies: bodies };
}

/** Where a council's settings are read from (the store, or a cache in front of it). */
export interface TenantSettingsSource {
  settingsFor(tenantId: string): Promise<TenantSettings | undefined>;
}

/** The port features use to fill local details into content. */
export interface TenantDirectory {
  /** The council's contacts, with generic wording wherever one is not set. */
  contactsFor(tenantId: string): Promise<LocalContacts>;
  /** How long the council keeps a referral's body once final, in ms; undefined when not set. */
  referralRetentionMsFor(tenantId: string): Promise<number | undefined>;
  /** The council's own retention periods (days), only those it set. */
  retentionOverridesFor(tenantId: string): Promise<RetentionSettings>;
}

/** Every question the directory answers, from one settings read. */
export class TenantDirectoryOver implements TenantDirectory {
  constructor(private readonly source: TenantSettingsSource) {}

  async contactsFor(tenantId: string): Promise<LocalContacts> {
    const settings = await this.source.settingsFor(tenantId);
    return { ...genericLocalContacts, ...(settings?.contacts ?? {}) };
  }

  async referralRetentionMsFor(tenantId: string): Promise<number | undefined> {
    const days = retentionOverridesOf(await this.source.settingsFor(tenantId)).referralBodies;
    return days === undefined ? undefined : days * dayMs;
  }

  async retentionOverridesFor(tenantId: string): Promise<RetentionSettings> {
    return retentionOverridesOf(await this.source.settingsFor(tenantId));
  }
}

const dayMs = 24 * 60 * 60_000;

const settingsId = 'settings';

/** Tenant settings over the storage port: one document per tenant, in its own partition. */
export class StoredTenantDirectory extends TenantDirectoryOver implements TenantSettingsSource {
  constructor(private readonly store: DocumentStore<TenantSettings>) {
    super({ settingsFor: (tenantId) => this.settingsFor(tenantId) });
  }

  async settingsFor(tenantId: string): Promise<TenantSettings | undefined> {
    const item = await this.store.read({ partitionKey: tenantId, id: settingsId });
    return item?.value;
  }

  /** Validates and saves a council's settings (admin tooling). */
  async save(tenantId: string, settings: unknown): Promise<TenantSettings> {
    const parsed = tenantSettingsSchema.parse(settings);
    await this.store.upsert({ partitionKey: tenantId, id: settingsId }, parsed);
    return parsed;
  }
}
