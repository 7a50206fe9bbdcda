/**
 * The storage port every feature builds its repositories on. Features own their repository
 * interfaces; this is the one generic, framework-free shape beneath them, implemented in memory
 * (tests) and on Cosmos DB (src/storage/cosmos). Every operation names its partition.
 */
export interface StoredItem<T> {
  readonly id: string;
  readonly partitionKey: string;
  readonly value: T;
  /** Opaque version tag; pass it back to `replace`/`delete` for optimistic concurrency. */
  readonly etag: string;
}

export interface WriteOptions {
  /** Seconds until the store may delete the item. Garbage collection only: expiry that matters
   * to behaviour is checked by the use case with its own clock. */
  readonly ttlSeconds?: number;
}

export interface ItemKey {
  readonly partitionKey: string;
  readonly id: string;
}

export interface DocumentStore<T> {
  /** Point read; `undefined` when absent. */
  read(key: ItemKey): Promise<StoredItem<T> | undefined>;
  /** Fails with STORE_CONFLICT when the id already exists in the partition. */
  create(key: ItemKey, value: T, options?: WriteOptions): Promise<StoredItem<T>>;
  /** If-Match on `etag`: STORE_PRECONDITION_FAILED when the item changed, STORE_NOT_FOUND when gone. */
  replace(
    key: ItemKey & { readonly etag: string },
    value: T,
    options?: WriteOptions,
  ): Promise<StoredItem<T>>;
  /** Blind write: for data where the last writer wins by design (e.g. conversation references). */
  upsert(key: ItemKey, value: T, options?: WriteOptions): Promise<StoredItem<T>>;
  /** Returns false when there was nothing to delete. With `etag`, deletes only that version. */
  delete(key: ItemKey & { readonly etag?: string }): Promise<boolean>;
  /** Every item of one partition, in id order, at most `limit`. */
  listPartition(
    partitionKey: string,
    options?: { readonly limit?: number },
  ): Promise<StoredItem<T>[]>;
  /**
   * Items of any partition whose value's top-level `field` equals `equals`, at most `limit`, in no
   * particular order. A cross-partition query: for background repair (the stranded-referral
   * sweeper), never for a turn. Optional so that test doubles of the port need not implement it.
   */
  findByField?(
    field: string,
    equals: string,
    options: { readonly limit: number },
  ): Promise<StoredItem<T>[]>;
}

/** The whole store: opens typed collections, answers readiness, and closes. */
export interface Storage {
  collection<T>(name: ContainerName): DocumentStore<T>;
  /** Resolves when the store answers; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Every container the application uses. Partition key path is `/pk` in all of them; each
 * repository decides what goes in it (tenant id, or user id where that is the access pattern).
 */
export const containers = {
  conversations: { defaultTtlSeconds: -1 },
  sessions: { defaultTtlSeconds: -1 },
  drafts: { defaultTtlSeconds: -1 },
  referrals: { defaultTtlSeconds: -1 },
  outbox: { defaultTtlSeconds: -1 },
  nudges: { defaultTtlSeconds: -1 },
  deliveries: { defaultTtlSeconds: -1 },
  feedback: { defaultTtlSeconds: -1 },
  leases: { defaultTtlSeconds: -1 },
  tenants: { defaultTtlSeconds: -1 },
  outcomes: { defaultTtlSeconds: -1 },
  audit: { defaultTtlSeconds: -1 },
} as const;

export type ContainerName = keyof typeof containers;
