import { AppError, ErrorCodes } from '../kernel/errors';
import type { ItemKey, WriteOptions } from '../kernel/documentStore';

// Cosmos accepts these in a document id but cannot address the document afterwards (the id goes
// into the URL path), so both implementations refuse them up front.
const forbiddenIdCharacters = /[/\\?#]/;
// The SDK documents 255 characters for an id; partition key values may reach 2,048 bytes with the
// hash v2 definition the containers are created with.
const maxIdLength = 255;
const maxPartitionKeyBytes = 2048;

function invalid(message: string): AppError {
  return new AppError(ErrorCodes.storeRequestInvalid, message);
}

/** Throws STORE_REQUEST_INVALID unless the partition key is one both stores can address. */
export function assertPartitionKey(partitionKey: string): void {
  if (typeof partitionKey !== 'string' || partitionKey === '') {
    throw invalid('Partition key must be a non-empty string.');
  }
  if (Buffer.byteLength(partitionKey, 'utf8') > maxPartitionKeyBytes) {
    throw invalid(`Partition key is longer than ${maxPartitionKeyBytes} bytes.`);
  }
}

/** Throws STORE_REQUEST_INVALID unless id and partition key are ones both stores can address. */
export function assertItemKey(key: ItemKey): void {
  assertPartitionKey(key.partitionKey);
  if (typeof key.id !== 'string' || key.id === '') {
    throw invalid('Document id must be a non-empty string.');
  }
  if (forbiddenIdCharacters.test(key.id)) {
    throw invalid('Document id must not contain "/", "\\", "?" or "#".');
  }
  // URL dot-segments: the client normalises ".../docs/.." to the container's own URL, so a
  // replace of id ".." would address the container, not the document.
  if (key.id === '.' || key.id === '..') {
    throw invalid('Document id must not be "." or "..".');
  }
  if (key.id.length > maxIdLength) {
    throw invalid(`Document id is longer than ${maxIdLength} characters.`);
  }
}

/** TTL is whole seconds, at least one (Cosmos rejects anything else on an item). */
export function assertWriteOptions(options: WriteOptions | undefined): void {
  const ttl = options?.ttlSeconds;
  if (ttl !== undefined && !(Number.isInteger(ttl) && ttl >= 1)) {
    throw invalid('ttlSeconds must be a whole number of seconds, at least 1.');
  }
}

/** `undefined` means no limit; otherwise a whole number, zero or more. */
export function assertLimit(limit: number | undefined): void {
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
    throw invalid('limit must be a whole number, zero or more.');
  }
}

/**
 * The order `listPartition` promises: ordinal comparison of ids. For the ids we generate (hex
 * hashes, GUIDs, ASCII) this is the order Cosmos `ORDER BY c.id` gives.
 */
export function compareIds(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * Checks a findByField call: the field must be a plain identifier (it is written into the query)
 * and the limit a valid one.
 */
export function assertFieldQuery(field: string, limit: number): void {
  if (typeof field !== 'string' || !/^[A-Za-z][A-Za-z0-9]{0,63}$/.test(field)) {
    throw invalid('Field name must be a plain identifier.');
  }
  assertLimit(limit);
}
