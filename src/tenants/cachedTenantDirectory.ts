import type { Clock } from '../kernel/clock';
import type { LocalContacts } from './localContacts';
import type { TenantDirectory } from './tenantSettings';

/**
 * Council contacts change rarely and are needed on most turns: keep each tenant's for a few
 * minutes so a turn's storage budget goes to the user's own state. Holds no personal data.
 */
export class CachedTenantDirectory implements TenantDirectory {
  private readonly entries = new Map<string, { contacts: LocalContacts; expiresAt: number }>();

  constructor(
    private readonly inner: TenantDirectory,
    private readonly clock: Clock,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  async contactsFor(tenantId: string): Promise<LocalContacts> {
    const now = this.clock.now().getTime();
    const hit = this.entries.get(tenantId);
    if (hit && hit.expiresAt > now) return hit.contacts;
    const contacts = await this.inner.contactsFor(tenantId);
    this.entries.set(tenantId, { contacts, expiresAt: now + this.ttlMs });
    return contacts;
  }
}
