import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Validates a Teams manifest against the JSON schema bundled in @microsoft/app-manifest, never the
 * network. The library's `AppManifestUtils.validateAgainstSchema` recompiles the 120 KB schema on
 * every call (about half a second), so this compiles each bundled schema once with the same ajv
 * build and options the library uses, loaded from the library's own dependencies.
 */
const schemaUrlPattern =
  /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/(v[0-9.]+)\/MicrosoftTeams\.schema\.json$/;
const libraryRequire = createRequire(require.resolve('@microsoft/app-manifest/package.json'));

interface SchemaError {
  readonly instancePath: string;
  readonly message?: string;
  readonly params?: unknown;
}
interface CompiledSchema {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}
interface AjvInstance {
  compile(schema: unknown): CompiledSchema;
}
type AjvConstructor = new (options: Readonly<Record<string, unknown>>) => AjvInstance;
type AddFormats = (ajv: AjvInstance, formats: readonly string[]) => unknown;

const compiled = new Map<string, CompiledSchema>();

/** Where the bundled schema for a manifest version lives, or undefined when it is not bundled. */
export function bundledSchemaPath(version: string): string | undefined {
  const path = join(
    dirname(libraryRequire.resolve('./package.json')),
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

function compileSchema(path: string): CompiledSchema {
  // As the library does: some published schemas contain "\a" or "\v", which JSON does not allow.
  const text = readFileSync(path, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const schema: unknown = JSON.parse(text);
  const draft =
    typeof schema === 'object' && schema !== null && '$schema' in schema
      ? String(schema.$schema)
      : '';
  // Teams schemas are draft-04 (ajv-draft-04); newer manifest types use 2020-12 (ajv/dist/2020).
  const Ajv = defaultExport<AjvConstructor>(
    draft.includes('2020-12') ? 'ajv/dist/2020' : 'ajv-draft-04',
  );
  const addFormats = defaultExport<AddFormats>('ajv-formats');
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  return ajv.compile(schema);
}

/** The library's copy of a dependency (wherever npm placed it), typed by the shape used here. */
function defaultExport<T>(id: string): T {
  const loaded: unknown = libraryRequire(id);
  const value =
    typeof loaded === 'object' && loaded !== null && 'default' in loaded ? loaded.default : loaded;
  if (typeof value !== 'function')
    throw new Error(`@microsoft/app-manifest no longer provides ${id}`);
  // A CommonJS module's export has no static type here; T is the small part of its API used above.
  return value as T;
}
