import { z } from 'zod';

/**
 * How long each kind of record is kept, in days, with the default a council gets when it sets
 * nothing. Every stored record that holds personal data is one of these; the data map
 * (docs/data-protection.md) is generated from this table, and every repository writing such a
 * record sets the item's TTL from the council's value (Cosmos deletes it then). Where a time is
 * counted from is said in `from`.
 */
export const retentionRecords = {
  sessions: {
    days: 30,
    what: 'coaching walk-throughs and the notes typed into them',
    from: 'the last change to the walk-through',
  },
  drafts: {
    days: 7,
    what: 'referral drafts (answers not yet sent)',
    from: 'the last change to the draft',
  },
  referrerProfiles: {
    days: 365,
    what: "a referrer's remembered role, team, organisation and phone",
    from: 'their last referral',
  },
  receipts: {
    days: 30,
    what: 'where a referral receipt card was posted (to update it in place)',
    from: 'the last status change shown on it',
  },
  referralBodies: {
    days: 30,
    what: "a referral's body (everything the form asked) once delivery is final",
    from: 'the final status (sent, rejected or failed)',
  },
  auditRecords: {
    days: 2190,
    what: 'audit records: a referral after its body is purged, its access trail, subject requests',
    from: 'when the audit record is written (the body purge, the access, the request)',
  },
  conversations: {
    days: 365,
    what: 'conversation references (to send receipts and nudges later)',
    from: 'the last time the bot saw the conversation',
  },
  confidenceAnswers: {
    days: 730,
    what: 'confidence check-in answers (pseudonymous)',
    from: 'the answer',
  },
  nudgeDeliveries: {
    days: 90,
    what: 'nudge deliveries: who a refresher was sent to, and whether it arrived',
    from: 'the delivery',
  },
  quizAnswers: {
    days: 365,
    what: 'refresher quiz answers (pseudonymous): which reply each person chose',
    from: 'the answer',
  },
} as const;

export type RetainedRecord = keyof typeof retentionRecords;

export const retainedRecords = Object.keys(retentionRecords) as RetainedRecord[];

export type RetentionDays = Readonly<Record<RetainedRecord, number>>;

export const defaultRetentionDays: RetentionDays = Object.fromEntries(
  retainedRecords.map((r) => [r, retentionRecords[r].days]),
) as Record<RetainedRecord, number>;

/** Longest any record may be kept: ten years. */
export const maxRetentionDays = 3650;

const days = z
  .number({ error: 'must be a whole number of days' })
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(maxRetentionDays, `must be at most ${maxRetentionDays} days (10 years)`);

/** A council's own periods: any subset of the records, each 1 to 3650 days. */
export const retentionSettingsSchema = z
  .object(
    Object.fromEntries(retainedRecords.map((r) => [r, days.optional()])) as Record<
      RetainedRecord,
      z.ZodOptional<typeof days>
    >,
  )
  .strict();

export type RetentionSettings = Partial<Record<RetainedRecord, number>>;

export const daySeconds = 24 * 60 * 60;

/** Seconds until the store deletes a record written now for this tenant. */
export type TtlFor = (tenantId: string) => Promise<number>;

/** A fixed TTL, for repositories built without a council's settings (tests, tools). */
export const fixedTtl =
  (record: RetainedRecord): TtlFor =>
  () =>
    Promise.resolve(defaultRetentionDays[record] * daySeconds);

/** Where a council's own periods come from (its tenant settings). */
export interface RetentionOverrides {
  retentionOverridesFor(tenantId: string): Promise<RetentionSettings>;
}

/**
 * Each council's retention: its own value for a record where it set one, else the default
 * (which the deployment may change for referral bodies: REFERRAL_RETENTION_DAYS).
 */
export class RecordRetention {
  private readonly defaults: RetentionDays;

  constructor(
    private readonly source: RetentionOverrides,
    defaults: Partial<RetentionDays> = {},
  ) {
    this.defaults = { ...defaultRetentionDays, ...defaults };
  }

  async daysFor(tenantId: string, record: RetainedRecord): Promise<number> {
    return (await this.source.retentionOverridesFor(tenantId))[record] ?? this.defaults[record];
  }

  /** Every record's period for one council. */
  async allFor(tenantId: string): Promise<RetentionDays> {
    const own = await this.source.retentionOverridesFor(tenantId);
    return { ...this.defaults, ...own };
  }

  ttlFor(record: RetainedRecord): TtlFor {
    return async (tenantId) => (await this.daysFor(tenantId, record)) * daySeconds;
  }
}
