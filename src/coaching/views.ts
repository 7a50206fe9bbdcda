import type { CardViewOf } from '../kernel/cardRenderer';
import type { CardAction, SafetyCardModels } from '../safety/views';
import type { CoachingMode, FactId } from '../content/coaching/schema';

/**
 * Data models of the coaching cards (cards/coaching-*.json). Plain data, local details already
 * filled. Titles are fixed wording from the pack: never personal data.
 */

export type { CardAction };

export interface ChecklistChoice {
  readonly title: string;
  readonly value: string;
}

/** cards/coaching-step.json */
export interface CoachingStepCardData {
  readonly modeTitle: string;
  /** "Step 3 of 7: Explore what happens at home". */
  readonly progress: string;
  readonly stageNumber: number;
  readonly stageCount: number;
  readonly stageName: string;
  readonly stepId: string;
  readonly title: string;
  /** A "do not ask now" / "act now" step, shown in the warning style. */
  readonly isStop: boolean;
  readonly whatToDo: string;
  /** "What to do" as shown at once (its first sentences) and behind "More on what to do". */
  readonly whatToDoLead: string;
  /** Empty when the lead is all of it. */
  readonly whatToDoMore: string;
  readonly whyLabel: string;
  readonly why: string;
  readonly avoidLabel: string;
  /** Empty when the step has nothing to avoid. */
  readonly avoid: string;
  readonly questionsLabel: string;
  readonly questions: readonly string[];
  readonly answersLabel: string;
  /** The answers that choose the way on: each one `coaching.answer` with the revision, step and answer id. */
  readonly quickAnswers: readonly CardAction[];
  /** The rest of a long list of answers, behind "More answers" (the same kind of button). */
  readonly moreAnswers: readonly CardAction[];
  readonly whatIfsLabel: string;
  /** "What if…" answers (`coaching.answer`): each opens its guidance on this step. */
  readonly whatIfs: readonly CardAction[];
  /** Empty label and choices when the step has no checklist. */
  readonly checklistLabel: string;
  readonly checklist: readonly ChecklistChoice[];
  /** The items ticked here before and kept (comma-joined, as the choice set takes them). */
  readonly tickedValue: string;
  /** A "what if…" answer's guidance is open on this step (the card shows it in place of the list). */
  readonly whatIfOpen: boolean;
  /** Empty strings and lists when none is open. */
  readonly whatIf: WhatIfPanel;
  readonly noteLabel: string;
  /** What was typed here before and kept (e.g. before going Back); empty otherwise. */
  readonly noteValue: string;
  readonly notePlaceholder: string;
  readonly noteMaxLength: number;
  readonly wordingLabel: string;
  /** Wording the last answer pointed to first, then the step's own (`wording.show`). */
  readonly wordingOffers: readonly CardAction[];
  /** The 999 line, on every step. */
  readonly safetyLine: string;
  /** Next (or Finish), Skip, Back and Pause, as they apply. */
  readonly navigation: readonly CardAction[];
  readonly revision: number;
}

/** A "what if…" answer's guidance, shown on the same step with a way back to it. */
export interface WhatIfPanel {
  /** The answer's label, e.g. "If he denies it". */
  readonly heading: string;
  readonly sayLabel: string;
  /** The wording library's first phrasing for the situation, quoted; empty without one. */
  readonly words: string;
  readonly why: string;
  /** Risk notes and actions the answer carries. */
  readonly plan: readonly string[];
  /** Back to the step; more wording for the situation, below (the note kept). */
  readonly actions: readonly CardAction[];
}

export interface SummarySection {
  readonly heading: string;
  readonly items: readonly string[];
}

/** What the walk-through learnt, in categories only, for the referral form to prefill. */
export interface CoachingReferralPrefill {
  readonly source: 'coaching';
  readonly mode: CoachingMode;
  readonly packVersion: string;
  /** Safety trigger category ids raised (high-risk signs). */
  readonly riskIndicators: readonly string[];
  readonly facts: readonly FactId[];
  readonly childConcern: boolean;
}

/** cards/coaching-summary.json */
export interface CoachingSummaryCardData {
  readonly title: string;
  readonly modeTitle: string;
  readonly intro: string;
  readonly sections: readonly SummarySection[];
  readonly copyLabel: string;
  /** The same content as plain lines, for copying into a case record. */
  readonly copyText: string;
  readonly referralSuggested: boolean;
  readonly referralText: string;
  readonly referralPrefill: CoachingReferralPrefill;
  readonly confidenceLabel: string;
  readonly confidenceIntro: string;
  /** Opens the two-question check-in below the summary: verb `outcomes.ask`. */
  readonly confidenceOffer: CardAction;
  /** Make a referral, back to the last step, start again. */
  readonly actions: readonly CardAction[];
  readonly revision: number;
}

/** cards/coaching-paused.json */
export interface CoachingPausedCardData {
  readonly title: string;
  readonly text: string;
  readonly progress: string;
  readonly actions: readonly CardAction[];
}

export type StaleReason = 'out-of-date' | 'expired' | 'not-found';

/** cards/coaching-stale.json: an old card was pressed, or there is nothing to carry on. */
export interface CoachingStaleCardData {
  readonly title: string;
  readonly text: string;
  readonly reason: StaleReason;
  readonly actions: readonly CardAction[];
}

/** Card name → data model, for the bot's typed card catalogue. */
export interface CoachingCardModels {
  'coaching-step': CoachingStepCardData;
  'coaching-summary': CoachingSummaryCardData;
  'coaching-paused': CoachingPausedCardData;
  'coaching-stale': CoachingStaleCardData;
}

export type CoachingCardView = CardViewOf<CoachingCardModels>;
export type SafetyCardView = CardViewOf<SafetyCardModels>;
