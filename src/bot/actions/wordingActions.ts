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
import { onVerb, showCard, type ActionContext, type VerbHandler } from './actionTable';

export interface WordingActionDeps {
  readonly library: WordingLibrary;
  readonly principles: Principles;
  readonly search: WordingSearch;
  readonly feedback: WordingFeedbackRepository;
  readonly tenants: TenantDirectory;
}

/**
 * The wording library's verbs: browse, next/previous, "show me why", helpful / not helpful.
 * Each updates the card in place, except an offer from another card (`wording.show`), which
 * arrives as a new message so the walk-through card stays where it was.
 */
export function wordingActions(deps: WordingActionDeps): VerbHandler[] {
  const { library, principles } = deps;
  const schemas = wordingActionSchemas;
  const viewFor = async (context: ActionContext, build: (contacts: LocalContacts) => WordingView) =>
    build(await deps.tenants.contactsFor(context.tenantId));
  const sendSituation = offerWording(deps);
  const render = async (context: ActionContext, build: (contacts: LocalContacts) => WordingView) =>
    showCard(context.cards.renderView(await viewFor(context, build)));
  const menu = ({ cards }: ActionContext) =>
    showCard(cards.render('wording-situations', situationsMenuView(library)));
  // Situation, next/previous phrasing and "show me why" differ only in the data they carry.
  const situation = (context: ActionContext, data: SituationRequest) =>
    render(context, (contacts) => situationView(library, contacts, principles, data));

  return [
    onVerb(wordingVerbs.browse, schemas[wordingVerbs.browse], menu),
    onVerb(wordingVerbs.menu, schemas[wordingVerbs.menu], menu),
    onVerb(wordingVerbs.situation, schemas[wordingVerbs.situation], situation),
    onVerb(wordingVerbs.phrasing, schemas[wordingVerbs.phrasing], situation),
    onVerb(wordingVerbs.why, schemas[wordingVerbs.why], situation),
    onVerb(wordingVerbs.feedback, schemas[wordingVerbs.feedback], async (context, data) => {
      const outcome = await voteOnPhrasing(library, deps.feedback, data);
      context.logger.info('wording feedback', { status: outcome.kind });
      const voted = outcome.kind === 'recorded' ? data.vote : undefined;
      return render(context, (contacts) =>
        situationView(library, contacts, principles, { ...data, voted }),
      );
    }),
    onVerb(wordingVerbs.missing, schemas[wordingVerbs.missing], async (context, data) => {
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
    }),
    onVerb(wordingVerbs.show, schemas[wordingVerbs.show], async (context, data) => {
      await sendSituation(context, data.situation);
      return { kind: 'message', text: 'The wording is below this card.' };
    }),
  ];
}

/**
 * Sends a wording situation as a new message below the card that offered it (a walk-through
 * step keeps its place in the chat): the `wording.show` verb, and a step's own wording offer.
 */
export function offerWording(
  deps: WordingActionDeps,
): (context: ActionContext, situation: string) => Promise<void> {
  return async (context, situation) => {
    const contacts = await deps.tenants.contactsFor(context.tenantId);
    const view = situationView(deps.library, contacts, deps.principles, { situationId: situation });
    await context.turn.sendActivity({ attachments: [context.cards.attachmentOf(view)] });
  };
}
