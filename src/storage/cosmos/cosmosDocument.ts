import type { Resource } from '@azure/cosmos';
import type { ItemKey, StoredItem, WriteOptions } from '../../kernel/documentStore';
import { AppError, ErrorCodes } from '../../kernel/errors';

/** Partition key path of every container; the document field it names is `pk`. */
export const partitionKeyPath = '/pk';

/**
 * How an item is laid out in Cosmos. The caller's value sits under `value` so its own fields can
 * never clash with `id`, `pk`, `ttl` or the system properties (`_etag`, `_ts`, ...).
 * A type alias, not an interface, so it satisfies the SDK's index-signature `ItemDefinition`.
 */
export type CosmosDocument<T> = {
  id: string;
  pk: string;
  value: T;
  /** Seconds; absent means the container default applies. */
  ttl?: number;
};

export function toDocument<T>(
  key: ItemKey,
  value: T,
  options: WriteOptions | undefined,
): CosmosDocument<T> {
  const document: CosmosDocument<T> = { id: key.id, pk: key.partitionKey, value };
  if (options?.ttlSeconds !== undefined) document.ttl = options.ttlSeconds;
  return document;
}

/** The port's view of a stored document; fails loudly if Cosmos returned something unexpected. */
export function toStoredItem<T>(
  resource: (CosmosDocument<T> & Partial<Resource>) | undefined,
  container: string,
): StoredItem<T> {
  if (
    !resource ||
    typeof resource._etag !== 'string' ||
    typeof resource.id !== 'string' ||
    typeof resource.pk !== 'string'
  ) {
    throw new AppError(
      ErrorCodes.storeUnavailable,
      `Cosmos DB returned an incomplete document from ${container}.`,
    );
  }
  return {
    id: resource.id,
    partitionKey: resource.pk,
    value: resource.value,
    etag: resource._etag,
  };
}
