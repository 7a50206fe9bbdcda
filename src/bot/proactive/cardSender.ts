import type {
  ConversationParameters,
  ConversationReference,
  ConversationResourceResponse,
  TurnContext,
} from 'botbuilder';
import type {
  CardSender,
  ConversationAddress,
  PersonalChatMember,
} from '../../conversations/cardSender';
import type { CardJson } from '../../kernel/cardRenderer';
import { minimalReference } from '../activityFacts';
import { cardAttachment } from '../cards/cardCatalog';
import { toChannelError } from './channelErrors';

/** What the sender needs of a Bot Framework adapter (CloudAdapter has it). */
export interface ContinuingAdapter {
  continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (turn: TurnContext) => Promise<void>,
  ): Promise<void>;
}

async function sendIn(turn: TurnContext, card: CardJson): Promise<string | undefined> {
  return (await turn.sendActivity({ attachments: [cardAttachment(card)] }))?.id;
}

async function updateIn(turn: TurnContext, activityId: string, card: CardJson): Promise<void> {
  await turn.updateActivity({
    id: activityId,
    type: 'message',
    attachments: [cardAttachment(card)],
  });
}

/** The part of the turn's connector client (botframework-connector) used here. */
interface ConversationsClient {
  readonly conversations: {
    createConversation(parameters: ConversationParameters): Promise<ConversationResourceResponse>;
  };
}

/**
 * Creates the personal chat through the turn's connector (the conversation the member is in),
 * and returns its reference in the stored shape. Teams needs the tenant id to create it.
 */
async function createPersonalIn(
  turn: TurnContext,
  member: PersonalChatMember,
): Promise<ConversationAddress> {
  const connector = turn.turnState.get<ConversationsClient | undefined>(
    turn.adapter.ConnectorClientKey,
  );
  if (!connector) throw new Error('This turn has no connector to create a conversation with.');
  const { activity } = turn;
  const created = await connector.conversations.createConversation({
    isGroup: false,
    bot: activity.recipient,
    members: [{ id: member.userId, name: '' }],
    tenantId: member.tenantId,
    channelData: { tenant: { id: member.tenantId } },
  });
  return minimalReference({
    channelId: activity.channelId,
    serviceUrl: created.serviceUrl ?? activity.serviceUrl,
    conversation: {
      id: created.id,
      conversationType: 'personal',
      tenantId: member.tenantId,
      isGroup: false,
      name: '',
    },
    bot: activity.recipient,
    user: { id: member.userId, name: '' },
  });
}

/**
 * The sender over Bot Framework: a proactive turn in the stored conversation for each call.
 * `botAppId` is MicrosoftAppId ('' for local use without authentication).
 */
export function botFrameworkCardSender(adapter: ContinuingAdapter, botAppId: string): CardSender {
  const inConversation = async <T>(
    address: ConversationAddress,
    logic: (turn: TurnContext) => Promise<T>,
  ): Promise<T> => {
    let result: { value: T } | { failure: unknown } | undefined;
    await adapter.continueConversationAsync(botAppId, address, async (turn) => {
      // Caught here, not by the adapter's turn-error handler, which would answer the chat with
      // "something went wrong" and report success: the caller decides (a receipt is retried).
      try {
        result = { value: await logic(turn) };
      } catch (failure) {
        result = { failure };
      }
    });
    // The middleware refused the proactive turn (e.g. a tenant no longer allowed).
    if (!result) throw new Error('The proactive turn did not run.');
    if ('failure' in result) {
      // As the port promises: the channel's refusal in framework-free terms (status, sub-code).
      throw toChannelError(result.failure);
    }
    return result.value;
  };
  return {
    send: (address, card) => inConversation(address, (turn) => sendIn(turn, card)),
    update: (address, activityId, card) =>
      inConversation(address, (turn) => updateIn(turn, activityId, card)),
    createPersonalConversation: (from, member) =>
      inConversation(from, (turn) => createPersonalIn(turn, member)),
  };
}

/** The sender inside a turn of the same conversation (no proactive turn needed). */
export function inTurnCardSender(turn: TurnContext): CardSender {
  return {
    send: (_address, card) => sendIn(turn, card),
    update: (_address, activityId, card) => updateIn(turn, activityId, card),
    createPersonalConversation: (_from, member) => createPersonalIn(turn, member),
  };
}
