import { coachingVerbs, findResumable, type CoachingDeps } from '../coaching';
import { buildSafetyAlert } from '../safety';
import type { TenantDirectory } from '../tenants/tenantSettings';
import { searchResultView } from '../wording/views';
import type { ActionContext, CardJson } from './actions/actionTable';
import type { WordingActionDeps } from './actions/wordingActions';

/**
 * Answers free text (anything that is not a command), or passes with `undefined`. The bot asks
 * each responder in order and shows the help card when none answers.
 */
export type TextResponder = (context: ActionContext, text: string) => Promise<CardJson | undefined>;

/**
 * The safety net on typed text: danger words raise the safety card in the same turn, with a way
 * back into a walk-through in progress. It runs first and is never blocked by anything else.
 */
export function safetyNetResponder(
  deps: CoachingDeps & { readonly tenants: TenantDirectory },
): TextResponder {
  const { pack } = deps.walkthrough;
  return async (context, text) => {
    const raised = pack.safety.scan(text);
    if (raised.length === 0) return undefined;
    const contacts = await deps.tenants.contactsFor(context.tenantId);
    const inProgress = await findResumable(deps, {
      tenantId: context.tenantId,
      userId: context.userId,
    });
    // Built from the categories already found: the text is scanned once.
    const alert = buildSafetyAlert(
      pack.safetyAlert,
      pack.safety,
      raised,
      contacts,
      inProgress ? { continueAction: { verb: coachingVerbs.resume, data: {} } } : {},
    );
    if (!alert) return undefined;
    context.logger.info('safety card raised', {
      count: alert.concerns.length,
      reason: 'typed text',
    });
    return context.cards.render('safety-alert', alert);
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
