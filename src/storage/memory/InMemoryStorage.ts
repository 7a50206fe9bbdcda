import { systemClock, type Clock } from '../../kernel/clock';
import {
  containers,
  type ContainerName,
  type DocumentStore,
  type Storage,
} from '../../kernel/documentStore';
import { Lifecycle } from '../lifecycle';
import { InMemoryCollection } from './InMemoryCollection';
import type { MemoryPartitions } from './memoryRecord';

export interface InMemoryStorageOptions {
  /** Drives TTL expiry; pass a fake clock to test expiry without waiting. */
  readonly clock?: Clock;
}

/**
 * The storage port in process memory, behaving like the Cosmos implementation (the shared contract
 * suite in test/contract holds both to it). For unit tests and throwaway local runs; nothing
 * survives the process.
 */
export class InMemoryStorage implements Storage {
  private readonly clock: Clock;
  private readonly lifecycle = new Lifecycle();
  private readonly data = new Map<ContainerName, MemoryPartitions>();

  constructor(options: InMemoryStorageOptions = {}) {
    this.clock = options.clock ?? systemClock;
  }

  collection<T>(name: ContainerName): DocumentStore<T> {
    let partitions = this.data.get(name);
    if (!partitions) {
      partitions = new Map();
      this.data.set(name, partitions);
    }
    return new InMemoryCollection<T>(
      name,
      partitions,
      containers[name].defaultTtlSeconds,
      this.clock,
      this.lifecycle,
    );
  }

  async ping(): Promise<void> {
    this.lifecycle.assertOpen();
  }

  async close(): Promise<void> {
    this.lifecycle.close();
  }
}
