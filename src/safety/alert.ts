import { fillLocalDetails, type LocalContacts } from '../tenants/localContacts';
import type { SafetyNet } from './safetyNet';
import type { SafetyFile } from './schema';
import type { CardAction, SafetyAlertCardData } from './views';

export interface SafetyAlertOptions {
  /** The button back to where the user was, e.g. the current coaching step. */
  readonly continueAction?: Omit<CardAction, 'title'>;
}

/**
 * Builds the safety card for the categories raised, or `undefined` when there are none. Every
 * route is always listed (999, children's safeguarding, the high-risk route, advice): a worker
 * should never have to work out which one applies before seeing it.
 */
export function buildSafetyAlert(
  content: SafetyFile['alert'],
  net: SafetyNet,
  categoryIds: readonly string[],
  contacts: LocalContacts,
  options: SafetyAlertOptions = {},
): SafetyAlertCardData | undefined {
  const raised = net.categoryIds
    .filter((id) => categoryIds.includes(id))
    .flatMap((id) => net.category(id) ?? []);
  if (raised.length === 0) return undefined;
  const fill = (text: string) => fillLocalDetails(text, contacts);
  return {
    title: content.title,
    intro: fill(content.intro),
    immediate: fill(content.immediate),
    matchedLabel: content.matchedLabel,
    concerns: raised.map((c) => ({ label: fill(c.label), why: fill(c.why) })),
    routesLabel: content.routesLabel,
    // Children's safeguarding first: every family seen here has children, and it is same-day.
    routes: [content.childRoute, content.highRiskRoute, content.adviceRoute].map(fill),
    reminders: content.reminders.map(fill),
    actions: options.continueAction
      ? [{ title: content.continueTitle, ...options.continueAction }]
      : [],
  };
}
