import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

/**
 * Validates a Teams manifest against the JSON schema bundled in @microsoft/app-manifest, never the
 * network: the schema file is located inside the package and handed to its validator explicitly
 * (given no schema, the library would download one it does not bundle).
 */
const schemaUrlPattern = /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/(v[0-9.]+)\/MicrosoftTeams\.schema\.json$/;

/** Where the bundled schema for a manifest version lives, or undefined when it is not bundled. */
export function bundledSchemaPath(version: string): string | undefined {
  const packageDir = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const path = join(packageDir, 'build', 'json-schemas', 'teams', version, 'MicrosoftTeams.schema.json');
  return existsSync(path) ? path : undefined;
}

/** Schema problems as readable lines (`/json/path message`); empty when the manifest is valid. */
export async function validateAgainstBundledSchema(manifest: unknown): Promise<string[]> {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    return ['manifest.json must be a JSON object'];
  }
  const schemaUrl = '$schema' in manifest ? manifest.$schema : undefined;
  const version = typeof schemaUrl === 'string' ? schemaUrlPattern.exec(schemaUrl)?.[1] : undefined;
  if (version === undefined) {
    return ['$schema must be https://developer.microsoft.com/json-schemas/teams/v1.NN/MicrosoftTeams.schema.json'];
  }
  const manifestVersion = 'manifestVersion' in manifest ? manifest.manifestVersion : undefined;
  if (`v${String(manifestVersion)}` !== version) {
    return [`manifestVersion "${String(manifestVersion)}" does not match the $schema version ${version}`];
  }
  const path = bundledSchemaPath(version);
  if (path === undefined) {
    return [`schema ${version} is not bundled in @microsoft/app-manifest, so it cannot be checked offline`];
  }
  // The library's own loader does this too: some published schemas contain "\a", which is not JSON.
  const schema: unknown = JSON.parse(readFileSync(path, 'utf8').replace(/\\a/g, '\\u0007'));
  // The validator's parameter types describe a valid manifest and its schema; checking whether the
  // object is one is exactly what the call does, so the unchecked values are passed through as is.
  const failures = await AppManifestUtils.validateAgainstSchema(
    manifest as AppManifest,
    schema as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1],
  );
  // The library appends "Details: {...}" (ajv params) to each message; keep it, it names the field.
  return failures.map((failure) => failure.trim());
}
