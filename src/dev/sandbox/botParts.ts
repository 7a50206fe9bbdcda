import { composeApplication } from '../../composition';
import type { ApplicationParts } from '../../composition/parts';
import type { AppConfig } from '../../config/config';
import type { Storage } from '../../kernel/documentStore';
import type { Logger } from '../../logging/logger';
import { openStorage } from '../../storage/openStorage';
import type { Scheduler } from '../../nudges/schedules/scheduler';
import type { RunningPart } from './parts';
import { waitForUrl } from './waitForUrl';

export interface RunningStorage extends RunningPart {
  readonly storage: Storage;
}

export interface RunningBot extends RunningPart {
  /** e.g. http://127.0.0.1:3978 */
  readonly baseUrl: string;
  /** The Bot Framework endpoint: `${baseUrl}/api/messages`. */
  readonly endpoint: string;
  /** The scheduler of managers' refresher schedules (the sandbox's test clock wakes it). */
  readonly schedules: Scheduler;
}

/** The app's storage exactly as production opens it: without COSMOS_ENDPOINT, an embedded server. */
export async function startStorage(config: AppConfig, logger: Logger): Promise<RunningStorage> {
  const storage = await openStorage(config, logger.child({ component: 'storage' }));
  return { name: 'storage', storage, stop: () => storage.close() };
}

/**
 * The bot over HTTP, composed as in production (src/index.ts). Counts as started once /readyz
 * answers, i.e. the server is up and can reach storage.
 */
export async function startBot(config: AppConfig, parts: ApplicationParts): Promise<RunningBot> {
  const { server, delivery, nudges, schedules } = composeApplication(config, parts);
  const port = await server.listen(config.port, config.host);
  const baseUrl = `http://${config.host}:${port}`;
  try {
    await waitForUrl(`${baseUrl}/readyz`, { timeoutMs: 30_000 });
  } catch (err) {
    await server.stop();
    throw err;
  }
  parts.logger.info('listening', { port, url: `${baseUrl}/api/messages` });
  delivery?.start();
  nudges.start();
  schedules.start();
  return {
    name: 'bot',
    baseUrl,
    endpoint: `${baseUrl}/api/messages`,
    schedules,
    stop: async () => {
      await delivery?.stop();
      await schedules.stop();
      await nudges.stop();
      await server.stop();
    },
  };
}
