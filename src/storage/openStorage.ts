import type { AppConfig } from '../config/config';
import type { ContainerName, Storage } from '../kernel/documentStore';
import { AppError, ErrorCodes } from '../kernel/errors';
import type { Logger } from '../logging/logger';
import { startEmbeddedCosmos } from './cosmos/embeddedCosmos';
import { openCosmosStorage } from './cosmos/openCosmosStorage';

/**
 * The application's storage: the configured Cosmos DB account, or outside production an embedded
 * Cosmos-protocol server driven through the very same client code. Closing the storage stops the
 * embedded server too.
 */
export async function openStorage(config: AppConfig, logger: Logger): Promise<Storage> {
  const { endpoint, key, database } = config.cosmos;
  if (endpoint) return openCosmosStorage({ endpoint, key, database }, logger);

  if (config.environment === 'production') {
    // parseConfig already refuses this; checked again because an in-memory store in production
    // would lose every referral on restart.
    throw new AppError(ErrorCodes.configInvalid, 'COSMOS_ENDPOINT is required in production.', {
      catastrophic: true,
    });
  }

  const embedded = await startEmbeddedCosmos();
  logger
    .child({ component: 'storage' })
    .warn('No COSMOS_ENDPOINT: using an embedded Cosmos DB server (data is lost on exit)', {
      port: Number(new URL(embedded.endpoint).port),
    });
  let storage: Storage;
  try {
    storage = await openCosmosStorage(
      { endpoint: embedded.endpoint, key: embedded.key, database },
      logger,
    );
  } catch (err) {
    await embedded.stop();
    throw err;
  }
  return {
    collection: <T>(name: ContainerName) => storage.collection<T>(name),
    ping: () => storage.ping(),
    close: async () => {
      try {
        await storage.close();
      } finally {
        await embedded.stop();
      }
    },
  };
}
