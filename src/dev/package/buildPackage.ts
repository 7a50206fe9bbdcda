import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildAppPackage } from './appPackage';
import { buildDir, manifestDir, manifestTemplatePath, repoRoot } from './paths';
import { readPackageSettings } from './settings';

/**
 * `npm run package [-- --env <name>] [--out <dir>]`: builds build/appPackage.<env>.zip from
 * manifest/ and the environment, validates it offline, and exits non-zero (writing nothing) when
 * anything is wrong. The environment name comes from --env, else APP_ENV, else `local`.
 */
function main(): number {
  const { values } = parseArgs({
    options: { env: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: false,
  });
  const envName = values.env ?? process.env.APP_ENV ?? 'local';
  const outDir = values.out === undefined ? buildDir : resolve(values.out);
  const { version } = z
    .object({ version: z.string() })
    .parse(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')));

  const settings = readPackageSettings(envName, process.env, version);
  if (!settings.ok) return fail(envName, settings.problems);
  const built = buildAppPackage(settings.settings, manifestTemplatePath, manifestDir);
  if (built.problems.length > 0) return fail(envName, built.problems);

  mkdirSync(outDir, { recursive: true });
  const outPath = join(outDir, `appPackage.${envName}.zip`);
  writeFileSync(outPath, built.zip);
  const p = settings.settings.placeholders;
  console.log(
    `Teams app package for "${envName}" is valid: ${relative(process.cwd(), outPath) || outPath}`,
  );
  console.log(
    `  app id ${p.TEAMS_APP_ID}, bot id ${p.BOT_ID}, domain ${p.BOT_DOMAIN}, version ${p.APP_VERSION}`,
  );
  return 0;
}

function fail(envName: string, problems: readonly string[]): number {
  console.error(`Teams app package for "${envName}" was not built:`);
  for (const problem of problems) console.error(`  - ${problem}`);
  return 1;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error('Teams app package build failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
