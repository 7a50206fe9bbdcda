import { config as readDotenv } from 'dotenv';
import { AppError, ErrorCodes } from '../kernel/errors';
import { environmentSchema, missingForProduction, type Environment } from './schema';

/** The typed, validated settings the rest of the app receives. Nothing else reads process.env. */
export interface AppConfig {
  readonly environment: Environment['NODE_ENV'];
  readonly port: number;
  /** Interface to bind: all interfaces in production (App Service), loopback elsewhere. */
  readonly host: string;
  readonly logLevel: Environment['LOG_LEVEL'];
  readonly bot: {
    readonly appId?: string;
    readonly appPassword?: string;
    readonly appType: NonNullable<Environment['MicrosoftAppType']>;
    readonly appTenantId?: string;
  };
  readonly cosmos: {
    /** Unset outside production: an embedded Cosmos-compatible server is started instead. */
    readonly endpoint?: string;
    /** Unset with an endpoint: the managed identity is used. */
    readonly key?: string;
    readonly database: string;
  };
  /** Empty means every tenant is allowed (refused in production). */
  readonly allowedTenantIds: readonly string[];
  readonly partnership: {
    readonly referralUrl?: string;
    readonly signingSecret?: string;
    /** While rotating: the next secret, also signed with (the partnership may switch any time). */
    readonly nextSigningSecret?: string;
  };
  readonly outcomes: {
    /**
     * The HMAC key of confidence respondents' pseudonyms (RESPONDENT_ID_SECRET). Required in
     * production; the local sandbox sets a development one; unset elsewhere, a random key per process.
     */
    readonly respondentSecret?: string;
  };
  readonly referrals: {
    /** How long a referral's body is kept once its status is final, before only the audit record remains. */
    readonly retentionMs: number;
    /** How long delivery is retried before the referral is marked failed. */
    readonly deliveryDeadlineMs: number;
  };
  readonly nudges: {
    /**
     * Requests per second a tenant's refreshers are sent at (NUDGE_RATE_PER_TENANT; Teams allows
     * 50 per app per tenant, conversation creation included). Lower it to leave room for replies.
     */
    readonly ratePerTenant: number;
    /**
     * The London hours refreshers are scheduled and sent in (REFRESHER_WORKING_HOURS, default
     * 09:30-16:30): a schedule's time must be inside them, and a missed occurrence is caught up only
     * before they end that day.
     */
    readonly workingHours: { readonly from: string; readonly to: string };
  };
  /** Unset: no telemetry leaves the process. */
  readonly telemetry: { readonly connectionString?: string };
}

/**
 * Validates the environment once. Throws a catastrophic CONFIG_INVALID error whose message names
 * every bad or missing variable (never its value).
 */
export function parseConfig(source: Record<string, string | undefined>): AppConfig {
  const result = environmentSchema.safeParse(withoutEmpty(source));
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`,
    );
    throw new AppError(ErrorCodes.configInvalid, `Invalid settings: ${problems.join('; ')}.`, {
      catastrophic: true,
    });
  }
  const env = result.data;
  if (env.NODE_ENV === 'production') {
    const missing = missingForProduction(env);
    if (missing.length > 0) {
      throw new AppError(
        ErrorCodes.configInvalid,
        `Refusing to start in production without: ${missing.join(', ')}.`,
        { catastrophic: true },
      );
    }
  }
  return {
    environment: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST ?? (env.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    logLevel: env.LOG_LEVEL,
    bot: {
      appId: env.MicrosoftAppId,
      appPassword: env.MicrosoftAppPassword,
      appType: env.MicrosoftAppType ?? 'MultiTenant',
      appTenantId: env.MicrosoftAppTenantId,
    },
    cosmos: { endpoint: env.COSMOS_ENDPOINT, key: env.COSMOS_KEY, database: env.COSMOS_DATABASE },
    allowedTenantIds: env.ALLOWED_TENANT_IDS,
    partnership: {
      referralUrl: env.PARTNERSHIP_REFERRAL_URL,
      signingSecret: env.PARTNERSHIP_SIGNING_SECRET,
      nextSigningSecret: env.PARTNERSHIP_SIGNING_SECRET_NEXT,
    },
    outcomes: { respondentSecret: env.RESPONDENT_ID_SECRET },
    referrals: {
      retentionMs: env.REFERRAL_RETENTION_DAYS * 24 * 60 * 60_000,
      deliveryDeadlineMs: env.REFERRAL_DELIVERY_DEADLINE_HOURS * 60 * 60_000,
    },
    nudges: {
      ratePerTenant: env.NUDGE_RATE_PER_TENANT,
      workingHours: env.REFRESHER_WORKING_HOURS,
    },
    telemetry: { connectionString: env.APPLICATIONINSIGHTS_CONNECTION_STRING },
  };
}

/**
 * Empty values mean "unset": `.env.example` copied as it is lists every variable with no value,
 * and `MicrosoftAppType=` must fall back to its default like an absent variable, not be refused.
 */
function withoutEmpty(source: Record<string, string | undefined>): Record<string, string> {
  const set: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value !== undefined && value.trim() !== '') set[name] = value;
  }
  return set;
}

/** Reads `.env` (if present) into the environment, then validates it. */
export function loadConfig(): AppConfig {
  // dotenv never overrides variables that are already set, so the platform's settings win.
  readDotenv({ quiet: true });
  return parseConfig(process.env);
}

/** What may be logged about the settings: which are present, never their values. */
export function describeConfig(config: AppConfig): Record<string, string | number | boolean> {
  return {
    environment: config.environment,
    port: config.port,
    botAuth: config.bot.appId ? config.bot.appType : 'none (local only)',
    storage: config.cosmos.endpoint
      ? config.cosmos.key
        ? 'cosmos (key)'
        : 'cosmos (managed identity)'
      : 'embedded',
    allowedTenantCount: config.allowedTenantIds.length,
    partnershipConfigured: Boolean(
      config.partnership.referralUrl && config.partnership.signingSecret,
    ),
    signingSecretRotating: Boolean(config.partnership.nextSigningSecret),
  };
}
