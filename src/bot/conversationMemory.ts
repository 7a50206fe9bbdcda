import { TurnContext, type Middleware } from 'botbuilder';
import type { ConversationDirectory } from '../conversations/conversationDirectory';
import type { Logger } from '../logging/logger';
import { conversationKindOf, minimalReference, tenantOf } from './activityFacts';

/**
 * Keeps the conversation reference of everyone who talks to the bot, so nudges and referral
 * receipts can reach them later. Runs after the tenant guard: refused tenants are never stored.
 */
export class ConversationMemory implements Middleware {
  constructor(
    private readonly directory: ConversationDirectory,
    private readonly logger?: Logger,
  ) {}

  async onTurn(turn: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = turn;
    const tenantId = tenantOf(activity);
    const conversationId = activity.conversation?.id;
    if (tenantId && conversationId && activity.serviceUrl) {
      const kind = conversationKindOf(activity);
      try {
        await this.directory.remember({
          tenantId,
          conversationId,
          kind,
          userObjectId: kind === 'personal' ? activity.from?.aadObjectId : undefined,
          reference: minimalReference(TurnContext.getConversationReference(activity)),
        });
      } catch (err) {
        // Safety first: a store that cannot remember the conversation must not stop the turn
        // (a safety card on a card press or in the compose box still has to be shown).
        this.logger?.error('conversation reference not stored', {}, err);
      }
    }
    await next();
  }
}
