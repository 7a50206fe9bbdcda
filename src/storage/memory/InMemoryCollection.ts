import { randomUUID } from 'node:crypto';
import type { Clock } from '../../kernel/clock';
import type { DocumentStore, ItemKey, StoredItem, WriteOptions } from '../../kernel/documentStore';
import { AppError, ErrorCodes } from '../../kernel/errors';
import {
  assertItemKey,
  assertLimit,
  assertPartitionKey,
  assertWriteOptions,
  assertFieldQuery,
  compareIds,
} from '../keys';
import type { Lifecycle } from '../lifecycle';
import { decodeItem, encodeValue, type MemoryPartitions, type MemoryRecord } from './memoryRecord';

/**
 * One container of the in-memory store, with the same observable behaviour as the Cosmos
 * collection: new etag on every write, If-Match on replace/delete, TTL hiding expired items.
 * Every method finishes its check-and-write without awaiting, so concurrent callers are serialised
 * exactly as the Cosmos server serialises them.
 */
export class InMemoryCollection<T> implements DocumentStore<T> {
  constructor(
    private readonly containerName: string,
    private readonly partitions: MemoryPartitions,
    private readonly defaultTtlSeconds: number,
    private readonly clock: Clock,
    private readonly lifecycle: Lifecycle,
  ) {}

  async read(key: ItemKey): Promise<StoredItem<T> | undefined> {
    this.guard(key);
    const record = this.live(key);
    return record && decodeItem<T>(key.id, key.partitionKey, record);
  }

  async create(key: ItemKey, value: T, options?: WriteOptions): Promise<StoredItem<T>> {
    this.guard(key, options);
    if (this.live(key)) {
      throw new AppError(
        ErrorCodes.storeConflict,
        `An item with this id already exists in ${this.containerName}.`,
      );
    }
    return this.write(key, value, options);
  }

  async replace(
    key: ItemKey & { readonly etag: string },
    value: T,
    options?: WriteOptions,
  ): Promise<StoredItem<T>> {
    this.guard(key, options);
    this.matchingRecord(key, key.etag);
    return this.write(key, value, options);
  }

  async upsert(key: ItemKey, value: T, options?: WriteOptions): Promise<StoredItem<T>> {
    this.guard(key, options);
    return this.write(key, value, options);
  }

  async delete(key: ItemKey & { readonly etag?: string }): Promise<boolean> {
    this.guard(key);
    // Cosmos answers 404 before it checks If-Match, so a missing item is "nothing to delete".
    if (!this.live(key)) return false;
    if (key.etag !== undefined) this.matchingRecord(key, key.etag);
    this.partitions.get(key.partitionKey)?.delete(key.id);
    return true;
  }

  async listPartition(
    partitionKey: string,
    options?: { readonly limit?: number },
  ): Promise<StoredItem<T>[]> {
    this.lifecycle.assertOpen();
    assertPartitionKey(partitionKey);
    assertLimit(options?.limit);
    const ids = [...(this.partitions.get(partitionKey)?.keys() ?? [])].sort(compareIds);
    const items: StoredItem<T>[] = [];
    for (const id of ids) {
      if (options?.limit !== undefined && items.length >= options.limit) break;
      const record = this.live({ partitionKey, id });
      if (record) items.push(decodeItem<T>(id, partitionKey, record));
    }
    return items;
  }

  async findByField(
    field: string,
    equals: string,
    options: { readonly limit: number },
  ): Promise<StoredItem<T>[]> {
    this.lifecycle.assertOpen();
    assertFieldQuery(field, options.limit);
    const items: StoredItem<T>[] = [];
    for (const [partitionKey, partition] of this.partitions) {
      for (const id of [...partition.keys()]) {
        if (items.length >= options.limit) return items;
        const record = this.live({ partitionKey, id });
        if (!record) continue;
        const item = decodeItem<T>(id, partitionKey, record);
        const value = item.value as Record<string, unknown> | null;
        if (typeof value === 'object' && value !== null && value[field] === equals) {
          items.push(item);
        }
      }
    }
    return items;
  }

  private guard(key: ItemKey, options?: WriteOptions): void {
    this.lifecycle.assertOpen();
    assertItemKey(key);
    assertWriteOptions(options);
  }

  /** The current record, or undefined when absent or expired (expired ones are dropped). */
  private live(key: ItemKey): MemoryRecord | undefined {
    const partition = this.partitions.get(key.partitionKey);
    const record = partition?.get(key.id);
    if (!partition || !record) return undefined;
    if (record.expiresAtMs !== undefined && this.clock.now().getTime() >= record.expiresAtMs) {
      partition.delete(key.id);
      return undefined;
    }
    return record;
  }

  private matchingRecord(key: ItemKey, etag: string): MemoryRecord {
    const record = this.live(key);
    if (!record) {
      throw new AppError(
        ErrorCodes.storeNotFound,
        `The item no longer exists in ${this.containerName}.`,
      );
    }
    if (record.etag !== etag) {
      throw new AppError(
        ErrorCodes.storePreconditionFailed,
        `The item in ${this.containerName} has changed since it was read.`,
      );
    }
    return record;
  }

  private write(key: ItemKey, value: T, options: WriteOptions | undefined): StoredItem<T> {
    const record: MemoryRecord = {
      json: encodeValue(value),
      etag: randomUUID(),
      expiresAtMs: this.expiryFor(options),
    };
    let partition = this.partitions.get(key.partitionKey);
    if (!partition) {
      partition = new Map();
      this.partitions.set(key.partitionKey, partition);
    }
    partition.set(key.id, record);
    return decodeItem<T>(key.id, key.partitionKey, record);
  }

  /** Like Cosmos: the item's own ttl wins; otherwise the container default (-1 means never). */
  private expiryFor(options: WriteOptions | undefined): number | undefined {
    const ttl =
      options?.ttlSeconds ?? (this.defaultTtlSeconds > 0 ? this.defaultTtlSeconds : undefined);
    return ttl === undefined ? undefined : this.clock.now().getTime() + ttl * 1000;
  }
}
