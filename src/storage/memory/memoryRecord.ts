import type { StoredItem } from '../../kernel/documentStore';

/** One stored version of an item in the in-memory store. */
export interface MemoryRecord {
  /**
   * The value as JSON text. Storing what Cosmos would hold after the SDK serialised it gives deep
   * copies in and out for free, and makes the fake behave like the real store for values that do
   * not survive JSON (a Date comes back as a string, undefined properties vanish).
   */
  readonly json: string;
  readonly etag: string;
  /** Epoch milliseconds from which the item reads as absent; undefined means never. */
  readonly expiresAtMs?: number;
}

/** Partition key → id → record. Nested maps, so no separator can make two keys collide. */
export type MemoryPartitions = Map<string, Map<string, MemoryRecord>>;

export function encodeValue(value: unknown): string {
  // Wrapped so a top-level `undefined` still serialises (to "{}"), as a document without `value`.
  return JSON.stringify({ value });
}

export function decodeItem<T>(
  id: string,
  partitionKey: string,
  record: MemoryRecord,
): StoredItem<T> {
  const parsed = JSON.parse(record.json) as { value: T };
  return { id, partitionKey, value: parsed.value, etag: record.etag };
}
