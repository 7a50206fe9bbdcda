import type { DocumentStore, ItemKey } from '../kernel/documentStore';
import { isLostRace } from '../kernel/errors';
import { documentIdFor } from '../kernel/hash';
import type { RecentItems } from '../kernel/recentItems';
import type { TtlFor } from '../tenants/retention';
import { coachingSessionSchema, sessionLifetimeDays, type CoachingSession } from './session';

/** Whose walk-through: one per user per tenant. */
export interface SessionKey {
  readonly tenantId: string;
  readonly userId: string;
}

export interface LoadedSession {
  /** Pass back to `save` so a concurrent write is detected rather than overwritten. */
  readonly etag: string;
  /** Undefined when the stored document no longer reads as a session (an old shape): start again. */
  readonly session: CoachingSession | undefined;
  /**
   * True when this is this instance's copy from its last read or write, not a read of the store
   * now: another instance may have written since, so confirm it (If-Match, or a fresh read).
   */
  readonly recent?: boolean;
}

export interface LoadOptions {
  /** This instance's copy will do when it has one (see `LoadedSession.recent`). */
  readonly recent?: boolean;
}

export type SaveResult =
  { readonly ok: true } | { readonly ok: false; readonly reason: 'conflict' };

/** The storage the coaching use case needs, and nothing more. */
export interface CoachingSessionRepository {
  load(key: SessionKey, options?: LoadOptions): Promise<LoadedSession | undefined>;
  /**
   * Creates the session when `expectedEtag` is undefined, otherwise replaces it only if it is
   * still that version. `conflict` means another turn (another device) wrote first.
   */
  save(
    key: SessionKey,
    session: CoachingSession,
    expectedEtag: string | undefined,
  ): Promise<SaveResult>;
}

/** Storage TTL: garbage collection only; expiry that users see is checked with the clock. */
export const sessionTtlSeconds = sessionLifetimeDays * 24 * 60 * 60;

const defaultSessionTtl: TtlFor = () => Promise.resolve(sessionTtlSeconds);

/**
 * Sessions in the `sessions` container: partition = tenant id, id = a hash of the user id (the
 * user id itself is never stored), so each turn is one point read.
 */
export class DocumentStoreSessionRepository implements CoachingSessionRepository {
  /** `ttlFor`: the council's session retention (deleted by the store that long after the last
   * change); the session lifetime by default. */
  constructor(
    private readonly store: DocumentStore<CoachingSession>,
    private readonly ttlFor: TtlFor = defaultSessionTtl,
    /** Sessions this instance last read or wrote, so a turn may skip its read. */
    private readonly recent?: RecentItems<CoachingSession>,
  ) {}

  async load(key: SessionKey, options: LoadOptions = {}): Promise<LoadedSession | undefined> {
    const id = itemKey(key);
    const copy = options.recent ? this.recent?.get(id) : undefined;
    if (copy) return { etag: copy.etag, session: copy.value, recent: true };
    const item = await this.store.read(id);
    if (item === undefined) {
      this.recent?.delete(id);
      return undefined;
    }
    // Stored data is parsed like any other input: a document from an older release may not fit.
    const parsed = coachingSessionSchema.safeParse(item.value);
    if (parsed.success) this.recent?.set(id, { etag: item.etag, value: parsed.data });
    else this.recent?.delete(id);
    return { etag: item.etag, session: parsed.success ? parsed.data : undefined };
  }

  async save(
    key: SessionKey,
    session: CoachingSession,
    expectedEtag: string | undefined,
  ): Promise<SaveResult> {
    const options = { ttlSeconds: await this.ttlFor(key.tenantId) };
    const id = itemKey(key);
    try {
      const item =
        expectedEtag === undefined
          ? await this.store.create(id, session, options)
          : await this.store.replace({ ...id, etag: expectedEtag }, session, options);
      this.recent?.set(id, { etag: item.etag, value: session });
      return { ok: true };
    } catch (err) {
      this.recent?.delete(id);
      if (isLostRace(err)) return { ok: false, reason: 'conflict' };
      throw err;
    }
  }
}

export function itemKey(key: SessionKey): ItemKey {
  return { partitionKey: key.tenantId, id: `coaching-${documentIdFor(key.userId)}` };
}
