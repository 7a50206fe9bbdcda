import {
  CardFactory,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
} from 'botbuilder';
import { messageExtensionResults } from '../wording/views';
import type { WordingActionDeps } from './actions/wordingActions';
import type { CardCatalog } from './cards/cardCatalog';
import { wordingSearchCommandId, wordingSearchParameter } from './messageExtension';

/** Most results Teams shows usefully in the compose box list. */
const maxResults = 10;

/**
 * The compose-box search: the practitioner types what happened and picks wording to paste into
 * any chat. An empty query (Teams' first run) lists every situation. Preview cards carry no
 * buttons, so they are safe to post anywhere.
 */
export function createWordingMessageExtension(deps: WordingActionDeps, cards: CardCatalog) {
  return async (
    tenantId: string,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> => {
    if (query.commandId !== wordingSearchCommandId) {
      return { composeExtension: { type: 'message', text: 'That search is not available.' } };
    }
    const parameter = query.parameters?.find((p) => p.name === wordingSearchParameter);
    const text = typeof parameter?.value === 'string' ? parameter.value.trim().slice(0, 500) : '';
    const outcome = text === '' ? undefined : deps.search.search(text);
    const contacts = await deps.tenants.contactsFor(tenantId);
    const previews = messageExtensionResults(deps.library, contacts, outcome).slice(0, maxResults);
    return {
      composeExtension: {
        type: 'result',
        attachmentLayout: 'list',
        attachments: previews.map((preview) => ({
          ...CardFactory.adaptiveCard(cards.render('wording-preview', preview.card)),
          preview: CardFactory.thumbnailCard(preview.thumbnail.title, preview.thumbnail.text),
        })),
      },
    };
  };
}

export type WordingMessageExtension = ReturnType<typeof createWordingMessageExtension>;
