/**
 * Admin tool for data protection requests, run with the app's settings and identity (e.g. from
 * the App Service SSH console). Every command names who runs it (`--actor`, their Entra object
 * id), and everything it reads or changes is recorded: the access trail of each referral touched
 * and a record of the request (no content). Output is JSON on stdout.
 *
 *   node dist/admin/dataRequest.js access-trail --tenant <guid> --referral <id>
 *   node dist/admin/dataRequest.js export-referral --tenant <guid> --referral <id> --actor <guid>
 *
 * See docs/data-protection.md ("Subject requests") for the whole list.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { systemClock } from '../kernel/clock';
import { isAppError } from '../kernel/errors';
import { createLogger } from '../logging/logger';
import { hmacRespondentIds } from '../outcomes/respondentIds';
import { openStorage } from '../storage/openStorage';
import { DataProtectionAdmin } from './dataProtectionAdmin';
import { prepareDataCommand, UsageError } from './dataCommands';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      referral: { type: 'string' },
      actor: { type: 'string' },
      user: { type: 'string' },
      reference: { type: 'string' },
      'redact-referrer': { type: 'boolean', default: false },
    },
  });
  // A bad command line is refused before any storage is opened.
  const run = prepareDataCommand(positionals[0], values);
  const config = loadConfig();
  const storage = await openStorage(config, createLogger({ level: 'warn' }));
  try {
    const secret = config.outcomes.respondentSecret;
    const admin = new DataProtectionAdmin({
      storage,
      clock: systemClock,
      ...(secret ? { respondents: hmacRespondentIds(secret) } : {}),
    });
    const output = await run(admin);
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } finally {
    await storage.close();
  }
}

main().catch((err: unknown) => {
  const message =
    err instanceof UsageError || isAppError(err)
      ? err.message
      : 'The request could not be completed.';
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
});
