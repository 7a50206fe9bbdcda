import type { Clock } from '../kernel/clock';
import {
  TenantDirectoryOver,
  type TenantSettings,
  type TenantSettingsSource,
} from './tenantSettings';

interface Entry {
  readonly value: TenantSettings | undefined;
  readonly expiresAt: number;
}

/**
 * Council settings change rarely and are needed on most turns (contacts, and the retention each
 * write's TTL comes from): keep each tenant's settings document for a few minutes, one read for
 * all of them, so a turn's storage budget goes to the user's own state. Holds no personal data.
 * A changed setting is seen here within the time to live.
 */
export class CachedTenantDirectory extends TenantDirectoryOver implements TenantSettingsSource {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly inner: TenantSettingsSource,
    private readonly clock: Clock,
    private readonly ttlMs = 5 * 60_000,
  ) {
    super({ settingsFor: (tenantId) => this.settingsFor(tenantId) });
  }

  async settingsFor(tenantId: string): Promise<TenantSettings | undefined> {
    const now = this.clock.now().getTime();
    const hit = this.entries.get(tenantId);
    if (hit && hit.expiresAt > now) return hit.value;
    const value = await this.inner.settingsFor(tenantId);
    this.entries.set(tenantId, { value, expiresAt: now + this.ttlMs });
    return value;
  }
}
