import { z } from 'zod';

/**
 * What the package builder reads from the environment. `local` has working defaults so
 * `npm run package` needs no setup; every other environment must name its own ids and URLs, so a
 * council's package can never carry the fake local ids by accident.
 */
export interface PackageSettings {
  readonly envName: string;
  /** Placeholder name (as written in manifest.template.json, `${{NAME}}`) → value. */
  readonly placeholders: Readonly<Record<string, string>>;
}

/** Fixed, obviously fake GUIDs for the local sandbox (the Agents Playground ignores them). */
export const localDefaults = {
  TEAMS_APP_ID: 'dae0c0ac-0000-4000-8000-000000000001',
  MicrosoftAppId: 'dae0c0ac-0000-4000-8000-000000000002',
  BOT_DOMAIN: 'localhost',
  APP_DEVELOPER_URL: 'https://dare-coach.invalid/',
  APP_PRIVACY_URL: 'https://dare-coach.invalid/privacy',
  APP_TERMS_URL: 'https://dare-coach.invalid/terms',
} as const;

const guid = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');
const httpsUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https$/, error: 'must be an https:// URL' }));
const hostName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/,
    'must be a host name only, e.g. app-darecoach-abc.azurewebsites.net (no https://, port or path)',
  );

const settingsSchema = z.object({
  TEAMS_APP_ID: guid,
  MicrosoftAppId: guid,
  BOT_DOMAIN: hostName,
  APP_DEVELOPER_URL: httpsUrl,
  APP_PRIVACY_URL: httpsUrl,
  APP_TERMS_URL: httpsUrl,
  APP_DEVELOPER_NAME: z.string().trim().min(1).max(32).default('DARE Coach'),
  APP_VERSION: z
    .string()
    .trim()
    .regex(/^\d+\.\d+\.\d+$/, 'must be a version like 1.2.3'),
  APP_NAME_SUFFIX: z.string(),
});

const envNamePattern = /^[a-z0-9][a-z0-9-]{0,31}$/;

export type SettingsResult =
  | { readonly ok: true; readonly settings: PackageSettings }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Validates the packaging settings for `envName`. `packageVersion` (package.json) is the manifest
 * version unless APP_VERSION overrides it; Teams needs a higher one for every re-upload.
 */
export function readPackageSettings(
  envName: string,
  source: Readonly<Record<string, string | undefined>>,
  packageVersion: string,
): SettingsResult {
  if (!envNamePattern.test(envName)) {
    return {
      ok: false,
      problems: [`environment name "${envName}" must be lower-case letters, digits and dashes`],
    };
  }
  const isLocal = envName === 'local';
  const given = (name: string): string | undefined => {
    const value = source[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const input = {
    ...(isLocal ? localDefaults : {}),
    ...pickDefined({
      TEAMS_APP_ID: given('TEAMS_APP_ID'),
      MicrosoftAppId: given('MicrosoftAppId'),
      BOT_DOMAIN: given('BOT_DOMAIN'),
      APP_DEVELOPER_URL: given('APP_DEVELOPER_URL'),
      APP_PRIVACY_URL: given('APP_PRIVACY_URL'),
      APP_TERMS_URL: given('APP_TERMS_URL'),
      APP_DEVELOPER_NAME: given('APP_DEVELOPER_NAME'),
    }),
    APP_VERSION: given('APP_VERSION') ?? packageVersion,
    // Set but empty means "no suffix"; unset means "(env)" everywhere but production.
    APP_NAME_SUFFIX: source.APP_NAME_SUFFIX ?? defaultNameSuffix(envName),
  };
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return issue.code === 'invalid_type'
          ? `${name} is not set (needed for --env ${envName})`
          : `${name} ${issue.message}`;
      }),
    };
  }
  const s = parsed.data;
  return {
    ok: true,
    settings: {
      envName,
      placeholders: {
        TEAMS_APP_ID: s.TEAMS_APP_ID.toLowerCase(),
        BOT_ID: s.MicrosoftAppId.toLowerCase(),
        BOT_DOMAIN: s.BOT_DOMAIN,
        APP_DEVELOPER_NAME: s.APP_DEVELOPER_NAME,
        APP_DEVELOPER_URL: s.APP_DEVELOPER_URL,
        APP_PRIVACY_URL: s.APP_PRIVACY_URL,
        APP_TERMS_URL: s.APP_TERMS_URL,
        APP_VERSION: s.APP_VERSION,
        APP_NAME_SUFFIX: s.APP_NAME_SUFFIX,
      },
    },
  };
}

function defaultNameSuffix(envName: string): string {
  return envName === 'prod' || envName === 'production' ? '' : ` (${envName})`;
}

function pickDefined(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
