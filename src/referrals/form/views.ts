import type { CardAction } from '../../kernel/cardAction';
import type { CardViewOf } from '../../kernel/cardRenderer';
import type { Choice } from './formDefinition';

/**
 * Data models of the referral cards (cards/referral-*.json). Plain data, local details filled.
 * Titles are fixed wording, never personal data. Every property a template binds is always
 * present (a missing one would show as a literal `${...}`); text a person typed is bound as data
 * and shown through TextRuns, so it is never evaluated and its markdown never becomes a link.
 */

/** A button: `inputs: 'auto'` sends the card's inputs with it, `'none'` sends only its data. */
export interface FormAction extends CardAction {
  readonly inputs: 'auto' | 'none';
  readonly style: 'default' | 'positive' | 'destructive';
}

export type FormItemKind =
  'heading' | 'info' | 'routes' | 'text' | 'date' | 'number' | 'choice' | 'toggle' | 'child';

/** One row of a form step: an input with its label, hints, value and error, or a note. */
export interface FormItem {
  readonly kind: FormItemKind;
  /** The input id: the schema's field path. "" for notes and buttons. */
  readonly id: string;
  readonly label: string;
  /** What the user gave (kept when a step is sent back with errors). */
  readonly value: string;
  /** For `number` inputs with a value. */
  readonly numberValue: number;
  readonly hasValue: boolean;
  readonly placeholder: string;
  /** `text`: text / email / tel; `choice`: compact / expanded. */
  readonly style: string;
  readonly multiline: boolean;
  readonly multiSelect: boolean;
  readonly maxLength: number;
  readonly min: number;
  readonly max: number;
  readonly required: boolean;
  /** "" for none. */
  readonly regex: string;
  /** Teams' own message when a client-side hint fails. */
  readonly errorMessage: string;
  readonly hint: string;
  /** The server's message for this field, shown in red under it; "" when none. */
  readonly error: string;
  readonly choices: readonly Choice[];
  /** `routes`: the safety routes, one per line. */
  readonly lines: readonly string[];
  /** `child`: its buttons (change, remove); the add-a-child row has one. */
  readonly buttons: readonly FormAction[];
}

/** What every page of the form shows around its own content: intro, errors, safety line, buttons. */
interface FormPageCardData {
  readonly title: string;
  readonly intro: string;
  readonly notes: readonly string[];
  /** "" when there is nothing to correct. */
  readonly errorSummary: string;
  /** Errors that belong to no single input (e.g. too many children). */
  readonly otherErrors: readonly string[];
  readonly safetyLine: string;
  readonly actions: readonly FormAction[];
  readonly revision: number;
}

/** cards/referral-step.json */
export interface ReferralStepCardData extends FormPageCardData {
  /** "Step 2 of 7: About him". */
  readonly progress: string;
  readonly stepTitle: string;
  readonly items: readonly FormItem[];
}

export interface ReviewRow {
  readonly label: string;
  readonly value: string;
  readonly error: string;
}

export interface ReviewSection {
  /** Card element ids: the section's answers, and its "Not given" lines. */
  readonly id: string;
  readonly emptyId: string;
  readonly title: string;
  /** The button that opens and closes the section (Action.ToggleVisibility). */
  readonly toggleTitle: string;
  /** Open when the card is shown: only when an answer in it needs attention. */
  readonly expanded: boolean;
  /** Answers given, and any answer with a problem. */
  readonly rows: readonly ReviewRow[];
  /** "Not given" lines: hidden until "show empty fields". */
  readonly emptyRows: readonly ReviewRow[];
  readonly change: FormAction;
}

/** cards/referral-review.json */
export interface ReferralReviewCardData extends FormPageCardData {
  readonly heading: string;
  /** A high-risk sign is ticked: the safety routes are shown again above Send. */
  readonly highRisk: boolean;
  readonly highRiskTitle: string;
  readonly routesTitle: string;
  readonly routes: readonly string[];
  readonly sections: readonly ReviewSection[];
  /** One button showing every "Not given" line (and opening the sections to show them). */
  readonly showEmpty: {
    readonly title: string;
    readonly targets: ReadonlyArray<{ readonly elementId: string; readonly isVisible: true }>;
    readonly any: boolean;
  };
}

export interface ReceiptFact {
  readonly label: string;
  readonly value: string;
}

export interface ReceiptFix {
  readonly label: string;
  /** The partnership's words: shown as plain text. */
  readonly message: string;
}

/** cards/referral-receipt.json: no personal data, in the title or anywhere else. */
export interface ReferralReceiptCardData {
  readonly title: string;
  readonly status: string;
  readonly statusTitle: string;
  readonly statusText: string;
  /** Container style: default (queued), good (sent), attention (needs attention). */
  readonly style: 'default' | 'good' | 'attention' | 'warning';
  readonly facts: readonly ReceiptFact[];
  readonly fixesLabel: string;
  readonly fixes: readonly ReceiptFix[];
  /** "" unless the partnership must be phoned. */
  readonly callText: string;
  readonly safetyLine: string;
  readonly actions: readonly FormAction[];
}

/** cards/referral-notice.json: resume offer, out-of-date card, draft deleted, sent. */
export interface ReferralNoticeCardData {
  readonly title: string;
  readonly text: string;
  readonly details: readonly string[];
  readonly safetyLine: string;
  readonly actions: readonly FormAction[];
}

/** Card name → data model, for the bot's typed card catalogue. */
export interface ReferralCardModels {
  'referral-step': ReferralStepCardData;
  'referral-review': ReferralReviewCardData;
  'referral-receipt': ReferralReceiptCardData;
  'referral-notice': ReferralNoticeCardData;
}

export type ReferralCardView = CardViewOf<ReferralCardModels>;
