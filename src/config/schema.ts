import { z } from 'zod';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const tenantList = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const ids = (raw ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter((s) => s !== '');
    const bad = ids.filter((id) => !guid.test(id));
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `has ${bad.length} entry(ies) that are not tenant GUIDs`,
      });
    }
    return ids;
  });

/**
 * Every environment variable the app reads, with its format and default. The names are the
 * contract in DESIGN.md; `.env.example` documents each one.
 */
export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: optionalText,
  COSMOS_ENDPOINT: optionalText.pipe(z.url({ protocol: /^https$/ }).optional()),
  COSMOS_KEY: optionalText,
  COSMOS_DATABASE: z.string().trim().min(1).default('dare-coach'),
  ALLOWED_TENANT_IDS: tenantList,
  PARTNERSHIP_REFERRAL_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  PARTNERSHIP_SIGNING_SECRET: optionalText.pipe(z.string().min(32).optional()),
  PARTNERSHIP_SIGNING_SECRET_NEXT: optionalText.pipe(z.string().min(32).optional()),
  RESPONDENT_ID_SECRET: optionalText.pipe(z.string().min(32).optional()),
  REFERRAL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText.pipe(
    z
      .string()
      .regex(
        /InstrumentationKey=|IngestionEndpoint=/i,
        'must be an Application Insights connection string',
      )
      .optional(),
  ),
  REFERRAL_DELIVERY_DEADLINE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(24),
  NUDGE_RATE_PER_TENANT: z.coerce
    .number({ message: 'must be a number of requests per second' })
    .int('must be a whole number of requests per second')
    .min(1, 'must be at least 1 request per second')
    .max(50, "must be at most 50 requests per second (Teams' limit per app per tenant)")
    .default(50),
  REFRESHER_WORKING_HOURS: z
    .string()
    .trim()
    .regex(
      /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/,
      'must be two London times, from-to, such as 09:30-16:30',
    )
    .default('09:30-16:30')
    .transform((v) => {
      const [from = '', to = ''] = v.split('-');
      return { from, to };
    })
    .refine(({ from, to }) => from < to, 'must start before it ends, such as 09:30-16:30'),
});

export type Environment = z.infer<typeof environmentSchema>;

/** Settings that production refuses to start without, checked after the schema passes. */
export function missingForProduction(env: Environment): string[] {
  const missing: string[] = [];
  if (!env.MicrosoftAppId) missing.push('MicrosoftAppId');
  if (!env.MicrosoftAppType) missing.push('MicrosoftAppType');
  if (env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    missing.push('MicrosoftAppPassword');
  }
  if (env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
    missing.push('MicrosoftAppTenantId');
  }
  if (!env.COSMOS_ENDPOINT) missing.push('COSMOS_ENDPOINT');
  if (env.ALLOWED_TENANT_IDS.length === 0) missing.push('ALLOWED_TENANT_IDS');
  if (!env.PARTNERSHIP_REFERRAL_URL) missing.push('PARTNERSHIP_REFERRAL_URL');
  // Referrals are special category data: never sent unencrypted outside a developer's machine.
  else if (!env.PARTNERSHIP_REFERRAL_URL.startsWith('https://')) {
    missing.push('PARTNERSHIP_REFERRAL_URL (https)');
  }
  if (!env.PARTNERSHIP_SIGNING_SECRET) missing.push('PARTNERSHIP_SIGNING_SECRET');
  // Confidence answers' pseudonyms: without the secret they could not be paired or erased later.
  if (!env.RESPONDENT_ID_SECRET) missing.push('RESPONDENT_ID_SECRET');
  return missing;
}
