import { CardFactory, type ConversationReference, type TurnContext } from 'botbuilder';
import type { CardJson } from '../actions/actionTable';

/**
 * What receipts need from Teams: replace a card the bot posted earlier, in the conversation it
 * was posted in, and post a new one there. A port, so the receipt logic is tested without the
 * network.
 */
export interface CardUpdatePort {
  updateCard(
    reference: Readonly<Record<string, unknown>>,
    activityId: string,
    card: CardJson,
  ): Promise<void>;
  /** Posts the card as a new message (which notifies the user, where an update does not). */
  sendCard(reference: Readonly<Record<string, unknown>>, card: CardJson): Promise<void>;
}

/** What the port needs of a Bot Framework adapter (CloudAdapter has it). */
export interface ContinuingAdapter {
  continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (turn: TurnContext) => Promise<void>,
  ): Promise<void>;
}

function updateIn(turn: TurnContext, activityId: string, card: CardJson): Promise<unknown> {
  return turn.updateActivity({
    id: activityId,
    type: 'message',
    attachments: [CardFactory.adaptiveCard(card)],
  });
}

/**
 * The port over Bot Framework: a proactive turn in the stored conversation that updates the
 * activity. `botAppId` is MicrosoftAppId ('' for local use without authentication).
 */
export function botFrameworkCardUpdater(
  adapter: ContinuingAdapter,
  botAppId: string,
): CardUpdatePort {
  return {
    async updateCard(reference, activityId, card) {
      await adapter.continueConversationAsync(
        botAppId,
        reference as Partial<ConversationReference>,
        async (turn) => {
          await updateIn(turn, activityId, card);
        },
      );
    },
    async sendCard(reference, card) {
      await adapter.continueConversationAsync(
        botAppId,
        reference as Partial<ConversationReference>,
        async (turn) => {
          await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
        },
      );
    },
  };
}

/** The port inside a turn of the same conversation (no proactive turn needed). */
export function inTurnCardUpdater(turn: TurnContext): CardUpdatePort {
  return {
    async updateCard(_reference, activityId, card) {
      await updateIn(turn, activityId, card);
    },
    async sendCard(_reference, card) {
      await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    },
  };
}
