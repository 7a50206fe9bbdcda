import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { buildAppPackage, type BuiltPackage } from '../../../src/dev/package/appPackage';
import { manifestDir, manifestTemplatePath } from '../../../src/dev/package/paths';
import { readPackageSettings, type PackageSettings } from '../../../src/dev/package/settings';
import { readZip, writeZip } from '../../../src/dev/package/packageZip';

/** Test data for the package builder: the real template and icons, and ways to break them. */

/** Settings for an environment, failing the test when they are invalid. */
export function settingsFor(envName: string, env: Record<string, string> = {}): PackageSettings {
  const result = readPackageSettings(envName, env, '1.2.3');
  if (!result.ok) throw new Error(`settings invalid: ${result.problems.join('; ')}`);
  return result.settings;
}

let localBuild: BuiltPackage | undefined;

/** Builds from manifest/; the local build is shared (read-only) because schema checks are slow. */
export function buildFromRepo(settings?: PackageSettings): BuiltPackage {
  if (settings !== undefined) return buildAppPackage(settings, manifestTemplatePath, manifestDir);
  localBuild ??= buildAppPackage(settingsFor('local'), manifestTemplatePath, manifestDir);
  return localBuild;
}

// The parts of a manifest tests change; loose objects keep every other property on the way back.
const command = z.looseObject({ title: z.string(), description: z.string() });
export const editableManifest = z.looseObject({
  id: z.string(),
  version: z.string(),
  developer: z.unknown().optional(),
  name: z.looseObject({ short: z.string(), full: z.string() }),
  validDomains: z.array(z.string()),
  bots: z.array(
    z.looseObject({
      botId: z.string(),
      scopes: z.array(z.string()),
      supportsFiles: z.boolean(),
      commandLists: z.array(
        z.looseObject({ scopes: z.array(z.string()), commands: z.array(command) }),
      ),
    }),
  ),
  composeExtensions: z.array(
    z.looseObject({
      botId: z.string(),
      commands: z.array(
        z.looseObject({
          id: z.string(),
          type: z.string(),
          parameters: z.array(z.looseObject({ name: z.string(), title: z.string() })),
        }),
      ),
    }),
  ),
});
export type EditableManifest = z.infer<typeof editableManifest>;

export interface PackageFiles {
  readonly manifest: EditableManifest;
  readonly files: Map<string, Buffer>;
}

/** Unpacks a built package so a test can change it and pack it again with `repack`. */
export function unpack(zip: Buffer): PackageFiles {
  const files = new Map(readZip(zip).map((entry) => [entry.name, entry.data]));
  const manifestBytes = files.get('manifest.json');
  if (manifestBytes === undefined) throw new Error('package has no manifest.json');
  return { manifest: editableManifest.parse(JSON.parse(manifestBytes.toString('utf8'))), files };
}

export function repack({ manifest, files }: PackageFiles): Buffer {
  const entries = [...files].map(([name, data]) => ({ name, data }));
  const others = entries.filter((entry) => entry.name !== 'manifest.json');
  return writeZip([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) },
    ...others,
  ]);
}

export function commandList(manifest: EditableManifest, scope: string): z.infer<typeof command>[] {
  const list = manifest.bots[0]?.commandLists.find((l) => l.scopes.includes(scope));
  if (list === undefined) throw new Error(`no ${scope} command list`);
  return list.commands;
}

export function repoIcon(name: string): Buffer {
  return readFileSync(join(manifestDir, name));
}
