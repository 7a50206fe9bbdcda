import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { environmentSchema } from '../../../src/config/schema';
import { repoRoot } from '../../../src/dev/package/paths';
import { containers } from '../../../src/kernel/documentStore';
import { loadTemplate, read, theResource } from './armTemplate';

const identityId = "[variables('identityId')]";
const identityClientId = "[reference(variables('identityId'), '2023-01-31').clientId]";
const identityPrincipalId = "[reference(variables('identityId'), '2023-01-31').principalId]";

describe('Azure template: resources', () => {
  const template = loadTemplate();
  const variable = (name: string): unknown => template.variables[name];

  describe('web app', () => {
    const site = read(
      z.object({
        kind: z.string(),
        identity: z.object({
          type: z.string(),
          userAssignedIdentities: z.record(z.string(), z.unknown()),
        }),
        properties: z.object({
          httpsOnly: z.boolean(),
          keyVaultReferenceIdentity: z.string(),
          siteConfig: z.looseObject({
            linuxFxVersion: z.string(),
            appCommandLine: z.string(),
            alwaysOn: z.boolean(),
            healthCheckPath: z.string(),
            ftpsState: z.string(),
            minTlsVersion: z.string(),
            scmMinTlsVersion: z.string(),
          }),
        }),
      }),
      theResource(template, 'Microsoft.Web/sites'),
    );

    it('is Linux on Node 22 LTS, HTTPS only, TLS 1.2, FTPS off, always on, health-checked', () => {
      assert.equal(site.kind, 'app,linux');
      assert.equal(site.properties.siteConfig.linuxFxVersion, 'NODE|22-lts');
      assert.equal(site.properties.httpsOnly, true);
      assert.equal(site.properties.siteConfig.minTlsVersion, '1.2');
      assert.equal(site.properties.siteConfig.scmMinTlsVersion, '1.2');
      assert.equal(site.properties.siteConfig.ftpsState, 'Disabled');
      assert.equal(site.properties.siteConfig.alwaysOn, true);
      assert.equal(site.properties.siteConfig.healthCheckPath, '/healthz');
      const plan = read(
        z.object({ kind: z.string(), properties: z.object({ reserved: z.boolean() }) }),
        theResource(template, 'Microsoft.Web/serverfarms'),
      );
      assert.deepEqual([plan.kind, plan.properties.reserved], ['linux', true]);
      const skus = template.parameters.appServicePlanSku?.allowedValues ?? [];
      assert.ok(
        skus.every((sku) => typeof sku === 'string' && !/^(F|D)/.test(sku)),
        'Always On needs Basic or above',
      );
    });

    it("starts with npm start, the package's own start script", () => {
      assert.equal(site.properties.siteConfig.appCommandLine, 'npm start');
      const pkg = z
        .object({ scripts: z.object({ start: z.string() }) })
        .parse(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')));
      assert.match(pkg.scripts.start, /^node dist\//);
    });

    it('turns off basic-auth publishing (FTP and SCM)', () => {
      const policies = template.resources.filter(
        (r) => r.type === 'Microsoft.Web/sites/basicPublishingCredentialsPolicies',
      );
      assert.deepEqual(
        policies.map((p) => p.name.replace(/^.*\//, '').replace(/'.*$/, '')).sort(),
        ['ftp', 'scm'],
      );
      for (const policy of policies) assert.deepEqual(policy.properties, { allow: false });
    });

    it('runs as the user-assigned identity and reads Key Vault references with it', () => {
      assert.equal(site.identity.type, 'UserAssigned');
      assert.deepEqual(Object.keys(site.identity.userAssignedIdentities), [identityId]);
      assert.equal(site.properties.keyVaultReferenceIdentity, identityId);
      assert.equal(
        variable('identityId'),
        "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', variables('identityName'))]",
      );
      theResource(template, 'Microsoft.ManagedIdentity/userAssignedIdentities');
    });
  });

  describe('Azure Bot', () => {
    const bot = read(
      z.object({
        kind: z.string(),
        properties: z.looseObject({
          endpoint: z.string(),
          msaAppType: z.string(),
          msaAppId: z.string(),
          msaAppTenantId: z.string(),
          msaAppMSIResourceId: z.string(),
        }),
      }),
      theResource(template, 'Microsoft.BotService/botServices'),
    );

    it('authenticates as the same user-assigned identity as the web app', () => {
      assert.equal(bot.kind, 'azurebot');
      assert.equal(bot.properties.msaAppType, 'UserAssignedMSI');
      assert.equal(bot.properties.msaAppId, identityClientId);
      assert.equal(bot.properties.msaAppMSIResourceId, identityId);
      assert.equal(bot.properties.msaAppTenantId, '[subscription().tenantId]');
    });

    it('sends Teams activities to https://<web app>/api/messages', () => {
      assert.equal(
        bot.properties.endpoint,
        "[format('https://{0}/api/messages', reference(resourceId('Microsoft.Web/sites', variables('webAppName')), '2023-12-01').defaultHostName)]",
      );
      const teams = read(
        z.object({
          name: z.string(),
          properties: z.object({
            channelName: z.string(),
            properties: z.object({ isEnabled: z.boolean() }),
          }),
        }),
        theResource(template, 'Microsoft.BotService/botServices/channels'),
      );
      assert.equal(teams.properties.channelName, 'MsTeamsChannel');
      assert.equal(teams.properties.properties.isEnabled, true);
    });
  });

  describe('Cosmos DB for NoSQL', () => {
    const account = read(
      z.object({
        properties: z.looseObject({
          disableLocalAuth: z.boolean(),
          minimalTlsVersion: z.string(),
          capabilities: z.array(z.object({ name: z.string() })),
        }),
      }),
      theResource(template, 'Microsoft.DocumentDB/databaseAccounts'),
    );

    it('accepts Entra ID only (no account keys), over TLS 1.2', () => {
      assert.equal(account.properties.disableLocalAuth, true);
      assert.equal(account.properties.minimalTlsVersion, 'Tls12');
    });

    it("creates the app's default database and every container the code uses, on /pk with per-item TTL", () => {
      assert.equal(
        template.parameters.cosmosDatabaseName?.defaultValue,
        environmentSchema.shape.COSMOS_DATABASE.parse(undefined),
      );
      const declared = z
        .array(z.object({ name: z.string(), defaultTtl: z.number() }))
        .parse(variable('containers'));
      assert.deepEqual(
        declared.map((c) => [c.name, c.defaultTtl]).sort(),
        Object.entries(containers)
          .map(([name, c]) => [name, c.defaultTtlSeconds])
          .sort(),
      );
      const container = read(
        z.object({
          copy: z.object({ count: z.string() }),
          properties: z.object({
            resource: z.object({
              id: z.string(),
              partitionKey: z.object({ paths: z.array(z.string()) }),
              defaultTtl: z.string(),
            }),
          }),
        }),
        theResource(template, 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers'),
      );
      assert.equal(container.copy.count, "[length(variables('containers'))]");
      assert.equal(container.properties.resource.id, "[variables('containers')[copyIndex()].name]");
      assert.equal(
        container.properties.resource.defaultTtl,
        "[variables('containers')[copyIndex()].defaultTtl]",
      );
      assert.deepEqual(container.properties.resource.partitionKey.paths, ['/pk']);
    });

    it('grants the identity the built-in Data Contributor role', () => {
      const assignment = read(
        z.object({
          properties: z.object({
            roleDefinitionId: z.string(),
            principalId: z.string(),
            scope: z.string(),
          }),
        }),
        theResource(template, 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments'),
      );
      assert.equal(variable('cosmosDataContributorRoleId'), '00000000-0000-0000-0000-000000000002');
      assert.match(
        assignment.properties.roleDefinitionId,
        /sqlRoleDefinitions', variables\('cosmosAccountName'\), variables\('cosmosDataContributorRoleId'\)\)\]$/,
      );
      assert.equal(assignment.properties.principalId, identityPrincipalId);
    });
  });

  describe('Key Vault', () => {
    it('uses RBAC, with soft delete and purge protection', () => {
      const vault = read(
        z.object({
          properties: z.looseObject({
            enableRbacAuthorization: z.boolean(),
            enableSoftDelete: z.boolean(),
            enablePurgeProtection: z.boolean(),
          }),
        }),
        theResource(template, 'Microsoft.KeyVault/vaults'),
      );
      assert.equal(vault.properties.enableRbacAuthorization, true);
      assert.equal(vault.properties.enableSoftDelete, true);
      assert.equal(vault.properties.enablePurgeProtection, true);
    });

    it('lets only the identity read secrets (Key Vault Secrets User on the vault)', () => {
      const assignment = read(
        z.object({
          scope: z.string(),
          properties: z.object({
            roleDefinitionId: z.string(),
            principalId: z.string(),
            principalType: z.string(),
          }),
        }),
        theResource(template, 'Microsoft.Authorization/roleAssignments'),
      );
      assert.equal(variable('keyVaultSecretsUserRoleId'), '4633458b-17de-408a-b874-0445c86b69e6');
      assert.equal(
        assignment.scope,
        "[format('Microsoft.KeyVault/vaults/{0}', variables('keyVaultName'))]",
      );
      assert.match(
        assignment.properties.roleDefinitionId,
        /roleDefinitions', variables\('keyVaultSecretsUserRoleId'\)\)\]$/,
      );
      assert.equal(assignment.properties.principalId, identityPrincipalId);
      assert.equal(assignment.properties.principalType, 'ServicePrincipal');
    });
  });

  describe('Application Insights', () => {
    it('is workspace-based, on a Log Analytics workspace the template creates', () => {
      const insights = read(
        z.object({ properties: z.looseObject({ WorkspaceResourceId: z.string() }) }),
        theResource(template, 'Microsoft.Insights/components'),
      );
      assert.equal(
        insights.properties.WorkspaceResourceId,
        "[resourceId('Microsoft.OperationalInsights/workspaces', variables('logAnalyticsName'))]",
      );
      theResource(template, 'Microsoft.OperationalInsights/workspaces');
    });
  });
});
