import type { Clock } from '../kernel/clock';
import type { DocumentStore } from '../kernel/documentStore';
import { documentIdFor } from '../kernel/hash';

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
  ) {}

  async remember(conversation: Omit<RememberedConversation, 'updatedAt'>): Promise<void> {
    // A blind upsert: the newest reference (service URL) is always the right one to keep.
    await this.store.upsert(
      { partitionKey: conversation.tenantId, id: documentIdFor(conversation.conversationId) },
      { ...conversation, updatedAt: this.clock.now().toISOString() },
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
