import type { Clock } from '../kernel/clock';
import type { LocalContacts } from './localContacts';
import type { TenantDirectory } from './tenantSettings';

interface Entry<T> {
  readonly value: T;
  readonly expiresAt: number;
}

/**
 * Council settings change rarely and contacts are needed on most turns: keep each tenant's for a
 * few minutes so a turn's storage budget goes to the user's own state. Holds no personal data.
 * A changed setting is seen here within the time to live.
 */
export class CachedTenantDirectory implements TenantDirectory {
  private readonly contacts = new Map<string, Entry<LocalContacts>>();
  private readonly retention = new Map<string, Entry<number | undefined>>();

  constructor(
    private readonly inner: TenantDirectory,
    private readonly clock: Clock,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  contactsFor(tenantId: string): Promise<LocalContacts> {
    return this.cached(this.contacts, tenantId, () => this.inner.contactsFor(tenantId));
  }

  referralRetentionMsFor(tenantId: string): Promise<number | undefined> {
    return this.cached(this.retention, tenantId, () => this.inner.referralRetentionMsFor(tenantId));
  }

  private async cached<T>(
    entries: Map<string, Entry<T>>,
    tenantId: string,
    load: () => Promise<T>,
  ): Promise<T> {
    const now = this.clock.now().getTime();
    const hit = entries.get(tenantId);
    if (hit && hit.expiresAt > now) return hit.value;
    const value = await load();
    entries.set(tenantId, { value, expiresAt: now + this.ttlMs });
    return value;
  }
}
