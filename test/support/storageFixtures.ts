import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src/kernel/clock';
import type { Storage } from '../../src/kernel/documentStore';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/storage/cosmos/embeddedCosmos';
import { openCosmosStorage } from '../../src/storage/cosmos/openCosmosStorage';
import { InMemoryStorage } from '../../src/storage/memory/InMemoryStorage';
import { capturedLogger } from './capturedLogs';

/**
 * Storage for a suite that runs on both implementations: start what it needs once, open a fresh
 * store per test, and "restart" (a new client over the same data).
 */
export interface StorageFixture {
  readonly name: string;
  before(): Promise<void>;
  after(): Promise<void>;
  open(clock: Clock): Promise<Storage>;
  restart(old: Storage, clock: Clock): Promise<Storage>;
}

export const inMemoryFixture: StorageFixture = {
  name: 'in-memory storage',
  before: async () => undefined,
  after: async () => undefined,
  open: async (clock) => new InMemoryStorage({ clock }),
  // Memory cannot outlive a process; the restart here is a new worker and client over the same data.
  restart: async (old) => old,
};

/** The real @azure/cosmos client against the embedded server; each `open` is a new database. */
export function cosmosFixture(databasePrefix: string): StorageFixture {
  let server: EmbeddedCosmos | undefined;
  const databases = new WeakMap<Storage, string>();
  const silent = capturedLogger().logger;
  const open = async (database: string): Promise<Storage> => {
    if (!server) throw new Error('Cosmos server not started');
    const storage = await openCosmosStorage(
      { endpoint: server.endpoint, key: server.key, database },
      silent,
    );
    databases.set(storage, database);
    return storage;
  };
  return {
    name: 'Cosmos DB (real @azure/cosmos client, embedded Cosmos-protocol server)',
    before: async () => {
      server = await startEmbeddedCosmos();
    },
    after: async () => {
      await server?.stop();
    },
    open: () => open(`${databasePrefix}-${randomUUID()}`),
    // A real restart: the old client is closed, a new one opens the same database.
    restart: async (old) => {
      const database = databases.get(old);
      if (!database) throw new Error('unknown storage');
      await old.close();
      return open(database);
    },
  };
}
