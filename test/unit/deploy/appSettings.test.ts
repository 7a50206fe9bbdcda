import assert from 'node:assert/strict';
import { z } from 'zod';
import { parseConfig } from '../../../src/config/config';
import { environmentSchema, missingForProduction } from '../../../src/config/schema';
import { allStrings, loadTemplate, read, theResource, type ArmTemplate } from './armTemplate';

/**
 * The web app's settings against the app's own configuration rules (src/config), so a setting
 * the code starts to require in production fails here until the template provides it.
 */
const appSettings = z.array(z.object({ name: z.string(), value: z.string() }));

function settingsOf(template: ArmTemplate): Map<string, string> {
  const site = read(
    z.object({ properties: z.object({ siteConfig: z.object({ appSettings }) }) }),
    theResource(template, 'Microsoft.Web/sites'),
  );
  const list = site.properties.siteConfig.appSettings;
  assert.equal(new Set(list.map((s) => s.name)).size, list.length, 'no setting is set twice');
  return new Map(list.map((s) => [s.name, s.value]));
}

const identityClientId = "[reference(variables('identityId'), '2023-01-31').clientId]";
const sampleGuid = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

/**
 * What App Service hands the app at run time for each template value: literals as they are,
 * parameters as a council would pass them, and ARM/Key Vault references as Azure resolves them.
 * An expression not recognised here fails the test, so new wiring gets a deliberate sample.
 */
