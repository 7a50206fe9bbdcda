import { ShowTypingMiddleware, type Middleware, type TurnContext } from 'botbuilder';
import { conversationKindOf } from './activityFacts';

/**
 * The typing indicator on message turns in a personal chat (botbuilder's ShowTypingMiddleware:
 * shown when a reply takes longer than `delayMs`, repeated until it is sent). Not in group chats
 * or channels, where "DARE Coach is typing" would be noise for everyone else.
 */
export class PersonalTyping implements Middleware {
  private readonly typing: ShowTypingMiddleware;

  constructor(delayMs = 500, periodMs = 2000) {
    this.typing = new ShowTypingMiddleware(delayMs, periodMs);
  }

  async onTurn(turn: TurnContext, next: () => Promise<void>): Promise<void> {
    if (conversationKindOf(turn.activity) !== 'personal') return next();
    return this.typing.onTurn(turn, next);
  }
}
