import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { payloadVersions } from '../../referrals/schema/payloadVersions';
import { referralBodyJsonSchema } from '../../referrals/schema/referralJsonSchema';

/**
 * The published JSON Schema of each payload version (README.md beside this file): generated from
 * the field declaration, committed, and checked by a test to be up to date. After changing a
 * field: `npx tsx src/dev/partnershipIntake/intakeSchemas.ts`.
 */

export const schemasDir = path.resolve(__dirname, 'schemas');

export const schemaFileOf = (version: number): string => `referral-body.v${version}.schema.json`;

/** File name → schema, for every payload version. */
export function intakeSchemas(): Record<string, object> {
  return Object.fromEntries(
    payloadVersions.map((v) => [schemaFileOf(v), referralBodyJsonSchema(v)]),
  );
}

async function writeSchemas(): Promise<void> {
  const { format, resolveConfig } = await import('prettier');
  for (const [file, schema] of Object.entries(intakeSchemas())) {
    const target = path.join(schemasDir, file);
    const options = (await resolveConfig(target)) ?? {};
    writeFileSync(target, await format(JSON.stringify(schema), { ...options, filepath: target }));
  }
}

if (require.main === module) void writeSchemas();
