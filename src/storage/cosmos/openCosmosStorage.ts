import { CosmosClient, type Database } from '@azure/cosmos';
import type { ContainerName, DocumentStore, Storage } from '../../kernel/documentStore';
import { AppError, ErrorCodes } from '../../kernel/errors';
import type { Logger } from '../../logging/logger';
import { Lifecycle } from '../lifecycle';
import { CosmosCollection } from './CosmosCollection';
import { cosmosClientOptions, type CosmosSettings } from './cosmosClientOptions';
import { ensureContainers } from './ensureContainers';
import { cosmosStatus, transportCode } from './cosmosErrors';

class CosmosStorage implements Storage {
  private readonly lifecycle = new Lifecycle();

  constructor(
    private readonly client: CosmosClient,
    private readonly database: Database,
    private readonly logger: Logger,
  ) {}

  collection<T>(name: ContainerName): DocumentStore<T> {
    return new CosmosCollection<T>(
      this.database.container(name),
      name,
      this.lifecycle,
      this.logger,
    );
  }

  async ping(): Promise<void> {
    this.lifecycle.assertOpen();
    try {
      await this.database.read();
    } catch (err) {
      this.logger.warn('Cosmos DB ping failed', {
        httpStatus: cosmosStatus(err),
        reason: transportCode(err),
      });
      throw new AppError(ErrorCodes.storeUnavailable, 'Cosmos DB did not answer.', { cause: err });
    }
  }

  async close(): Promise<void> {
    if (this.lifecycle.close()) this.client.dispose();
  }
}

/**
 * Connects to Cosmos DB, creates the database and containers if absent, and returns the port.
 * Rejects with a catastrophic STORE_UNAVAILABLE when the account cannot be opened.
 */
export async function openCosmosStorage(
  settings: CosmosSettings,
  logger: Logger,
): Promise<Storage> {
  const log = logger.child({ component: 'storage' });
  const started = Date.now();
  const client = new CosmosClient(cosmosClientOptions(settings));
  try {
    const database = await ensureContainers(client, settings.database);
    log.info('Cosmos DB storage open', {
      storage: settings.key ? 'cosmos (key)' : 'cosmos (managed identity)',
      durationMs: Date.now() - started,
    });
    return new CosmosStorage(client, database, log);
  } catch (err) {
    client.dispose();
    log.error(
      'Cosmos DB storage could not be opened',
      { httpStatus: cosmosStatus(err instanceof Error ? err.cause : err) },
      err,
    );
    throw err;
  }
}
