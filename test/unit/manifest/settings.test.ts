import assert from 'node:assert/strict';
import { localDefaults, readPackageSettings } from '../../../src/dev/package/settings';

const council = {
  TEAMS_APP_ID: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  MicrosoftAppId: '9a8b7c6d-1111-4222-8333-944455556666',
  BOT_DOMAIN: 'app-darecoach-abc123.azurewebsites.net',
  APP_DEVELOPER_URL: 'https://council.example.gov.uk/',
  APP_PRIVACY_URL: 'https://council.example.gov.uk/privacy',
  APP_TERMS_URL: 'https://council.example.gov.uk/terms',
};

function problemsFor(envName: string, env: Record<string, string>): readonly string[] {
  const result = readPackageSettings(envName, env, '0.1.0');
  return result.ok ? [] : result.problems;
}

describe('Teams app package settings', () => {
  it('needs nothing for local: fixed fake ids, localhost, a "(local)" name', () => {
    const result = readPackageSettings('local', {}, '0.1.0');
    assert.ok(result.ok);
    assert.equal(result.settings.placeholders.TEAMS_APP_ID, localDefaults.TEAMS_APP_ID);
    assert.equal(result.settings.placeholders.BOT_ID, localDefaults.MicrosoftAppId);
    assert.equal(result.settings.placeholders.BOT_DOMAIN, 'localhost');
    assert.equal(result.settings.placeholders.APP_NAME_SUFFIX, ' (local)');
    assert.equal(result.settings.placeholders.APP_VERSION, '0.1.0');
  });

  it('lets local settings be overridden, e.g. a dev tunnel domain', () => {
    const result = readPackageSettings(
      'local',
      { BOT_DOMAIN: 'abc-3978.uks1.devtunnels.ms' },
      '0.1.0',
    );
    assert.ok(result.ok);
    assert.equal(result.settings.placeholders.BOT_DOMAIN, 'abc-3978.uks1.devtunnels.ms');
  });

  it('names every setting a council environment is missing, never falling back to the fake ids', () => {
    assert.deepEqual(problemsFor('prod', {}), [
      'TEAMS_APP_ID is not set (needed for --env prod)',
      'MicrosoftAppId is not set (needed for --env prod)',
      'BOT_DOMAIN is not set (needed for --env prod)',
      'APP_DEVELOPER_URL is not set (needed for --env prod)',
      'APP_PRIVACY_URL is not set (needed for --env prod)',
      'APP_TERMS_URL is not set (needed for --env prod)',
    ]);
  });

  it('rejects malformed ids, domains, URLs and versions, naming the variable', () => {
    const problems = problemsFor('test', {
      ...council,
      MicrosoftAppId: 'my-bot',
      BOT_DOMAIN: 'https://app.azurewebsites.net/api',
      APP_PRIVACY_URL: 'http://council.example.gov.uk/privacy',
      APP_VERSION: '1.0',
    });
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems[0] ?? '', /^MicrosoftAppId must be a GUID/);
    assert.match(problems[1] ?? '', /^BOT_DOMAIN must be a host name only/);
    assert.match(problems[2] ?? '', /^APP_PRIVACY_URL must be an https:\/\/ URL/);
    assert.match(problems[3] ?? '', /^APP_VERSION must be a version/);
  });

  it('suffixes the name outside production unless told otherwise', () => {
    const suffix = (envName: string, env: Record<string, string> = {}): string | undefined => {
      const result = readPackageSettings(envName, { ...council, ...env }, '0.1.0');
      return result.ok ? result.settings.placeholders.APP_NAME_SUFFIX : undefined;
    };
    assert.equal(suffix('test'), ' (test)');
    assert.equal(suffix('prod'), '');
    assert.equal(suffix('test', { APP_NAME_SUFFIX: '' }), '');
    assert.equal(suffix('test', { APP_NAME_SUFFIX: ' Pilot' }), ' Pilot');
  });

  it('keeps the environment name safe for a file name', () => {
    assert.deepEqual(problemsFor('../prod', council), [
      'environment name "../prod" must be lower-case letters, digits and dashes',
    ]);
  });
});
