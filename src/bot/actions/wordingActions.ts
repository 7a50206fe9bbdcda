import { z } from 'zod';
import type { WordingLibrary } from '../../content/wording/schema';
import type { LocalContacts } from '../../tenants/localContacts';
import type { TenantDirectory } from '../../tenants/tenantSettings';
import { wordingActionSchemas, wordingVerbs } from '../../wording/actions';
import type { WordingFeedbackRepository } from '../../wording/feedback';
import { voteOnPhrasing } from '../../wording/feedback';
import type { WordingSearch } from '../../wording/search';
import {
  situationsMenuView,
  situationView,
  type Principles,
  type WordingView,
} from '../../wording/views';
import { defineAction, type ActionContext, type RegisteredAction } from './actionTable';

export interface WordingActionDeps {
  readonly library: WordingLibrary;
  readonly principles: Principles;
  readonly search: WordingSearch;
  readonly feedback: WordingFeedbackRepository;
  readonly tenants: TenantDirectory;
}

/** The verb other features' cards use to offer wording without losing their own card. */
export const offerWordingVerb = 'wording.show';

/**
 * The wording library's verbs: browse, next/previous, "show me why", helpful / not helpful.
 * Each updates the card in place, except an offer from another card (`wording.show`), which
 * arrives as a new message so the walk-through card stays where it was.
 */
export function wordingActions(deps: WordingActionDeps): Record<string, RegisteredAction> {
  const { library, principles } = deps;
  const viewFor = async (context: ActionContext, build: (contacts: LocalContacts) => WordingView) =>
    build(await deps.tenants.contactsFor(context.tenantId));
  const render = async (context: ActionContext, build: (contacts: LocalContacts) => WordingView) =>
    context.cards.renderView(await viewFor(context, build));

  return {
    'wording.browse': defineAction({
      schema: z.object({}).passthrough(),
      handle: async ({ cards }) => cards.render('wording-situations', situationsMenuView(library)),
    }),
    [wordingVerbs.menu]: defineAction({
      schema: wordingActionSchemas[wordingVerbs.menu],
      handle: async ({ cards }) => cards.render('wording-situations', situationsMenuView(library)),
    }),
    [wordingVerbs.situation]: defineAction({
      schema: wordingActionSchemas[wordingVerbs.situation],
      handle: (context, data) =>
        render(context, (contacts) => situationView(library, contacts, principles, data)),
    }),
    [wordingVerbs.phrasing]: defineAction({
      schema: wordingActionSchemas[wordingVerbs.phrasing],
      handle: (context, data) =>
        render(context, (contacts) => situationView(library, contacts, principles, data)),
    }),
    [wordingVerbs.why]: defineAction({
      schema: wordingActionSchemas[wordingVerbs.why],
      handle: (context, data) =>
        render(context, (contacts) => situationView(library, contacts, principles, data)),
    }),
    [wordingVerbs.feedback]: defineAction({
      schema: wordingActionSchemas[wordingVerbs.feedback],
      handle: async (context, data) => {
        const outcome = await voteOnPhrasing(library, deps.feedback, data);
        context.logger.info('wording feedback', { status: outcome.kind });
        const voted = outcome.kind === 'recorded' ? data.vote : undefined;
        return render(context, (contacts) =>
          situationView(library, contacts, principles, { ...data, voted }),
        );
      },
    }),
    [offerWordingVerb]: {
      async run(context, rawData) {
        const parsed = z.object({ situation: z.string().min(1).max(100) }).safeParse(rawData ?? {});
        if (!parsed.success) return { kind: 'invalidData', fields: ['situation'] };
        const view = await viewFor(context, (contacts) =>
          situationView(library, contacts, principles, { situationId: parsed.data.situation }),
        );
        await context.turn.sendActivity({ attachments: [context.cards.attachmentOf(view)] });
        return { kind: 'message', text: 'The wording is below this card.' };
      },
    },
  };
}
