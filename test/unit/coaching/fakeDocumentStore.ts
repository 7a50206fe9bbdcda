import type {
  DocumentStore,
  ItemKey,
  StoredItem,
  WriteOptions,
} from '../../../src/kernel/documentStore';
import { AppError, ErrorCodes } from '../../../src/kernel/errors';

/** A tiny in-memory DocumentStore with etags, for coaching unit tests. Records write options. */
export class FakeDocumentStore<T> implements DocumentStore<T> {
  readonly items = new Map<string, StoredItem<T>>();
  readonly writes: Array<{ key: ItemKey; options: WriteOptions | undefined }> = [];
  private version = 0;

  private static keyOf(key: ItemKey): string {
    return `${key.partitionKey}/${key.id}`;
  }

  private put(key: ItemKey, value: T, options: WriteOptions | undefined): StoredItem<T> {
    this.version += 1;
    // A deep copy, as a real store would serialise it: callers cannot mutate what is stored.
    const item = {
      id: key.id,
      partitionKey: key.partitionKey,
      value: structuredClone(value),
      etag: `"v${this.version}"`,
    };
    this.items.set(FakeDocumentStore.keyOf(key), item);
    this.writes.push({ key, options });
    return item;
  }

  async read(key: ItemKey): Promise<StoredItem<T> | undefined> {
    const item = this.items.get(FakeDocumentStore.keyOf(key));
    return item && { ...item, value: structuredClone(item.value) };
  }

  async create(key: ItemKey, value: T, options?: WriteOptions): Promise<StoredItem<T>> {
    if (this.items.has(FakeDocumentStore.keyOf(key)))
      throw new AppError(ErrorCodes.storeConflict, 'exists');
    return this.put(key, value, options);
  }

  async replace(
    key: ItemKey & { readonly etag: string },
    value: T,
    options?: WriteOptions,
  ): Promise<StoredItem<T>> {
    const current = this.items.get(FakeDocumentStore.keyOf(key));
    if (current === undefined) throw new AppError(ErrorCodes.storeNotFound, 'gone');
    if (current.etag !== key.etag)
      throw new AppError(ErrorCodes.storePreconditionFailed, 'changed');
    return this.put(key, value, options);
  }

  async upsert(key: ItemKey, value: T, options?: WriteOptions): Promise<StoredItem<T>> {
    return this.put(key, value, options);
  }

  async delete(key: ItemKey & { readonly etag?: string }): Promise<boolean> {
    return this.items.delete(FakeDocumentStore.keyOf(key));
  }

  async listPartition(partitionKey: string): Promise<StoredItem<T>[]> {
    return [...this.items.values()].filter((i) => i.partitionKey === partitionKey);
  }
}
