import type {
  DocumentStore,
  ItemKey,
  StoredItem,
  WriteOptions,
} from '../../../../src/kernel/documentStore';
import { AppError, ErrorCodes } from '../../../../src/kernel/errors';

/**
 * Wraps a real store so every call yields to the event loop first: concurrent callers then
 * interleave between their read and their write, as they would across instances, and lost races
 * (412/409) really happen. Counts them so a test can prove the race was exercised.
 */
export class RacingStore<T> implements DocumentStore<T> {
  lostRaces = 0;

  constructor(private readonly inner: DocumentStore<T>) {}

  private async turn(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
  }

  private async counted<R>(call: () => Promise<R>): Promise<R> {
    try {
      return await call();
    } catch (err) {
      if (
        err instanceof AppError &&
        (err.code === ErrorCodes.storePreconditionFailed || err.code === ErrorCodes.storeConflict)
      ) {
        this.lostRaces += 1;
      }
      throw err;
    }
  }

  async read(key: ItemKey): Promise<StoredItem<T> | undefined> {
    await this.turn();
    return this.inner.read(key);
  }

  async create(key: ItemKey, value: T, options?: WriteOptions): Promise<StoredItem<T>> {
    await this.turn();
    return this.counted(() => this.inner.create(key, value, options));
  }

  async replace(
    key: ItemKey & { readonly etag: string },
    value: T,
    options?: WriteOptions,
  ): Promise<StoredItem<T>> {
    await this.turn();
    return this.counted(() => this.inner.replace(key, value, options));
  }

  async upsert(key: ItemKey, value: T, options?: WriteOptions): Promise<StoredItem<T>> {
    await this.turn();
    return this.inner.upsert(key, value, options);
  }

  async delete(key: ItemKey & { readonly etag?: string }): Promise<boolean> {
    await this.turn();
    return this.inner.delete(key);
  }

  async listPartition(
    partitionKey: string,
    options?: { readonly limit?: number },
  ): Promise<StoredItem<T>[]> {
    await this.turn();
    return this.inner.listPartition(partitionKey, options);
  }
}

/** A store whose writes always lose the race: for testing that retries give up. */
export function alwaysStale<T>(inner: DocumentStore<T>): DocumentStore<T> {
  return {
    read: (key) => inner.read(key),
    create: async () => {
      throw new AppError(ErrorCodes.storeConflict, 'conflict (test)');
    },
    replace: async () => {
      throw new AppError(ErrorCodes.storePreconditionFailed, 'precondition failed (test)');
    },
    upsert: (key, value, options) => inner.upsert(key, value, options),
    delete: (key) => inner.delete(key),
    listPartition: (pk, options) => inner.listPartition(pk, options),
  };
}
