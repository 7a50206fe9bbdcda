import { coachingVerbs, findResumable, type CoachingDeps } from '../coaching';
import { settleWithin } from '../safety';
import { searchResultView } from '../wording/views';
import type { ActionContext, CardJson } from './actions/actionTable';
import { backToMenu, notice } from './actions/welcomeActions';
import type { WordingActionDeps } from './actions/wordingActions';
import { safetyCardSentKey } from './safetyFirst';

/**
 * Answers free text (anything that is not a command), or passes with `undefined`. The bot asks
 * each responder in order and shows the help card when none answers.
 */
export type TextResponder = (context: ActionContext, text: string) => Promise<CardJson | undefined>;

/** How long the safety responder waits for the session before leaving the button out. */
const sessionWaitMs = 250;

/**
 * After the safety card (sent by the SafetyFirst middleware, before any storage call): the way
 * back into a walk-through in progress, when the session can be read quickly; the menu otherwise.
 * The card itself never waits for, or depends on, the session.
 */
export function safetyNetResponder(deps: CoachingDeps): TextResponder {
  return async (context) => {
    if (context.turn.turnState.get(safetyCardSentKey) !== true) return undefined;
    const inProgress = await settleWithin(
      findResumable(deps, { tenantId: context.tenantId, userId: context.userId }),
      sessionWaitMs,
    );
    return notice(context.cards, {
      title: 'When you are ready',
      text: inProgress
        ? `The safety card above has the routes. Your walk-through is where you left it: ${inProgress.description}.`
        : 'The safety card above has the routes. The menu is below when you need it.',
      actions: inProgress
        ? [{ title: 'Back to the walk-through', verb: coachingVerbs.resume, data: {} }, backToMenu]
        : [backToMenu],
    });
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
    context.logger.info('wording search', {
      status: outcome.kind,
      count: outcome.kind === 'matches' ? outcome.results.length : 0,
    });
    const contacts = await deps.tenants.contactsFor(context.tenantId);
    return context.cards.renderView(
      searchResultView(deps.library, contacts, deps.principles, outcome),
    );
  };
}
