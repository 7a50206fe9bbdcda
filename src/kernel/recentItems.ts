import type { ItemKey } from './documentStore';

/** A stored item as this instance last read or wrote it. */
export interface RecentItem<T> {
  readonly etag: string;
  readonly value: T;
}

export interface RecentItemsOptions {
  /** Most items kept; the least recently used goes first. */
  readonly maxItems: number;
  /** An item not used for this long is dropped (memory only: correctness never depends on it). */
  readonly maxIdleMs: number;
  /** Milliseconds on a monotonic clock; `performance.now` by default. */
  readonly now?: () => number;
}

interface Entry<T> extends RecentItem<T> {
  usedAt: number;
}

/**
 * The last version of each item this instance read or wrote, with its ETag, so a turn can skip
 * the read when the same person presses again on the same instance. It is only a guess: another
 * instance (or device) may have written since. A repository hands it out marked as such, and the
 * use case confirms it: a write with If-Match on its ETag (a 412 means it was behind), and for a
 * turn that would not write, a fresh read. Values are kept as given: callers never mutate them.
 */
export class RecentItems<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly now: () => number;

  constructor(private readonly options: RecentItemsOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  get(key: ItemKey): RecentItem<T> | undefined {
    const id = idOf(key);
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const now = this.now();
    this.entries.delete(id);
    if (now - entry.usedAt > this.options.maxIdleMs) return undefined;
    entry.usedAt = now;
    this.entries.set(id, entry);
    return { etag: entry.etag, value: entry.value };
  }

  set(key: ItemKey, item: RecentItem<T>): void {
    const id = idOf(key);
    this.entries.delete(id);
    this.entries.set(id, { ...item, usedAt: this.now() });
    while (this.entries.size > this.options.maxItems) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: ItemKey): void {
    this.entries.delete(idOf(key));
  }

  get size(): number {
    return this.entries.size;
  }
}

const idOf = (key: ItemKey) => `${key.partitionKey}\n${key.id}`;
