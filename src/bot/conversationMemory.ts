import { TurnContext, type Middleware } from 'botbuilder';
import type { ConversationDirectory } from '../conversations/conversationDirectory';
import { conversationKindOf, minimalReference, tenantOf } from './activityFacts';

/**
 * Keeps the conversation reference of everyone who talks to the bot, so nudges and referral
 * receipts can reach them later. Runs after the tenant guard: refused tenants are never stored.
 */
export class ConversationMemory implements Middleware {
  constructor(private readonly directory: ConversationDirectory) {}

  async onTurn(turn: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = turn;
    const tenantId = tenantOf(activity);
    const conversationId = activity.conversation?.id;
    if (tenantId && conversationId && activity.serviceUrl) {
      const kind = conversationKindOf(activity);
      await this.directory.remember({
        tenantId,
        conversationId,
        kind,
        userObjectId: kind === 'personal' ? activity.from?.aadObjectId : undefined,
        reference: minimalReference(TurnContext.getConversationReference(activity)),
      });
    }
    await next();
  }
}
