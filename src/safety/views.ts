/**
 * The safety card's data model (cards/safety-alert.json). Plain data, filled with the tenant's
 * local details; it names categories only and never carries what the user typed.
 */

import type { CardAction } from '../kernel/cardAction';

export type { CardAction };

export interface SafetyConcern {
  readonly label: string;
  readonly why: string;
}

export interface SafetyAlertCardData {
  /** Fixed wording: no personal data in card titles. */
  readonly title: string;
  readonly intro: string;
  /** The 999 line, always shown first. */
  readonly immediate: string;
  readonly matchedLabel: string;
  readonly concerns: readonly SafetyConcern[];
  readonly routesLabel: string;
  /** Children's safeguarding (same day), the high-risk route, advice. */
  readonly routes: readonly string[];
  readonly reminders: readonly string[];
  /** "Back to the walk-through" when one is in progress; empty otherwise. */
  readonly actions: readonly CardAction[];
}

/** Card name → data model, for the bot's typed card catalogue. */
export interface SafetyCardModels {
  'safety-alert': SafetyAlertCardData;
}
