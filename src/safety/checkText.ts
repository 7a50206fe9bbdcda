import type { LocalContacts } from '../tenants/localContacts';
import { buildSafetyAlert } from './alert';
import type { SafetyNet } from './safetyNet';
import type { SafetyFile } from './schema';
import type { CardAction, SafetyAlertCardData } from './views';

/**
 * For any text a user types in any turn (not only on a coaching card): the safety card to send
 * in the same turn, or undefined. Pass `continueAction` when a walk-through is in progress.
 */
export function checkTextForDanger(
  net: SafetyNet,
  alert: SafetyFile['alert'],
  text: string,
  contacts: LocalContacts,
  continueAction?: Omit<CardAction, 'title'>,
): SafetyAlertCardData | undefined {
  return buildSafetyAlert(
    alert,
    net,
    net.scan(text),
    contacts,
    continueAction ? { continueAction } : {},
  );
}
