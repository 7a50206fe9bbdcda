import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { z } from 'zod';

/**
 * Validates a Teams manifest against the JSON schema bundled in @microsoft/app-manifest, never the
 * network. The library's `AppManifestUtils.validateAgainstSchema` recompiles the 120 KB schema on
 * every call (about half a second), so this compiles each bundled schema once, with ajv and the
 * options the library uses (ajv, ajv-draft-04 and ajv-formats are this project's own dependencies).
 */
const schemaUrlPattern =
  /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/(v[0-9.]+)\/MicrosoftTeams\.schema\.json$/;
const libraryDir = dirname(require.resolve('@microsoft/app-manifest/package.json'));

const compiled = new Map<string, ValidateFunction>();

/** Where the bundled schema for a manifest version lives, or undefined when it is not bundled. */
export function bundledSchemaPath(version: string): string | undefined {
  const path = join(
    libraryDir,
    'build',
    'json-schemas',
    'teams',
    version,
    'MicrosoftTeams.schema.json',
  );
  return existsSync(path) ? path : undefined;
}

/** Schema problems as readable lines (`/json/path message`); empty when the manifest is valid. */
export function validateAgainstBundledSchema(manifest: unknown): string[] {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    return ['manifest.json must be a JSON object'];
  }
  const schemaUrl = '$schema' in manifest ? manifest.$schema : undefined;
  const version = typeof schemaUrl === 'string' ? schemaUrlPattern.exec(schemaUrl)?.[1] : undefined;
  if (version === undefined) {
    return [
      '$schema must be https://developer.microsoft.com/json-schemas/teams/v1.NN/MicrosoftTeams.schema.json',
    ];
  }
  const manifestVersion = 'manifestVersion' in manifest ? manifest.manifestVersion : undefined;
  if (`v${String(manifestVersion)}` !== version) {
    return [
      `manifestVersion "${String(manifestVersion)}" does not match the $schema version ${version}`,
    ];
  }
  const path = bundledSchemaPath(version);
  if (path === undefined) {
    return [
      `schema ${version} is not bundled in @microsoft/app-manifest, so it cannot be checked offline`,
    ];
  }
  let validate = compiled.get(path);
  if (validate === undefined) {
    validate = compileSchema(path);
    compiled.set(path, validate);
  }
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${error.instancePath || '/'} ${error.message ?? 'is invalid'} ${JSON.stringify(error.params ?? {})}`,
  );
}

function compileSchema(path: string): ValidateFunction {
  // As the library does: some published schemas contain "\a" or "\v", which JSON does not allow.
  const text = readFileSync(path, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const schema = z.record(z.string(), z.unknown()).parse(JSON.parse(text));
  const draft = typeof schema.$schema === 'string' ? schema.$schema : '';
  // Teams schemas are draft-04 (ajv-draft-04); newer manifest types use 2020-12.
  const options = { allErrors: true, strictTypes: false } as const;
  const ajv = draft.includes('2020-12') ? new Ajv2020(options) : new AjvDraft04(options);
  addFormats(ajv, ['uri', 'email', 'regex']);
  return ajv.compile(schema);
}
