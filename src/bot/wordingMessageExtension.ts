import {
  CardFactory,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
} from 'botbuilder';
import { buildSafetyAlert, type SafetyAlertCardData, type SafetyDeps } from '../safety';
import type { Logger } from '../logging/logger';
import { messageExtensionResults } from '../wording/views';
import type { WordingActionDeps } from './actions/wordingActions';
import type { CardCatalog } from './cards/cardCatalog';
import { wordingSearchCommandId, wordingSearchParameter } from './messageExtension';
import { safetyCardRaised } from './safetyCardRaised';

/** Most results Teams shows usefully in the compose box list. */
const maxResults = 10;

/**
 * The compose-box search: the practitioner types what happened and picks wording to paste into
 * any chat. An empty query (Teams' first run) lists every situation. Preview cards carry no
 * buttons, so they are safe to post anywhere. Danger in the query puts a safety result first,
 * with the routes only: it never repeats the typed words, since it may be inserted into a
 * shared chat.
 */
export function createWordingMessageExtension(
  deps: WordingActionDeps,
  cards: CardCatalog,
  safety?: SafetyDeps,
) {
  return async (
    tenantId: string,
    query: MessagingExtensionQuery,
    logger: Logger,
  ): Promise<MessagingExtensionResponse> => {
    if (query.commandId !== wordingSearchCommandId) {
      return { composeExtension: { type: 'message', text: 'That search is not available.' } };
    }
    const parameter = query.parameters?.find((p) => p.name === wordingSearchParameter);
    const text = typeof parameter?.value === 'string' ? parameter.value.trim().slice(0, 500) : '';
    // Safety first: checked on the text alone, before anything is read.
    const raised = safety && text !== '' ? safety.net.scan(text) : [];
    const safetyResult =
      safety && raised.length > 0
        ? buildSafetyAlert(
            safety.alert,
            safety.net,
            raised,
            await safety.contacts.contactsFor(tenantId),
            { routesOnly: true },
          )
        : undefined;
    if (safetyResult) safetyCardRaised(logger, safetyResult, { reason: 'compose search' });
    const outcome = text === '' ? undefined : deps.search.search(text);
    const contacts = await (safety?.contacts ?? deps.tenants).contactsFor(tenantId);
    const previews = messageExtensionResults(deps.library, contacts, outcome).slice(
      0,
      safetyResult ? maxResults - 1 : maxResults,
    );
    return {
      composeExtension: {
        type: 'result',
        attachmentLayout: 'list',
        attachments: [
          ...(safetyResult ? [safetyAttachment(cards, safetyResult)] : []),
          ...previews.map((preview) => ({
            ...CardFactory.adaptiveCard(cards.render('wording-preview', preview.card)),
            preview: CardFactory.thumbnailCard(preview.thumbnail.title, preview.thumbnail.text),
          })),
        ],
      },
    };
  };
}

/** The safety result: the routes card, previewed in the list by its title and first route. */
function safetyAttachment(cards: CardCatalog, card: SafetyAlertCardData) {
  return {
    ...CardFactory.adaptiveCard(cards.render('safety-alert', card)),
    preview: CardFactory.thumbnailCard(card.title, card.immediate || (card.routes[0] ?? '')),
  };
}

export type WordingMessageExtension = ReturnType<typeof createWordingMessageExtension>;
