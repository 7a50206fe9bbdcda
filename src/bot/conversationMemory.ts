import { TurnContext, type Activity, type Middleware } from 'botbuilder';
import type { ConversationDirectory } from '../conversations/conversationDirectory';
import { AppError } from '../kernel/errors';
import type { Logger } from '../logging/logger';
import { conversationKindOf, minimalReference, tenantOf } from './activityFacts';

/**
 * Keeps the conversation reference of everyone who talks to the bot, so nudges and referral
 * receipts can reach them later. Runs after the tenant guard: refused tenants are never stored.
 *
 * Remembering is a side job: it never delays or fails the turn. The write starts beside the turn
 * and a failure is logged (the next turn tries again); the directory skips a reference it has
 * already stored.
 */
export class ConversationMemory implements Middleware {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly directory: ConversationDirectory,
    private readonly logger: Logger,
  ) {}

  async onTurn(turn: TurnContext, next: () => Promise<void>): Promise<void> {
    const remembering = this.remember(turn.activity);
    if (remembering) {
      this.pending.add(remembering);
      void remembering.finally(() => this.pending.delete(remembering));
    }
    await next();
  }

  /** Resolves once every write started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private remember(activity: Activity): Promise<void> | undefined {
    const tenantId = tenantOf(activity);
    const conversationId = activity.conversation?.id;
    if (!tenantId || !conversationId || !activity.serviceUrl) return undefined;
    const kind = conversationKindOf(activity);
    return this.directory
      .remember({
        tenantId,
        conversationId,
        kind,
        userObjectId: kind === 'personal' ? activity.from?.aadObjectId : undefined,
        reference: minimalReference(TurnContext.getConversationReference(activity)),
      })
      .catch((err: unknown) => {
        this.logger.warn('conversation reference not saved', {
          activityType: activity.type,
          code: err instanceof AppError ? err.code : 'unknown',
        });
      });
  }
}
