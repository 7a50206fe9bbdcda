import type { CardJson } from '../kernel/cardRenderer';

/**
 * Where a message can be sent later: a stored conversation reference (display names stripped),
 * opaque to use cases and understood by the channel adapter that implements `CardSender`.
 */
export type ConversationAddress = Readonly<Record<string, unknown>>;

/** Who to open a 1:1 chat with: their channel user id (Teams does not take an email). */
export interface PersonalChatMember {
  readonly userId: string;
  readonly tenantId: string;
}

/**
 * The one port for anything sent outside the turn that caused it (referral receipts, nudges,
 * reports): post a card, replace one posted earlier, or open a personal chat to post into.
 * Implemented over Bot Framework in src/bot/proactive; use cases see only rendered card JSON.
 */
export interface CardSender {
  /** Posts the card as a new message (which notifies the user); resolves to its activity id. */
  send(address: ConversationAddress, card: CardJson): Promise<string | undefined>;
  /** Replaces a card the bot posted earlier, in place (which does not notify the user). */
  update(address: ConversationAddress, activityId: string, card: CardJson): Promise<void>;
  /**
   * Opens (or finds: Teams answers with the existing one) the personal chat with a member of a
   * conversation the bot is in, e.g. their team's channel; resolves to its address.
   */
  createPersonalConversation(
    from: ConversationAddress,
    member: PersonalChatMember,
  ): Promise<ConversationAddress>;
}
