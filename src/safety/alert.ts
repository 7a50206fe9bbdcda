import { welcomeVerbs } from '../kernel/verbs';
import { fillLocalDetails, type LocalContacts } from '../tenants/localContacts';
import type { SafetyNet } from './safetyNet';
import type { SafetyFile, SafetyLevel } from './schema';
import type { CardAction, SafetyAlertCardData } from './views';

export interface SafetyAlertOptions {
  /** The button back to where the user was, e.g. the current coaching step. */
  readonly continueAction?: Omit<CardAction, 'title'>;
  /**
   * The user's own words that raised the card, shown so the practitioner sees why. Only for a
   * card in the practitioner's personal chat; never logged.
   */
  readonly words?: readonly string[];
  /**
   * The routes alone, with no concerns and no words: for a result that may be inserted into a
   * shared chat (the compose-box search).
   */
  readonly routesOnly?: boolean;
}

/** "act-now" when any raised category is immediate danger, otherwise "check-this". */
export function alertLevel(net: SafetyNet, categoryIds: readonly string[]): SafetyLevel {
  return categoryIds.some((id) => net.category(id)?.level === 'act-now') ? 'act-now' : 'check-this';
}

/**
 * Builds the safety card for the categories raised, or `undefined` when there are none. An "act
 * now" card leads with 999; a "check this" card has no 999 banner. The routes a category adds
 * (mental-health crisis, lone working) come first, then every standard route (children's
 * safeguarding, the high-risk route, advice): a worker should never have to work out which one
 * applies before seeing it.
 */
export function buildSafetyAlert(
  content: SafetyFile['alert'],
  net: SafetyNet,
  categoryIds: readonly string[],
  contacts: LocalContacts,
  options: SafetyAlertOptions = {},
): SafetyAlertCardData | undefined {
  const ids = net.categoryIds.filter((id) => categoryIds.includes(id));
  const raised = ids.flatMap((id) => net.category(id) ?? []);
  if (raised.length === 0) return undefined;
  const fill = (text: string) => fillLocalDetails(text, contacts);
  const level = alertLevel(net, ids);
  const extra = [...new Set(raised.flatMap((c) => c.routes))].map((r) => content.extraRoutes[r]);
  const words = options.routesOnly ? [] : [...new Set(options.words ?? [])];
  return {
    level,
    title: content.titles[level],
    intro: fill(content.intros[level]),
    immediate: level === 'act-now' ? fill(content.immediate) : '',
    matchedLabel: content.matchedLabel,
    concerns: options.routesOnly
      ? []
      : raised.map((c) => ({ label: fill(c.label), why: fill(c.why) })),
    wordsLabel: content.wordsLabel,
    words: words.length > 0 ? words.map((w) => `“${w}”`).join(', ') : '',
    routesLabel: content.routesLabel,
    routes: [...extra, content.childRoute, content.highRiskRoute, content.adviceRoute].map(fill),
    reminders: options.routesOnly ? [] : content.reminders.map(fill),
    // A card inserted into a shared chat (routesOnly) has no buttons at all.
    actions: options.routesOnly
      ? []
      : [
          ...(options.continueAction
            ? [{ title: content.continueTitle, ...options.continueAction }]
            : []),
          { title: 'Back to the menu', verb: welcomeVerbs.show, data: {} },
        ],
    categories: ids,
  };
}
