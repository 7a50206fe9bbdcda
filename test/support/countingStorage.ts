import type { ContainerName, DocumentStore, Storage } from '../../src/kernel/documentStore';

export interface StorageOperation {
  readonly container: ContainerName;
  readonly kind: 'read' | 'write' | 'query';
  readonly method: keyof DocumentStore<unknown>;
}

/**
 * Storage that passes every call to `inner` and writes down each one, so a test can hold a turn
 * to its storage budget (one state read and one state write).
 */
export function countingStorage(inner: Storage) {
  const operations: StorageOperation[] = [];
  const kinds: Record<keyof DocumentStore<unknown>, StorageOperation['kind']> = {
    read: 'read',
    create: 'write',
    replace: 'write',
    upsert: 'write',
    delete: 'write',
    listPartition: 'query',
    findByField: 'query',
  };
  const storage: Storage = {
    collection<T>(container: ContainerName): DocumentStore<T> {
      const store = inner.collection<T>(container);
      const counted = <M extends keyof DocumentStore<T>>(method: M): DocumentStore<T>[M] =>
        ((...args: unknown[]) => {
          operations.push({ container, kind: kinds[method], method });
          return (store[method] as (...a: unknown[]) => unknown)(...args);
        }) as DocumentStore<T>[M];
      return {
        read: counted('read'),
        create: counted('create'),
        replace: counted('replace'),
        upsert: counted('upsert'),
        delete: counted('delete'),
        listPartition: counted('listPartition'),
        ...(store.findByField ? { findByField: counted('findByField') } : {}),
      };
    },
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
  return {
    storage,
    /** Every operation since the last call, and starts counting afresh. */
    take(): StorageOperation[] {
      return operations.splice(0);
    },
  };
}
