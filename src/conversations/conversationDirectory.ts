import type { Clock } from '../kernel/clock';
import type { DocumentStore } from '../kernel/documentStore';
import { documentIdFor, fingerprint } from '../kernel/hash';
import { fixedTtl, type TtlFor } from '../tenants/retention';

/** Where a conversation with the bot happens, as Teams sees it. */
export type ConversationKind = 'personal' | 'groupChat' | 'channel';

/**
 * Everything needed to message a conversation later (nudges, referral receipts), and nothing
 * more: the channel's reference is kept opaque, with display names stripped before it is stored.
 */
export interface RememberedConversation {
  readonly tenantId: string;
  readonly conversationId: string;
  readonly kind: ConversationKind;
  /** The Entra object id of the user in a personal chat; absent for team and group chats. */
  readonly userObjectId?: string;
  readonly reference: Readonly<Record<string, unknown>>;
  readonly updatedAt: string;
}

/** The port the proactive features use to find who they can reach. */
export interface ConversationDirectory {
  remember(conversation: Omit<RememberedConversation, 'updatedAt'>): Promise<void>;
  find(tenantId: string, conversationId: string): Promise<RememberedConversation | undefined>;
  listForTenant(tenantId: string): Promise<RememberedConversation[]>;
}

/** The directory over the storage port: tenant-partitioned, one document per conversation. */
export class StoredConversationDirectory implements ConversationDirectory {
  constructor(
    private readonly store: DocumentStore<RememberedConversation>,
    private readonly clock: Clock,
    /** The council's conversation retention: kept that long after the bot last saw it. */
    private readonly ttlFor: TtlFor = fixedTtl('conversations'),
  ) {}

  async remember(conversation: Omit<RememberedConversation, 'updatedAt'>): Promise<void> {
    // A blind upsert: the newest reference (service URL) is always the right one to keep.
    await this.store.upsert(
      { partitionKey: conversation.tenantId, id: documentIdFor(conversation.conversationId) },
      { ...conversation, updatedAt: this.clock.now().toISOString() },
      { ttlSeconds: await this.ttlFor(conversation.tenantId) },
    );
  }

  async find(
    tenantId: string,
    conversationId: string,
  ): Promise<RememberedConversation | undefined> {
    const item = await this.store.read({
      partitionKey: tenantId,
      id: documentIdFor(conversationId),
    });
    return item?.value;
  }

  async listForTenant(tenantId: string): Promise<RememberedConversation[]> {
    const items = await this.store.listPartition(tenantId);
    return items.map((item) => item.value);
  }
}

export interface WriteOnChangeOptions {
  /** How many conversations to keep track of; the least recently written are forgotten first. */
  readonly maxConversations?: number;
  /** A reference unchanged for this long is written again anyway (refreshes what other instances wrote). */
  readonly refreshMs?: number;
}

/**
 * Writes a conversation's reference only when it differs from what this instance last wrote for
 * it (or after `refreshMs`), so a turn's storage budget goes to the user's own state: most turns
 * in a conversation carry the same reference. Holds only fingerprints, never ids or references.
 * Another instance, or a restart, writes it once more: harmless, the write is a blind upsert.
 */
export class WriteOnChangeConversationDirectory implements ConversationDirectory {
  private readonly written = new Map<string, { readonly print: string; readonly at: number }>();
  private readonly maxConversations: number;
  private readonly refreshMs: number;

  constructor(
    private readonly inner: ConversationDirectory,
    private readonly clock: Clock,
    options: WriteOnChangeOptions = {},
  ) {
    this.maxConversations = options.maxConversations ?? 10_000;
    this.refreshMs = options.refreshMs ?? 60 * 60_000;
  }

  async remember(conversation: Omit<RememberedConversation, 'updatedAt'>): Promise<void> {
    const key = fingerprint(`${conversation.tenantId}\n${conversation.conversationId}`);
    const print = fingerprint(
      JSON.stringify([conversation.kind, conversation.userObjectId ?? '', conversation.reference]),
    );
    const now = this.clock.now().getTime();
    const last = this.written.get(key);
    if (last && last.print === print && now - last.at < this.refreshMs) return;
    // Noted before the write so that turns arriving together write once; undone if it fails.
    this.note(key, { print, at: now });
    try {
      await this.inner.remember(conversation);
    } catch (err) {
      if (this.written.get(key)?.print === print) this.written.delete(key);
      throw err;
    }
  }

  find(tenantId: string, conversationId: string): Promise<RememberedConversation | undefined> {
    return this.inner.find(tenantId, conversationId);
  }

  listForTenant(tenantId: string): Promise<RememberedConversation[]> {
    return this.inner.listForTenant(tenantId);
  }

  private note(key: string, entry: { readonly print: string; readonly at: number }): void {
    this.written.delete(key);
    this.written.set(key, entry);
    if (this.written.size > this.maxConversations) {
      const oldest = this.written.keys().next();
      if (!oldest.done) this.written.delete(oldest.value);
    }
  }
}
