import { join, resolve } from 'node:path';

/** Where the package builder reads and writes, relative to the repository root. */
export const repoRoot = resolve(__dirname, '..', '..', '..');
export const manifestDir = join(repoRoot, 'manifest');
export const manifestTemplatePath = join(manifestDir, 'manifest.template.json');
export const buildDir = join(repoRoot, 'build');
