import type { ContainerName, DocumentStore, Storage } from '../../src/kernel/documentStore';
import { AppError, ErrorCodes } from '../../src/kernel/errors';

export interface WriteFaultStorage extends Storage {
  /** Writes attempted so far (create, replace, upsert, delete), in every container. */
  writes(): number;
  /** Lets hung writes fail, so a test can stop cleanly. */
  release(): void;
}

const writeMethods = new Set(['create', 'replace', 'upsert', 'delete']);

/**
 * Wraps a store to count write attempts and, when asked, to fail or hang every write while reads
 * still work (the "writes fail, reads succeed" fault).
 */
export function writeFaultStorage(
  inner: Storage,
  faults: { readonly failWrites?: boolean; readonly hangWrites?: boolean } = {},
): WriteFaultStorage {
  let writes = 0;
  const hung: Array<() => void> = [];
  const unavailable = () => new AppError(ErrorCodes.storeUnavailable, 'Writes are failing (test).');
  return {
    collection<T>(name: ContainerName): DocumentStore<T> {
      const store = inner.collection<T>(name);
      return new Proxy(store, {
        get(target, property, receiver) {
          const original = Reflect.get(target, property, receiver) as unknown;
          if (typeof property !== 'string' || !writeMethods.has(property)) return original;
          if (typeof original !== 'function') return original;
          return (...args: unknown[]) => {
            writes += 1;
            if (faults.failWrites) return Promise.reject(unavailable());
            if (faults.hangWrites) {
              return new Promise((_resolve, reject) => hung.push(() => reject(unavailable())));
            }
            return (original as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
    ping: () => inner.ping(),
    close: () => inner.close(),
    writes: () => writes,
    release: () => hung.splice(0).forEach((fail) => fail()),
  };
}
