import { genericLocalContacts, type LocalContacts } from '../tenants/localContacts';

/** Where a council's contacts come from (the tenant directory, over storage). */
export interface ContactsSource {
  contactsFor(tenantId: string): Promise<LocalContacts>;
}

/** Councils remembered at most; contacts are council data, not personal data. */
const maxCouncils = 500;

/**
 * Council contacts for the safety card, without ever letting storage hide or delay it: the last
 * contacts read for the council when there are any (refreshed in the background), otherwise a
 * read bounded by `waitMs`, otherwise the generic routes. Errors are swallowed here on purpose:
 * the card is shown with the best contacts at hand.
 */
export class SafetyContacts implements ContactsSource {
  private readonly known = new Map<string, LocalContacts>();

  constructor(
    private readonly source: ContactsSource,
    private readonly waitMs = 250,
  ) {}

  async contactsFor(tenantId: string): Promise<LocalContacts> {
    const read = this.source.contactsFor(tenantId).then(
      (contacts) => {
        if (!this.known.has(tenantId) && this.known.size >= maxCouncils) this.known.clear();
        this.known.set(tenantId, contacts);
        return contacts;
      },
      () => undefined,
    );
    const cached = this.known.get(tenantId);
    if (cached) return cached;
    return (await settleWithin(read, this.waitMs)) ?? genericLocalContacts;
  }
}

/** The promise's value if it settles within `ms`, otherwise undefined (a rejection is undefined). */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
