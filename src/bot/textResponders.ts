import { coachingVerbs, findResumable, type CoachingDeps } from '../coaching';
import { checkTextForDanger } from '../safety';
import type { TenantDirectory } from '../tenants/tenantSettings';
import type { ActionContext, CardJson } from './actions/actionTable';

/**
 * Answers free text (anything that is not a command), or passes with `undefined`. The bot asks
 * each responder in order and shows the help card when none answers.
 */
export type TextResponder = (context: ActionContext, text: string) => Promise<CardJson | undefined>;

/**
 * The safety net on typed text: danger words raise the safety card in the same turn, with a way
 * back into a walk-through in progress. It runs first and is never blocked by anything else.
 */
export function safetyNetResponder(deps: CoachingDeps & { readonly tenants: TenantDirectory }): TextResponder {
  const { pack } = deps.walkthrough;
  return async (context, text) => {
    if (pack.safety.scan(text).length === 0) return undefined;
    const contacts = await deps.tenants.contactsFor(context.tenantId);
    const inProgress = await findResumable(deps, { tenantId: context.tenantId, userId: context.userId });
    const alert = checkTextForDanger(
      pack.safety,
      pack.safetyAlert,
      text,
      contacts,
      inProgress ? { verb: coachingVerbs.resume, data: {} } : undefined,
    );
    if (!alert) return undefined;
    context.logger.info('safety card raised', { count: alert.concerns.length, reason: 'typed text' });
    return context.cards.render('safety-alert', alert);
  };
}
