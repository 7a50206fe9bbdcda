import type { ContainerName, DocumentStore, Storage } from '../../src/kernel/documentStore';
import { AppError, ErrorCodes } from '../../src/kernel/errors';

/**
 * Storage whose calls on the named containers (every container when none are named) fail as an
 * outage does: STORE_UNAVAILABLE, as the Cosmos adapter reports one.
 */
export function failingStorage(inner: Storage, failing?: readonly ContainerName[]): Storage {
  const outage = () =>
    Promise.reject(new AppError(ErrorCodes.storeUnavailable, 'Storage is down (test).'));
  return {
    collection<T>(container: ContainerName): DocumentStore<T> {
      const store = inner.collection<T>(container);
      if (failing && !failing.includes(container)) return store;
      return {
        read: outage,
        create: outage,
        replace: outage,
        upsert: outage,
        delete: outage,
        listPartition: outage,
      };
    },
    ping: outage,
    close: () => inner.close(),
  };
}
