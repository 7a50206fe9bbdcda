import type { AppConfig } from '../../config/config';
import { AppError, ErrorCodes } from '../../kernel/errors';

/**
 * The tenant the playground's fake Teams uses when ALLOWED_TENANT_IDS does not name one. The
 * playground's own default ("00000000-0000-0000-0000-0000000000001") is not a valid GUID (its
 * last group has 13 digits), so it could never be listed in ALLOWED_TENANT_IDS.
 */
export const sandboxTenantId = 'd4e0c0ac-0000-4000-8000-000000000001';

/** The sandbox's respondent-id key when RESPONDENT_ID_SECRET is unset: for local use only. */
export const sandboxRespondentSecret = 'sandbox-only-respondent-id-secret-not-for-production';

export interface SandboxSettings {
  /** The app's settings, adjusted for the sandbox (see `sandboxSettings`). */
  readonly config: AppConfig;
  /** The tenant the playground sends: one the tenant guard lets in. */
  readonly tenantId: string;
  /** What was changed from the loaded settings, to tell the developer. */
  readonly notes: readonly string[];
}

/**
 * Adjusts the app's settings for local use. The playground sends no Bot Framework token, so bot
 * identity is dropped; with no token check the bot must not be reachable from other machines, so
 * it binds to loopback. Production settings are refused outright.
 */
export function sandboxSettings(config: AppConfig): SandboxSettings {
  if (config.environment === 'production') {
    throw new AppError(
      ErrorCodes.configInvalid,
      'The sandbox is for local use: unset NODE_ENV=production to run it.',
      { catastrophic: true },
    );
  }
  const notes: string[] = [];
  if (config.bot.appId) {
    notes.push('MicrosoftAppId is ignored: the playground talks to the bot without tokens');
  }
  if (config.host !== '127.0.0.1') {
    notes.push('HOST is ignored: the sandbox bot has no token check, so it listens on 127.0.0.1');
  }
  const tenantId = config.allowedTenantIds[0] ?? sandboxTenantId;
  return {
    config: {
      ...config,
      host: '127.0.0.1',
      bot: { appType: config.bot.appType },
      // A development key for confidence pseudonyms; the sandbox's data is lost on exit anyway.
      outcomes: { respondentSecret: config.outcomes.respondentSecret ?? sandboxRespondentSecret },
    },
    tenantId,
    notes,
  };
}
