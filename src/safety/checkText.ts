import type { LocalContacts } from '../tenants/localContacts';
import { buildSafetyAlert } from './alert';
import type { ContactsSource } from './contacts';
import type { SafetyNet } from './safetyNet';
import type { SafetyFile } from './schema';
import type { CardAction, SafetyAlertCardData } from './views';

/** What every surface needs to raise the safety card: the net, the card's words, contacts. */
export interface SafetyDeps {
  readonly net: SafetyNet;
  readonly alert: SafetyFile['alert'];
  /** Contacts that never wait long on storage (SafetyContacts). */
  readonly contacts: ContactsSource;
}

export interface CheckTextOptions {
  /** "Back to the walk-through" when one is in progress. */
  readonly continueAction?: Omit<CardAction, 'title'>;
  /** Show the words that raised it (personal chat only). */
  readonly showWords?: boolean;
}

/**
 * For any text a user types in any turn (not only on a coaching card): the safety card to send
 * in the same turn, or undefined. Runs on the text alone: no storage, no session.
 */
export function checkTextForDanger(
  net: SafetyNet,
  alert: SafetyFile['alert'],
  text: string,
  contacts: LocalContacts,
  options: CheckTextOptions = {},
): SafetyAlertCardData | undefined {
  const findings = net.check(text);
  if (findings.length === 0) return undefined;
  return buildSafetyAlert(
    alert,
    net,
    findings.map((f) => f.id),
    contacts,
    {
      ...(options.continueAction ? { continueAction: options.continueAction } : {}),
      ...(options.showWords ? { words: findings.map((f) => f.words.join(' ')) } : {}),
    },
  );
}
