import assert from 'node:assert/strict';
import { botCommands } from '../../../src/bot/commands';
import { validateAppPackage } from '../../../src/dev/package/appPackage';
import { checkCapabilities } from '../../../src/dev/package/capabilityChecks';
import { readZip } from '../../../src/dev/package/packageZip';
import { localDefaults } from '../../../src/dev/package/settings';
import { buildFromRepo, commandList, settingsFor, unpack } from './packageFixtures';

describe('Teams app package: building', () => {
  it('builds a valid package from manifest/ with no settings at all (local)', () => {
    const built = buildFromRepo();

    assert.deepEqual(built.problems, []);
    assert.deepEqual(
      readZip(built.zip).map((entry) => entry.name),
      ['manifest.json', 'color.png', 'outline.png'],
    );
    const { manifest } = unpack(built.zip);
    assert.ok(!JSON.stringify(manifest).includes('{{'), 'every placeholder is filled');
    assert.equal(manifest.id, localDefaults.TEAMS_APP_ID);
    assert.equal(manifest.bots[0]?.botId, localDefaults.MicrosoftAppId);
    assert.equal(manifest.composeExtensions[0]?.botId, localDefaults.MicrosoftAppId);
    assert.equal(manifest.name.short, 'DARE Coach (local)');
    // Files: the confidence CSV export goes out by file consent card (files sent in are refused).
    assert.equal(manifest.bots[0]?.supportsFiles, true);
    assert.deepEqual(manifest.bots[0]?.scopes, ['personal', 'team', 'groupChat']);
  });

  it("fills a council's ids, domain and URLs for a named environment", () => {
    const built = buildFromRepo(
      settingsFor('prod', {
        TEAMS_APP_ID: '3F2504E0-4F89-41D3-9A0C-0305E82C3301',
        MicrosoftAppId: '9a8b7c6d-1111-4222-8333-944455556666',
        BOT_DOMAIN: 'app-darecoach-abc123.azurewebsites.net',
        APP_DEVELOPER_URL: 'https://council.example.gov.uk/',
        APP_PRIVACY_URL: 'https://council.example.gov.uk/privacy',
        APP_TERMS_URL: 'https://council.example.gov.uk/terms',
      }),
    );

    assert.deepEqual(built.problems, []);
    const { manifest } = unpack(built.zip);
    assert.equal(manifest.id, '3f2504e0-4f89-41d3-9a0c-0305e82c3301');
    assert.equal(manifest.bots[0]?.botId, '9a8b7c6d-1111-4222-8333-944455556666');
    assert.deepEqual(manifest.validDomains, ['app-darecoach-abc123.azurewebsites.net']);
    assert.deepEqual(manifest.developer, {
      name: 'DARE Coach',
      websiteUrl: 'https://council.example.gov.uk/',
      privacyUrl: 'https://council.example.gov.uk/privacy',
      termsOfUseUrl: 'https://council.example.gov.uk/terms',
    });
    assert.equal(manifest.name.short, 'DARE Coach', 'production has no name suffix');
    assert.equal(manifest.version, '1.2.3');
  });

  it("shows in each scope's menu exactly the commands the bot offers there", () => {
    const { manifest } = unpack(buildFromRepo().zip);
    for (const scope of ['personal', 'team', 'groupChat']) {
      assert.deepEqual(
        commandList(manifest, scope)
          .map((c) => c.title)
          .sort(),
        botCommands
          .filter((c) => c.scopes.some((s) => s === scope))
          .map((c) => c.command)
          .sort(),
        scope,
      );
    }
  });

  it('reports a command the bot gains but the manifest lacks', () => {
    const { manifest } = unpack(buildFromRepo().zip);
    const extra = { command: 'quiz', description: 'Take a quiz', scopes: ['personal'] };

    assert.deepEqual(checkCapabilities(manifest, [...botCommands, extra]), [
      'bot command "quiz" is missing from the personal command list',
    ]);
  });

  it('validates the zip it is given, not only what it built', () => {
    assert.deepEqual(validateAppPackage(buildFromRepo().zip), []);
  });
});
