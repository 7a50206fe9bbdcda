import { z } from 'zod';
import type { WordingLibrary } from '../../content/wording/schema';
import type { LocalContacts } from '../../tenants/localContacts';
import type { TenantDirectory } from '../../tenants/tenantSettings';
import { wordingActionSchemas, wordingVerbs } from '../../wording/actions';
import type { WordingFeedbackRepository } from '../../wording/feedback';
import { answerWhatWasMissing, voteOnPhrasing } from '../../wording/feedback';
import type { WordingSearch } from '../../wording/search';
import {
  situationsMenuView,
  situationView,
  type Principles,
  type SituationRequest,
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

  const menu = (schema: z.ZodType<object>) =>
    defineAction({
      schema,
      handle: async ({ cards }) => cards.render('wording-situations', situationsMenuView(library)),
    });
  // Situation, next/previous phrasing and "show me why" differ only in the data they carry.
  const situation = <D extends SituationRequest>(schema: z.ZodType<D>) =>
    defineAction({
      schema,
      handle: (context, data) =>
        render(context, (contacts) => situationView(library, contacts, principles, data)),
    });

  return {
    'wording.browse': menu(z.object({}).passthrough()),
    [wordingVerbs.menu]: menu(wordingActionSchemas[wordingVerbs.menu]),
    [wordingVerbs.situation]: situation(wordingActionSchemas[wordingVerbs.situation]),
    [wordingVerbs.phrasing]: situation(wordingActionSchemas[wordingVerbs.phrasing]),
    [wordingVerbs.why]: situation(wordingActionSchemas[wordingVerbs.why]),
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
    [wordingVerbs.missing]: defineAction({
      schema: wordingActionSchemas[wordingVerbs.missing],
      handle: async (context, data) => {
        const { missing, ...shown } = data;
        if (missing !== undefined) {
          const outcome = await answerWhatWasMissing(library, deps.feedback, {
            ...shown,
            reason: missing,
          });
          context.logger.info('wording feedback', { status: outcome.kind });
        }
        return render(context, (contacts) =>
          situationView(library, contacts, principles, {
            ...shown,
            voted: 'not-helpful',
            missingAnswered: true,
          }),
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
