import { handleCoachingAction, type CoachingDeps } from '../../coaching';
import { coachingActionSchemas } from '../../coaching/actions';
import type { ContactsSource } from '../../safety';
import type { TenantDirectory } from '../../tenants/tenantSettings';
import { sendSafetyCard } from '../safetyCardRaised';
import { onVerbs, showCard, type ActionContext, type VerbHandler } from './actionTable';

export interface CoachingActionDeps extends CoachingDeps {
  readonly tenants: TenantDirectory;
  /** Contacts that never wait long on storage (SafetyContacts); `tenants` when absent. */
  readonly safetyContacts?: ContactsSource;
  /** Sends the wording for a situation as a new message (the wording feature's `wording.show`). */
  readonly openWording?: (context: ActionContext, situation: string) => Promise<void>;
}

/**
 * The walk-through's verbs. Each press updates the card in place; a safety card raised by what
 * was ticked or typed is sent as a new message in the same turn, so it is never missed.
 */
export function coachingActions(deps: CoachingActionDeps): VerbHandler[] {
  return onVerbs(
    coachingActionSchemas,
    async (context, action, verb) => {
      // Safety first: from the action alone, before the session is read or anything is saved.
      const contacts = await (deps.safetyContacts ?? deps.tenants).contactsFor(context.tenantId);
      const safety = deps.walkthrough.safetyFor(action, contacts);
      if (safety) {
        await sendSafetyCard(context.turn, context, safety.data, { reason: 'card action', verb });
      }
      const result = await handleCoachingAction(deps, {
        tenantId: context.tenantId,
        userId: context.userId,
        action,
        contacts,
      });
      if (result.stale) context.logger.info('stale coaching card', { verb, reason: result.stale });
      if (action.type === 'wording' && !result.stale)
        await deps.openWording?.(context, action.situation);
      return showCard(context.cards.renderView(result.view));
    },
    (context) => showCard(context.cards.renderView(deps.walkthrough.staleView('out-of-date'))),
  );
}
