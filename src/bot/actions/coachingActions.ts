import {
  coachingVerbs,
  handleCoachingAction,
  parseCoachingAction,
  type CoachingDeps,
} from '../../coaching';
import type { ContactsSource } from '../../safety';
import type { TenantDirectory } from '../../tenants/tenantSettings';
import type { ActionContext, ActionOutcome, RegisteredAction } from './actionTable';

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
export function coachingActions(deps: CoachingActionDeps): Record<string, RegisteredAction> {
  const run = (verb: string): RegisteredAction => ({
    async run(context: ActionContext, rawData: unknown): Promise<ActionOutcome> {
      const action = parseCoachingAction(verb, rawData);
      if (!action) {
        context.logger.warn('card action data refused', { verb });
        return {
          kind: 'card',
          card: context.cards.renderView(deps.walkthrough.staleView('out-of-date')),
        };
      }
      // Safety first: from the action alone, before the session is read or anything is saved.
      const contacts = await (deps.safetyContacts ?? deps.tenants).contactsFor(context.tenantId);
      const safety = deps.walkthrough.safetyFor(action, contacts);
      if (safety) {
        context.logger.info('safety card raised', { verb, count: safety.data.concerns.length });
        await context.turn.sendActivity({ attachments: [context.cards.attachmentOf(safety)] });
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
      return { kind: 'card', card: context.cards.renderView(result.view) };
    },
  });
  return Object.fromEntries(Object.values(coachingVerbs).map((verb) => [verb, run(verb)]));
}
