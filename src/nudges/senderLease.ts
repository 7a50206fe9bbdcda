import type { Clock } from '../kernel/clock';
import type { DocumentStore, ItemKey, StoredItem } from '../kernel/documentStore';
import { isLostRace } from '../kernel/errors';
import { documentIdFor } from '../kernel/hash';
import type { Logger } from '../logging/logger';

/** Who sends a tenant's nudges, until when, and when it last made progress. */
export interface SenderLeaseRecord {
  readonly kind: 'nudge-sender';
  readonly holder: string;
  readonly until: string;
  /** Deliveries finished by this holder so far, and when that number last grew. */
  readonly progress: number;
  readonly progressAt: string;
}

export const senderLeasePartition = 'nudge-sender';

export interface SenderLeaseOptions {
  /** How long a lease lasts without renewal. */
  readonly leaseMs: number;
  /** A holder that renews but finishes nothing for this long is taken over. */
  readonly stallMs: number;
}

/** A lease this instance holds: renew it (with progress) as it works, release it when done. */
export class HeldLease {
  private lost = false;

  constructor(
    private readonly store: DocumentStore<SenderLeaseRecord>,
    private readonly clock: Clock,
    private readonly options: SenderLeaseOptions,
    private readonly key: ItemKey,
    private item: StoredItem<SenderLeaseRecord>,
  ) {}

  get held(): boolean {
    return !this.lost;
  }

  /** Extends the lease (If-Match); false, and held no more, when another instance took it. */
  async renew(progress: number): Promise<boolean> {
    if (this.lost) return false;
    const now = this.clock.now();
    const previous = this.item.value;
    const value: SenderLeaseRecord = {
      ...previous,
      until: new Date(now.getTime() + this.options.leaseMs).toISOString(),
      progress,
      progressAt: progress > previous.progress ? now.toISOString() : previous.progressAt,
    };
    try {
      this.item = await this.store.replace({ ...this.key, etag: this.item.etag }, value);
      return true;
    } catch (err) {
      if (isLostRace(err)) {
        this.lost = true;
        return false;
      }
      throw err;
    }
  }

  /** Gives the lease up at once (the next instance need not wait for it to lapse). */
  async release(): Promise<void> {
    if (this.lost) return;
    this.lost = true;
    await this.store.delete({ ...this.key, etag: this.item.etag }).catch(() => false);
  }
}

/**
 * One lease per tenant (ETag If-Match): only its holder expands and sends that tenant's nudges, so
 * two instances never share Teams' per-tenant rate. Another instance takes it over when it lapses
 * (the holder stopped) or when the holder renews but finishes nothing for `stallMs` (it is stuck);
 * a takeover is logged. The same holder id (an instance restarted in place) takes it back at once.
 */
export class SenderLeases {
  constructor(
    private readonly store: DocumentStore<SenderLeaseRecord>,
    private readonly clock: Clock,
    private readonly options: SenderLeaseOptions,
    private readonly logger: Logger,
  ) {}

  async acquire(tenantId: string, holder: string): Promise<HeldLease | undefined> {
    const key = { partitionKey: senderLeasePartition, id: documentIdFor(tenantId) };
    const now = this.clock.now();
    const fresh: SenderLeaseRecord = {
      kind: 'nudge-sender',
      holder,
      until: new Date(now.getTime() + this.options.leaseMs).toISOString(),
      progress: 0,
      progressAt: now.toISOString(),
    };
    try {
      const current = await this.store.read(key);
      if (!current) {
        return this.held(key, await this.store.create(key, fresh));
      }
      const takeover = this.takeoverReason(current.value, holder, now.getTime());
      if (takeover === 'held') return undefined;
      const item = await this.store.replace({ ...key, etag: current.etag }, fresh);
      if (takeover !== 'own') {
        this.logger.warn('nudge sending taken over', {
          reason: takeover,
          count: current.value.progress,
        });
      }
      return this.held(key, item);
    } catch (err) {
      if (isLostRace(err)) return undefined;
      throw err;
    }
  }

  private takeoverReason(
    lease: SenderLeaseRecord,
    holder: string,
    now: number,
  ): 'own' | 'lapsed' | 'stalled' | 'held' {
    if (lease.holder === holder) return 'own';
    if (Date.parse(lease.until) <= now) return 'lapsed';
    if (now - Date.parse(lease.progressAt) >= this.options.stallMs) return 'stalled';
    return 'held';
  }

  private held(key: ItemKey, item: StoredItem<SenderLeaseRecord>): HeldLease {
    return new HeldLease(this.store, this.clock, this.options, key, item);
  }
}
