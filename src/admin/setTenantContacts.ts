/**
 * Admin tool: saves a council's local contacts (MASH, MARAC route, DA lead, partnership...) and,
 * optionally, its referral retention for one Teams tenant. Uses the same settings as the bot, so
 * in Azure it runs with the app's identity (e.g. from the App Service SSH console):
 *
 *   node dist/admin/setTenantContacts.js --tenant <tenant-guid> --file contacts.json
 *
 * The file holds `{ "contacts": { "councilName": "...", "mashPhone": "...", ... } }`; see
 * src/tenants/tenantSettings.ts for every field. Unset fields fall back to generic wording.
 * It may also hold `"referralRetentionDays": 90` (a whole number, 1 to 3650): how long a
 * referral's body is kept once its status is final, instead of REFERRAL_RETENTION_DAYS. It applies
 * to referrals finalised from then on (within a few minutes, as the app caches settings); ones
 * already final keep their purge time. It may hold `"retention": { "sessions": 14, ... }`: days
 * each kind of record is kept (1 to 3650 each; names and defaults in src/tenants/retention.ts and
 * docs/data-protection.md), applied to records written from then on (each write sets its TTL).
 * It may hold `"managers": ["<entra-object-id>", ...]`: the council's team managers, who may send
 * refresher nudges (anyone else pressing "nudges" is told to ask their manager).
 * The file replaces the tenant's settings as a whole: leave a field out and it goes back to the
 * default.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { loadConfig } from '../config/config';
import { isAppError } from '../kernel/errors';
import { createLogger } from '../logging/logger';
import { openStorage } from '../storage/openStorage';
import { defaultRetentionDays, retainedRecords } from '../tenants/retention';
import {
  retentionOverridesOf,
  StoredTenantDirectory,
  type TenantSettings,
} from '../tenants/tenantSettings';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { tenant: { type: 'string' }, file: { type: 'string' } },
  });
  if (!values.tenant || !guid.test(values.tenant) || !values.file) {
    throw new UsageError('usage: setTenantContacts --tenant <tenant-guid> --file <contacts.json>');
  }
  const settings: unknown = JSON.parse(readFileSync(values.file, 'utf8'));
  const config = loadConfig();
  const logger = createLogger({ level: 'warn' });
  const storage = await openStorage(config, logger);
  try {
    const saved: TenantSettings = await new StoredTenantDirectory(
      storage.collection('tenants'),
    ).save(values.tenant.toLowerCase(), settings);
    const own = retentionOverridesOf(saved);
    const periods = retainedRecords
      .map(
        (r) => `  ${r}: ${own[r] ?? defaultRetentionDays[r]} day(s)${own[r] ? '' : ' (default)'}`,
      )
      .join('\n');
    process.stdout.write(
      `Saved ${Object.keys(saved.contacts).length} contact(s) and ${saved.managers?.length ?? 0} manager(s) for tenant ${values.tenant}. Retention:\n${periods}\n`,
    );
  } finally {
    await storage.close();
  }
}

class UsageError extends Error {}

main().catch((err: unknown) => {
  const message =
    err instanceof UsageError || isAppError(err)
      ? err.message
      : err instanceof ZodError
        ? `The settings file is not valid: ${err.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`
        : 'Could not save the settings.';
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
});
