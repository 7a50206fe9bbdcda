/**
 * `npm run dev`: the local sandbox. Starts the bot (same composition as production, embedded
 * store, no bot auth) and the Microsoft 365 Agents Playground pointed at it, prints the URL to
 * open, and on Ctrl-C or SIGTERM stops everything in reverse order and exits.
 * With `--seed-confidence` it seeds fake confidence answers and makes you their team's manager
 * ("My confidence over time" → "Team confidence figures").
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { isAppError } from '../kernel/errors';
import { projectRoot } from '../kernel/projectRoot';
import { createLogger } from '../logging/logger';
import { startSandbox, type Sandbox } from './sandbox/startSandbox';

/** The playground's usual port, so a bookmarked URL keeps working; it picks another if taken. */
const playgroundPort = 56150;
/** The test clock's usual port (any free one when taken). */
const testClockPort = 56151;

function banner(sandbox: Sandbox): string {
  return [
    '',
    '  DARE Coach sandbox is running.',
    '',
    `  Open the chat:   ${sandbox.playgroundUrl}`,
    `  Bot endpoint:    ${sandbox.botEndpoint}`,
    `  Referrals:       ${sandbox.intakeUrl} (the local partnership intake)`,
    `  Tenant:          ${sandbox.tenantId}`,
    `  Test clock:      ${sandbox.clockUrl} (POST {"advanceMinutes": 60} or {"to": "<ISO time>"})`,
    `  Playground log:  ${sandbox.playgroundLogFile}`,
    '',
    '  Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  // `npm run dev -- --seed-confidence`: fake confidence answers, and you as their team's manager.
  const { values: args } = parseArgs({
    options: { 'seed-confidence': { type: 'boolean', default: false } },
  });
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(isAppError(err) ? err.message : 'Settings could not be read.');
    process.exitCode = 1;
    return;
  }
  const logger = createLogger({ level: config.logLevel }).child({ component: 'dare-coach' });

  let sandbox: Sandbox | undefined;
  let stopping = false;
  const shutdown = async (reason: string, exitCode: number): Promise<void> => {
    if (stopping) {
      // A second Ctrl-C: leave now. The playground notices its parent is gone and exits too.
      console.error('Stopping anyway.');
      process.exit(1);
    }
    stopping = true;
    logger.info('stopping', { reason });
    await sandbox?.stop();
    logger.info('stopped');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));

  try {
    sandbox = await startSandbox(config, {
      logger,
      playground: {
        port: playgroundPort,
        workDir: path.join(projectRoot(), '.dev-data', 'playground'),
      },
      onPartExit: (part) => void shutdown(`${part} exited`, 1),
      seedConfidence: args['seed-confidence'],
      clockPort: testClockPort,
    });
  } catch (err) {
    // startSandbox has already stopped whatever had started.
    logger.error(
      'sandbox could not start',
      { code: isAppError(err) ? err.code : 'SANDBOX_START_FAILED' },
      err,
    );
    console.error(err instanceof Error ? err.message : err);
    if ((err as { code?: unknown }).code === 'EADDRINUSE') {
      console.error('Another process holds the bot port: stop it, or set PORT (e.g. in .env).');
    }
    process.exit(1);
  }
  if (stopping) return;
  console.log(banner(sandbox));
}

void main();
