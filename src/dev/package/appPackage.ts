import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { checkCapabilities } from './capabilityChecks';
import { fillTemplate } from './fillTemplate';
import { checkIcon } from './iconChecks';
import { validateAgainstBundledSchema } from './manifestSchema';
import type { PackageSettings } from './settings';
import { readZip, writeZip, type ZipEntry } from './packageZip';

/**
 * Builds the Teams app package (manifest.json and the two icons at the zip root) and validates the
 * zip itself, read back from its bytes, so what is checked is exactly what gets uploaded.
 */
export interface BuiltPackage {
  readonly zip: Buffer;
  readonly manifest: unknown;
  /** Empty when the package is valid. */
  readonly problems: readonly string[];
}

const iconNames = z.object({ icons: z.object({ color: z.string(), outline: z.string() }) });
const rootFileName = /^[A-Za-z0-9._-]+$/;

/** Fills the template with the settings, zips it with the icons from `iconsDir`, and validates. */
export function buildAppPackage(
  settings: PackageSettings,
  templatePath: string,
  iconsDir: string,
): BuiltPackage {
  const notBuilt = (manifest: unknown, problems: readonly string[]): BuiltPackage => ({
    zip: Buffer.alloc(0),
    manifest,
    problems,
  });
  const filled = fillTemplate(
    JSON.parse(readFileSync(templatePath, 'utf8')),
    settings.placeholders,
  );
  if (!filled.ok) return notBuilt(undefined, filled.problems);
  const manifest = filled.value;
  const icons = iconNames.safeParse(manifest);
  if (!icons.success) {
    return notBuilt(manifest, ['manifest icons.color and icons.outline must be file names']);
  }
  const entries: ZipEntry[] = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
  ];
  for (const name of new Set([icons.data.icons.color, icons.data.icons.outline])) {
    if (!rootFileName.test(name)) {
      return notBuilt(manifest, [`icon "${name}" must be a plain file name in manifest/`]);
    }
    entries.push({ name, data: readFileSync(join(iconsDir, name)) });
  }
  const zip = writeZip(entries);
  return { zip, manifest, problems: validateAppPackage(zip) };
}

/** Every problem with a Teams app package; empty when Teams should accept it. */
export function validateAppPackage(zip: Buffer): string[] {
  let entries: ZipEntry[];
  try {
    entries = readZip(zip);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  const files = new Map(entries.map((entry) => [entry.name, entry.data]));
  const problems = entries
    .filter((entry) => entry.name.includes('/'))
    .map((entry) => `${entry.name}: Teams expects every file at the root of the zip`);
  const manifestBytes = files.get('manifest.json');
  if (manifestBytes === undefined) return [...problems, 'the package has no manifest.json'];
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    return [...problems, 'manifest.json is not valid JSON'];
  }
  problems.push(...validateAgainstBundledSchema(manifest).map((p) => `manifest.json schema: ${p}`));
  const icons = iconNames.safeParse(manifest);
  if (icons.success) {
    for (const kind of ['color', 'outline'] as const) {
      const name = icons.data.icons[kind];
      const png = files.get(name);
      problems.push(
        ...(png === undefined
          ? [`${name} (the ${kind} icon) is not in the package`]
          : checkIcon(kind, name, png)),
      );
    }
  }
  problems.push(...checkCapabilities(manifest));
  return problems;
}
