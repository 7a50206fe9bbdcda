/**
 * The safety card's data model (cards/safety-alert.json). Plain data, filled with the tenant's
 * local details. It carries what the user typed only in `words`, and only on a personal card.
 */

import type { CardAction } from '../kernel/cardAction';

export type { CardAction };

export interface SafetyConcern {
  readonly label: string;
  readonly why: string;
}

export interface SafetyAlertCardData {
  /** "act-now" leads with 999; "check-this" has no 999 banner. */
  readonly level: 'act-now' | 'check-this';
  /** Fixed wording per level: no personal data in card titles. */
  readonly title: string;
  readonly intro: string;
  /** The 999 line, first on an "act now" card; empty on a "check this" card. */
  readonly immediate: string;
  readonly matchedLabel: string;
  /** Empty on a routes-only result (the compose-box search). */
  readonly concerns: readonly SafetyConcern[];
  readonly wordsLabel: string;
  /**
   * The user's own words that raised it, quoted ("“strangled”, “the baby”"), on a personal chat
   * card only; empty elsewhere. Never logged.
   */
  readonly words: string;
  readonly routesLabel: string;
  /** Children's safeguarding (same day), the high-risk route, advice. */
  readonly routes: readonly string[];
  readonly reminders: readonly string[];
  /** "Back to the walk-through" when one is in progress; empty otherwise. */
  readonly actions: readonly CardAction[];
  /** The trigger category ids raised (not shown): what telemetry counts the card by. */
  readonly categories: readonly string[];
}

/** Card name → data model, for the bot's typed card catalogue. */
export interface SafetyCardModels {
  'safety-alert': SafetyAlertCardData;
}
