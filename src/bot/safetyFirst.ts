import { ActivityTypes, TurnContext, type Middleware } from 'botbuilder';
import type { Logger } from '../logging/logger';
import { buildSafetyAlert, type ContactsSource, type SafetyFile, type SafetyNet } from '../safety';
import { conversationKindOf, identityOf } from './activityFacts';
import type { CardCatalog } from './cards/cardCatalog';

/** Set on the turn once the safety card has been sent, so nothing later sends it twice. */
export const safetyCardSentKey = Symbol('safetyCardSent');

export interface SafetyFirstDeps {
  readonly net: SafetyNet;
  readonly alert: SafetyFile['alert'];
  /** Contacts that never wait long on storage (SafetyContacts). */
  readonly contacts: ContactsSource;
  readonly cards: CardCatalog;
  readonly logger: Logger;
}

/**
 * The safety net on typed chat text, before anything touches storage: danger words raise the
 * safety card first, then the turn carries on as usual (a walk-through in progress is not
 * blocked). It needs only the text: no session, no stored state. The words that raised it are
 * shown back only in a personal chat.
 */
export class SafetyFirst implements Middleware {
  constructor(private readonly deps: SafetyFirstDeps) {}

  async onTurn(turn: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = turn;
    if (activity.type === ActivityTypes.Message && typeof activity.text === 'string') {
      const text = TurnContext.removeRecipientMention(activity) ?? activity.text;
      await this.raise(turn, text);
    }
    await next();
  }

  private async raise(turn: TurnContext, text: string): Promise<void> {
    const { net, alert, contacts, cards, logger } = this.deps;
    const findings = net.check(text);
    if (findings.length === 0) return;
    const personal = conversationKindOf(turn.activity) === 'personal';
    const card = buildSafetyAlert(
      alert,
      net,
      findings.map((f) => f.id),
      await contacts.contactsFor(identityOf(turn.activity).tenantId),
      personal ? { words: findings.flatMap((f) => f.words) } : {},
    );
    if (!card) return;
    turn.turnState.set(safetyCardSentKey, true);
    logger.info('safety card raised', { count: card.concerns.length, reason: 'typed text' });
    await turn.sendActivity({ attachments: [cards.attachment('safety-alert', card)] });
  }
}
