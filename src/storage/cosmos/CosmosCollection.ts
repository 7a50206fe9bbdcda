import type { Container, Resource, SqlQuerySpec } from '@azure/cosmos';
import type { DocumentStore, ItemKey, StoredItem, WriteOptions } from '../../kernel/documentStore';
import { AppError, ErrorCodes } from '../../kernel/errors';
import type { Logger } from '../../logging/logger';
import {
  assertFieldQuery,
  assertItemKey,
  assertLimit,
  assertPartitionKey,
  assertWriteOptions,
} from '../keys';
import type { Lifecycle } from '../lifecycle';
import { cosmosStatus, isNotFound, toStoreError, transportCode } from './cosmosErrors';
import { toDocument, toStoredItem, type CosmosDocument } from './cosmosDocument';

type StoredDocument<T> = CosmosDocument<T> & Resource;

/** One Cosmos container behind the storage port. Every read-modify-write sends If-Match. */
export class CosmosCollection<T> implements DocumentStore<T> {
  constructor(
    private readonly container: Container,
    private readonly name: string,
    private readonly lifecycle: Lifecycle,
    private readonly logger: Logger,
  ) {}

  async read(key: ItemKey): Promise<StoredItem<T> | undefined> {
    this.guard(key);
    return this.call('read', async () => {
      try {
        const response = await this.container
          .item(key.id, key.partitionKey)
          .read<CosmosDocument<T>>();
        // The SDK answers a missing item with 404 and no resource rather than throwing.
        if (response.statusCode === 404 || response.resource === undefined) return undefined;
        return toStoredItem(response.resource, this.name);
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    });
  }

  async create(key: ItemKey, value: T, options?: WriteOptions): Promise<StoredItem<T>> {
    this.guard(key, options);
    return this.call('create', async () => {
      const response = await this.container.items.create<CosmosDocument<T>>(
        toDocument(key, value, options),
        {
          disableAutomaticIdGeneration: true,
        },
      );
      return toStoredItem(response.resource, this.name);
    });
  }

  async replace(
    key: ItemKey & { readonly etag: string },
    value: T,
    options?: WriteOptions,
  ): Promise<StoredItem<T>> {
    this.guard(key, options);
    return this.call('replace', async () => {
      const response = await this.container
        .item(key.id, key.partitionKey)
        .replace<CosmosDocument<T>>(toDocument(key, value, options), {
          accessCondition: { type: 'IfMatch', condition: key.etag },
        });
      return toStoredItem(response.resource, this.name);
    });
  }

  async upsert(key: ItemKey, value: T, options?: WriteOptions): Promise<StoredItem<T>> {
    this.guard(key, options);
    return this.call('upsert', async () => {
      const response = await this.container.items.upsert<CosmosDocument<T>>(
        toDocument(key, value, options),
      );
      return toStoredItem(response.resource, this.name);
    });
  }

  async delete(key: ItemKey & { readonly etag?: string }): Promise<boolean> {
    this.guard(key);
    return this.call('delete', async () => {
      try {
        await this.container
          .item(key.id, key.partitionKey)
          .delete(
            key.etag === undefined
              ? undefined
              : { accessCondition: { type: 'IfMatch', condition: key.etag } },
          );
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
    });
  }

  async listPartition(
    partitionKey: string,
    options?: { readonly limit?: number },
  ): Promise<StoredItem<T>[]> {
    this.lifecycle.assertOpen();
    assertPartitionKey(partitionKey);
    const limit = options?.limit;
    assertLimit(limit);
    if (limit === 0) return [];
    // SELECT * because VALUE is a reserved word in Cosmos SQL, so `c.value` cannot be projected
    // by name; the partition key in the feed options keeps this a single-partition query.
    const parameters = [{ name: '@pk', value: partitionKey }];
    const query: SqlQuerySpec =
      limit === undefined
        ? { query: 'SELECT * FROM c WHERE c.pk = @pk ORDER BY c.id', parameters }
        : {
            query: 'SELECT TOP @limit * FROM c WHERE c.pk = @pk ORDER BY c.id',
            parameters: [...parameters, { name: '@limit', value: limit }],
          };
    return this.call('listPartition', async () => {
      const { resources } = await this.container.items
        .query<StoredDocument<T>>(query, { partitionKey })
        .fetchAll();
      return resources.map((resource) => toStoredItem(resource, this.name));
    });
  }

  async findByField(
    field: string,
    equals: string,
    options: { readonly limit: number },
  ): Promise<StoredItem<T>[]> {
    this.lifecycle.assertOpen();
    assertFieldQuery(field, options.limit);
    if (options.limit === 0) return [];
    // The field name is a checked identifier (it cannot be a parameter); the value is one.
    const query: SqlQuerySpec = {
      query: `SELECT TOP @limit * FROM c WHERE c["value"]["${field}"] = @equals`,
      parameters: [
        { name: '@limit', value: options.limit },
        { name: '@equals', value: equals },
      ],
    };
    return this.call('findByField', async () => {
      const { resources } = await this.container.items.query<StoredDocument<T>>(query).fetchAll();
      return resources.map((resource) => toStoredItem(resource, this.name));
    });
  }

  private guard(key: ItemKey, options?: WriteOptions): void {
    this.lifecycle.assertOpen();
    assertItemKey(key);
    assertWriteOptions(options);
  }

  /** Runs one SDK call and turns its failure into the port's coded error. */
  private async call<R>(method: string, operation: () => Promise<R>): Promise<R> {
    try {
      return await operation();
    } catch (err) {
      if (err instanceof AppError) throw err;
      const mapped = toStoreError(err, this.name);
      // Conflicts and stale etags are the port working as designed; only outages are worth a line.
      if (mapped.code === ErrorCodes.storeUnavailable) {
        this.logger.warn('Cosmos DB call failed', {
          container: this.name,
          method,
          httpStatus: cosmosStatus(err),
          reason: transportCode(err),
        });
      }
      throw mapped;
    }
  }
}