function runtimeValue(template: ArmTemplate, name: string, value: string): string {
  if (!value.startsWith('[')) return value;
  const parameter = /^\[parameters\('(\w+)'\)\]$/.exec(value)?.[1];
  if (parameter !== undefined) {
    const given: Record<string, string> = {
      allowedTenantIds: '11111111-2222-4333-8444-555555555555,66666666-7777-4888-9999-aaaaaaaaaaaa',
      partnershipReferralUrl: 'https://intake.partnership.example.org/referrals',
    };
    const fallback = template.parameters[parameter]?.defaultValue;
    const sample = given[parameter] ?? (typeof fallback === 'string' ? fallback : undefined);
    return sample ?? assert.fail(`${name}: no sample for parameter ${parameter}`);
  }
  const resolved: [RegExp, () => string][] = [
    [/^\[reference\(variables\('identityId'\), '[\d-]+'\)\.clientId\]$/, () => sampleGuid],
    [/^\[subscription\(\)\.tenantId\]$/, () => 'c0ffee00-0000-4000-8000-000000000000'],
    [
      /^\[reference\(variables\('cosmosAccountId'\), '[\d-]+'\)\.documentEndpoint\]$/,
      () => 'https://cosmos-darecoach-x.documents.azure.com:443/',
    ],
    [
      /^\[format\('@Microsoft\.KeyVault\(SecretUri=\{0\}\)', reference\(resourceId\('Microsoft\.KeyVault\/vaults\/secrets', .+\)\.secretUri\)\]$/,
      // Key Vault hands over the secret, which the template accepts from minLength characters.
      () => 's'.repeat(template.parameters.partnershipSigningSecret?.minLength ?? 0),
    ],
    [
      /^\[reference\(resourceId\('Microsoft\.Insights\/components', .+\)\.ConnectionString\]$/,
      () =>
        `InstrumentationKey=${sampleGuid};IngestionEndpoint=https://uksouth-1.in.applicationinsights.azure.com/`,
    ],
  ];
  const match = resolved.find(([pattern]) => pattern.test(value));
  return match ? match[1]() : assert.fail(`${name}: unrecognised expression ${value}`);
}

describe('Azure template: app settings', () => {
  const template = loadTemplate();
  const settings = settingsOf(template);
  const runtimeEnv = Object.fromEntries(
    [...settings].map(([name, value]) => [name, runtimeValue(template, name, value)]),
  );

  it("satisfies the app's production configuration (schema, missingForProduction, parseConfig)", () => {
    assert.equal(runtimeEnv.NODE_ENV, 'production');
    const parsed = environmentSchema.safeParse(runtimeEnv);
    assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
    assert.deepEqual(missingForProduction(parsed.data), []);
    assert.doesNotThrow(() => parseConfig(runtimeEnv));
  });

  it('sets each setting production requires of a managed-identity bot', () => {
    // Guards the check above against passing vacuously: the code does require settings, and
    // the template sets every one of them itself.
    const required = missingForProduction(
      environmentSchema.parse({ NODE_ENV: 'production', MicrosoftAppType: 'UserAssignedMSI' }),
    );
    assert.ok(
      required.length >= 5,
      `the app requires settings in production: ${required.join(', ')}`,
    );
    for (const name of required) assert.ok(settings.has(name), `${name} is set`);
  });

  it('holds no keys, passwords or secrets: only a Key Vault reference', () => {
    for (const forbidden of ['COSMOS_KEY', 'MicrosoftAppPassword'])
      assert.equal(settings.has(forbidden), false, forbidden);
    const looksSecret = /key|secret|password|pwd|token|connection_?string|credential/i;
    for (const [name, value] of settings) {
      if (!looksSecret.test(name)) continue;
      if (name === 'PARTNERSHIP_SIGNING_SECRET' || name === 'RESPONDENT_ID_SECRET') {
        assert.match(
          value,
          /^\[format\('@Microsoft\.KeyVault\(SecretUri=\{0\}\)', reference\(resourceId\('Microsoft\.KeyVault\/vaults\/secrets'/,
        );
      } else if (name === 'APPLICATIONINSIGHTS_CONNECTION_STRING') {
        // Ingestion address and id, not an access key; read from the component, never pasted in.
        assert.match(
          value,
          /^\[reference\(resourceId\('Microsoft\.Insights\/components', .+\)\.ConnectionString\]$/,
        );
      } else {
        assert.fail(`${name} looks like a secret; put it in Key Vault and reference it`);
      }
    }
  });

  it('never reads keys out of a resource (no list*() calls anywhere)', () => {
    const listCalls = allStrings(template).filter(({ value }) => /\blist[A-Za-z]*\(/.test(value));
    assert.deepEqual(listCalls, []);
  });

  it('takes the signing secret as a secure parameter and stores it only in Key Vault', () => {
    const secret = template.parameters.partnershipSigningSecret;
    assert.equal(secret?.type, 'securestring');
    assert.equal(secret.defaultValue, undefined);
    const uses = allStrings(template).filter(({ value }) =>
      value.includes("parameters('partnershipSigningSecret')"),
    );
    const vaultSecret = template.resources.findIndex(
      (r) =>
        r.type === 'Microsoft.KeyVault/vaults/secrets' &&
        JSON.stringify(r).includes('partnershipSigningSecret'),
    );
    assert.deepEqual(
      uses.map((u) => u.path),
      [`/resources/${vaultSecret}/properties/value`],
    );
    // The template's minimum is one the app accepts (the app's rule comes from its schema).
    const shortest = 's'.repeat(secret.minLength ?? 0);
    assert.ok(environmentSchema.shape.PARTNERSHIP_SIGNING_SECRET.safeParse(shortest).success);
  });

  it('takes the respondent-id key as a secure parameter and stores it only in Key Vault', () => {
    const secret = template.parameters.respondentIdSecret;
    assert.equal(secret?.type, 'securestring');
    assert.equal(secret.defaultValue, undefined);
    const uses = allStrings(template).filter(({ value }) =>
      value.includes("parameters('respondentIdSecret')"),
    );
    assert.equal(uses.length, 1);
    assert.match(uses[0]?.path ?? '', /^\/resources\/\d+\/properties\/value$/);
    const shortest = 's'.repeat(secret.minLength ?? 0);
    assert.ok(environmentSchema.shape.RESPONDENT_ID_SECRET.safeParse(shortest).success);
  });

  it('runs the built app from the deployed zip, without building on the server', () => {
    assert.equal(settings.get('WEBSITE_RUN_FROM_PACKAGE'), '1');
    assert.equal(settings.get('SCM_DO_BUILD_DURING_DEPLOYMENT'), 'false');
  });

  it('gives the Azure SDK and Bot Framework the user-assigned identity', () => {
    assert.equal(settings.get('MicrosoftAppType'), 'UserAssignedMSI');
    assert.equal(settings.get('MicrosoftAppId'), identityClientId);
    assert.equal(
      settings.get('AZURE_CLIENT_ID'),
      identityClientId,
      'DefaultAzureCredential picks this identity',
    );
  });
});
