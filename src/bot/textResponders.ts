import { searchResultView } from '../wording/views';
import type { ActionContext, CardJson } from './actions/actionTable';
import type { WordingActionDeps } from './actions/wordingActions';
import { safetyCardRaised } from './safetyCardRaised';
import { typedTextSafetyCard, type TypedTextSafety } from './safetyFirst';

/**
 * Answers free text (anything that is not a command), or passes with `undefined`. The bot asks
 * each responder in order and shows the help card when none answers.
 */
export type TextResponder = (context: ActionContext, text: string) => Promise<CardJson | undefined>;

/**
 * The safety net on typed text, for a bot run without the SafetyFirst middleware (which answers
 * danger before anything else when it is installed): the same card, built the same way.
 */
export function safetyNetResponder(deps: TypedTextSafety): TextResponder {
  return async (context, text) => {
    const card = await typedTextSafetyCard(deps, context.turn.activity, text);
    if (!card) return undefined;
    safetyCardRaised(context.logger, card, { reason: 'typed text' });
    return context.cards.render('safety-alert', card);
  };
}

/**
 * Free text as a wording search ("he says she winds him up"): the best matching situation with
 * why it matched, or the situations menu when something came close. Text that nothing in the
 * library comes near ("what is the weather like") passes on to the help card.
 */
export function wordingSearchResponder(deps: WordingActionDeps): TextResponder {
  return async (context, text) => {
    const outcome = deps.search.search(text);
    if (outcome.kind === 'no-match' && outcome.nearest.length === 0) return undefined;
    context.logger.debug('wording search', {
      status: outcome.kind,
      count: outcome.kind === 'matches' ? outcome.results.length : 0,
    });
    const contacts = await deps.tenants.contactsFor(context.tenantId);
    return context.cards.renderView(
      searchResultView(deps.library, contacts, deps.principles, outcome),
    );
  };
}
