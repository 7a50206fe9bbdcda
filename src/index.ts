import './heapTuning';
import { describeConfig, loadConfig, type AppConfig } from './config/config';
import { isAppError } from './kernel/errors';
import { systemClock } from './kernel/clock';
import { createLogger, type Logger } from './logging/logger';

/** Reads settings or exits with one clear line naming what is wrong (no stack trace). */
function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    process.stderr.write(`${isAppError(err) ? err.message : 'Settings could not be read.'}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  // Started before the server and storage modules load, so that their HTTP calls are instrumented.
  // Loaded only when configured: OpenTelemetry's SDK and instrumentations add ~8 MB of memory.
  const telemetryModule = config.telemetry.connectionString
    ? await import('./telemetry/index.js')
    : undefined;
  const telemetry = await telemetryModule?.startTelemetry(config.telemetry.connectionString);
  const { composeApplication } = await import('./composition/index.js');
  const { openStorage } = await import('./storage/openStorage.js');
  const consoleLogger = createLogger({ level: config.logLevel }).child({
    component: 'dare-coach',
  });
  const logger: Logger =
    telemetry && telemetryModule ? telemetryModule.withTelemetryLogs(consoleLogger) : consoleLogger;
  logger.info('starting', describeConfig(config));
  if (config.allowedTenantIds.length === 0) {
    logger.warn('ALLOWED_TENANT_IDS is unset: every tenant is allowed (refused in production)');
  }

  const storage = await openStorage(config, logger.child({ component: 'storage' }));
  const { server, delivery, nudges, schedules } = composeApplication(config, {
    logger,
    storage,
    clock: systemClock,
  });
  const port = await server.listen(config.port, config.host);
  logger.info('listening', { port, url: `http://${config.host}:${port}/api/messages` });
  delivery?.start();
  nudges.start();
  schedules.start();

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { reason: signal });
    await delivery?.stop();
    await schedules.stop();
    await nudges.stop();
    await server.stop();
    await storage.close();
    logger.info('stopped');
    await telemetry?.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  // Last resort: the detail goes to the log, the console gets the code only.
  createLogger({ level: 'error' }).error(
    'could not start',
    { code: isAppError(err) ? err.code : 'STARTUP_FAILED' },
    err,
  );
  process.exitCode = 1;
});
