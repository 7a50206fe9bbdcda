import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseConfig } from '../../../src/config/config';
import { isAppError } from '../../../src/kernel/errors';

const tenant = '00000000-0000-4000-8000-00000000aaaa';
const completeProduction = {
  NODE_ENV: 'production',
  MicrosoftAppId: '00000000-0000-4000-8000-000000000a99',
  MicrosoftAppType: 'UserAssignedMSI',
  MicrosoftAppTenantId: tenant,
  COSMOS_ENDPOINT: 'https://dare-coach.documents.azure.com:443/',
  ALLOWED_TENANT_IDS: tenant,
  PARTNERSHIP_REFERRAL_URL: 'https://intake.partnership.example/referrals',
  PARTNERSHIP_SIGNING_SECRET: 'x'.repeat(40),
  RESPONDENT_ID_SECRET: 'r'.repeat(40),
};

function errorOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (err) {
    assert.ok(isAppError(err, 'CONFIG_INVALID'));
    assert.equal(err.catastrophic, true);
    return err.message;
  }
  assert.fail('expected the settings to be refused');
}

describe('config', () => {
  it('has safe local defaults', () => {
    const config = parseConfig({});
    assert.equal(config.port, 3978);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.environment, 'development');
    assert.equal(config.cosmos.endpoint, undefined);
    assert.equal(config.cosmos.database, 'dare-coach');
    assert.deepEqual(config.allowedTenantIds, []);
  });

  it('reads an empty value as unset (as .env.example copied to .env has them)', () => {
    const empty = {
      HOST: '',
      PORT: '',
      MicrosoftAppId: '',
      MicrosoftAppType: '',
      COSMOS_ENDPOINT: ' ',
      COSMOS_DATABASE: '',
      REFERRAL_RETENTION_DAYS: '',
      ALLOWED_TENANT_IDS: '',
    };
    assert.deepEqual(parseConfig(empty), parseConfig({}));
  });

  it('turns referral retention and delivery deadline into milliseconds, refusing nonsense', () => {
    const config = parseConfig({
      REFERRAL_RETENTION_DAYS: '7',
      REFERRAL_DELIVERY_DEADLINE_HOURS: '48',
    });
    assert.equal(config.referrals.retentionMs, 7 * 24 * 3600_000);
    assert.equal(config.referrals.deliveryDeadlineMs, 48 * 3600_000);
    assert.equal(parseConfig({}).referrals.retentionMs, 30 * 24 * 3600_000);
    assert.match(errorOf({ REFERRAL_RETENTION_DAYS: '0' }), /REFERRAL_RETENTION_DAYS/);
  });

  it('schedules refreshers in 09:30-16:30 London unless told other hours, and refuses hours that are not a span', () => {
    assert.deepEqual(parseConfig({}).nudges.workingHours, { from: '09:30', to: '16:30' });
    assert.deepEqual(
      parseConfig({ REFRESHER_WORKING_HOURS: ' 08:45-17:00 ' }).nudges.workingHours,
      { from: '08:45', to: '17:00' },
    );
    assert.match(
      errorOf({ REFRESHER_WORKING_HOURS: '16:30-09:30' }),
      /REFRESHER_WORKING_HOURS must start before it ends/,
    );
    assert.match(
      errorOf({ REFRESHER_WORKING_HOURS: '9:30 to 4:30' }),
      /REFRESHER_WORKING_HOURS must be two London times/,
    );
    assert.match(errorOf({ REFRESHER_WORKING_HOURS: '09:30-24:00' }), /REFRESHER_WORKING_HOURS/);
  });

  it("paces nudges at Teams' 50 requests/s per tenant unless told a lower whole rate", () => {
    assert.equal(parseConfig({}).nudges.ratePerTenant, 50);
    assert.equal(parseConfig({ NUDGE_RATE_PER_TENANT: '20' }).nudges.ratePerTenant, 20);
    assert.match(
      errorOf({ NUDGE_RATE_PER_TENANT: '60' }),
      /NUDGE_RATE_PER_TENANT must be at most 50/,
    );
    assert.match(
      errorOf({ NUDGE_RATE_PER_TENANT: '12.5' }),
      /NUDGE_RATE_PER_TENANT must be a whole/,
    );
    assert.match(
      errorOf({ NUDGE_RATE_PER_TENANT: 'fast' }),
      /NUDGE_RATE_PER_TENANT must be a number/,
    );
  });

  it('accepts complete production settings, using the managed identity when no Cosmos key is set', () => {
    const config = parseConfig(completeProduction);
    assert.equal(config.cosmos.key, undefined);
    assert.equal(config.bot.appType, 'UserAssignedMSI');
    assert.equal(config.host, '0.0.0.0');
    assert.deepEqual(config.allowedTenantIds, [tenant]);
  });

  it('refuses production without identity, storage, tenants and partnership, naming each one', () => {
    const message = errorOf({ NODE_ENV: 'production' });
    for (const name of [
      'MicrosoftAppId',
      'MicrosoftAppType',
      'MicrosoftAppPassword',
      'MicrosoftAppTenantId',
      'COSMOS_ENDPOINT',
      'ALLOWED_TENANT_IDS',
      'PARTNERSHIP_REFERRAL_URL',
      'PARTNERSHIP_SIGNING_SECRET',
      'RESPONDENT_ID_SECRET',
    ]) {
      assert.ok(message.includes(name), `names ${name}: ${message}`);
    }
  });

  it('names a single missing production setting', () => {
    const { PARTNERSHIP_SIGNING_SECRET: _omitted, ...rest } = completeProduction;
    assert.equal(
      errorOf(rest),
      'Refusing to start in production without: PARTNERSHIP_SIGNING_SECRET.',
    );
  });

  it('refuses production without the respondent-id key, and a key shorter than 32 characters', () => {
    const { RESPONDENT_ID_SECRET: _omitted, ...rest } = completeProduction;
    assert.equal(errorOf(rest), 'Refusing to start in production without: RESPONDENT_ID_SECRET.');
    assert.match(errorOf({ RESPONDENT_ID_SECRET: 'too-short' }), /RESPONDENT_ID_SECRET/);
    assert.equal(
      parseConfig(completeProduction).outcomes.respondentSecret,
      completeProduction.RESPONDENT_ID_SECRET,
    );
  });

  it('refuses a plain http partnership URL in production', () => {
    const message = errorOf({
      ...completeProduction,
      PARTNERSHIP_REFERRAL_URL: 'http://intake.partnership.example/referrals',
    });
    assert.match(message, /PARTNERSHIP_REFERRAL_URL \(https\)/);
  });

  it('refuses malformed values without echoing them', () => {
    const message = errorOf({
      PORT: 'eighty',
      ALLOWED_TENANT_IDS: 'not-a-guid',
      COSMOS_ENDPOINT: 'http://plain.example',
      PARTNERSHIP_SIGNING_SECRET: 'short',
    });
    for (const name of [
      'PORT',
      'ALLOWED_TENANT_IDS',
      'COSMOS_ENDPOINT',
      'PARTNERSHIP_SIGNING_SECRET',
    ]) {
      assert.ok(message.includes(name), `names ${name}`);
    }
    assert.ok(
      !message.includes('not-a-guid') && !message.includes('short'),
      'values are not echoed',
    );
  });

  it('takes the next signing secret while rotating, with the same rules as the current one', () => {
    assert.equal(parseConfig({}).partnership.nextSigningSecret, undefined);
    const next = 'n'.repeat(40);
    assert.equal(
      parseConfig({ PARTNERSHIP_SIGNING_SECRET_NEXT: next }).partnership.nextSigningSecret,
      next,
    );
    const message = errorOf({ PARTNERSHIP_SIGNING_SECRET_NEXT: 'too-short' });
    assert.match(message, /PARTNERSHIP_SIGNING_SECRET_NEXT/);
    assert.ok(!message.includes('too-short'), 'the value is not echoed');
  });

  it('turns telemetry on only with an Application Insights connection string, never echoing it', () => {
    assert.equal(parseConfig({}).telemetry.connectionString, undefined);
    assert.equal(
      parseConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: '  ' }).telemetry.connectionString,
      undefined,
    );
    const connectionString =
      'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=https://uksouth-1.in.applicationinsights.azure.com/';
    assert.equal(
      parseConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString }).telemetry
        .connectionString,
      connectionString,
    );
    const message = errorOf({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'not-a-connection-string' });
    assert.match(message, /APPLICATIONINSIGHTS_CONNECTION_STRING/);
    assert.ok(!message.includes('not-a-connection-string'), 'the value is not echoed');
  });

  it('the process exits non-zero with one clear line and no stack trace when production settings are missing', function () {
    this.timeout(30_000);
    const result = spawnSync(
      process.execPath,
      ['--require', 'tsx/cjs', path.resolve('src/index.ts')],
      {
        env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
        encoding: 'utf8',
        cwd: path.resolve('test/fixtures/empty-dir'),
      },
    );
    assert.equal(result.status, 1);
    assert.match(
      result.stderr,
      /^Refusing to start in production without: MicrosoftAppId, .*PARTNERSHIP_SIGNING_SECRET, RESPONDENT_ID_SECRET\.\n$/,
    );
    assert.ok(!/\bat \S+ \(/.test(result.stderr), 'no stack trace');
  });
});
