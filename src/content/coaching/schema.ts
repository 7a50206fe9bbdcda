import { z } from 'zod';
import { contentVersion } from '../loadPack';
import { reviewSchema } from '../review';
import { situationIds, type SituationId } from '../wording/schema';

/**
 * The shape of the coaching content pack. Strict objects throughout: a misspelt field name is an
 * error at start, not silently missing words on a card.
 */

export const coachingModes = ['prepare', 'debrief'] as const;
export type CoachingMode = (typeof coachingModes)[number];

/** The seven stages of the content guide, in order; both modes walk the same stages. */
export const stageIds = [
  'safe-to-ask',
  'open',
  'explore',
  'check-risk',
  'engage',
  'signpost-refer',
  'record-reflect',
] as const;
export type StageId = (typeof stageIds)[number];

/** Wording situations are the wording library's own list: a step can only offer one that exists. */
export const wordingSituationIds = situationIds;
export type WordingSituationId = SituationId;

/**
 * What a walk-through learnt, in categories only (never his words), passed to the referral form
 * for prefill and used to decide whether to suggest a referral.
 */
export const factIds = [
  'denied',
  'minimised',
  'blamed',
  'angry',
  'open-to-help',
  'says-victim',
  'separating',
  'interpreter-needed',
  'consent-given',
  'consent-declined',
  'share-without-consent',
  'nothing-of-concern',
] as const;
export type FactId = (typeof factIds)[number];

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'must be lower-case words joined by - or .');
const text = z.string().trim().min(1);
const principles = z.array(id).min(1);

const quickAnswer = z.strictObject({
  id,
  label: text,
  next: id,
  principles,
  /** Offers the matching wording from the library on the next card. */
  wording: z.enum(wordingSituationIds).optional(),
  /** Added to "risks noted" in the summary. */
  riskNote: text.optional(),
  /** Added to "actions" in the summary. */
  action: text.optional(),
  /** The line for "what he said" (debrief) or "what you prepared for"; defaults to the label. */
  record: text.optional(),
  /** Raises the safety card when chosen. */
  trigger: id.optional(),
  facts: z.array(z.enum(factIds)).optional(),
});

const checklistItem = z.strictObject({
  id,
  label: text,
  trigger: id,
  principles,
});

const step = z.strictObject({
  id,
  stage: z.number().int().min(1).max(stageIds.length),
  title: text,
  /** `stop` marks a "do not ask now" or "act now" outcome, shown with a warning style. */
  tone: z.enum(['guidance', 'stop']).default('guidance'),
  whatToDo: text,
  why: text,
  /** What not to say or do here; the one place "never suggest ..." wording belongs. */
  avoid: text.optional(),
  /** Added to "actions" in the summary whenever the walk-through passes this step. */
  action: text.optional(),
  questionsLabel: text.optional(),
  questions: z.array(text).min(2).max(3),
  principles,
  answers: z.array(quickAnswer).default([]),
  checklist: z.strictObject({ label: text, items: z.array(checklistItem).min(1) }).optional(),
  /** Wording situations worth offering on this step whatever the answer. */
  wording: z.array(z.enum(wordingSituationIds)).default([]),
  /** The default way on (the Next button); absent when an answer is required or at the end. */
  next: id.optional(),
  /** False where skipping would bypass a safety decision (the safe-to-ask gate). */
  canSkip: z.boolean().default(true),
  /** The last step: Next finishes the walk-through and shows the summary. */
  finish: z.boolean().default(false),
});

export const modeFileSchema = z.strictObject({
  mode: z.enum(coachingModes),
  title: text,
  intro: text,
  firstStep: id,
  labels: z.strictObject({
    questions: text,
    answers: text,
    note: text,
    notePlaceholder: text,
    summarySaid: text,
  }),
  stageNames: z.array(text).length(stageIds.length),
  steps: z.array(step).min(stageIds.length),
});

const action = z.strictObject({ title: text });

export const packFileSchema = z.strictObject({
  version: contentVersion,
  /** A safeguarding lead's sign-off (null until there is one); see src/content/review.ts. */
  review: reviewSchema,
  stages: z
    .array(z.strictObject({ number: z.number().int(), id: z.enum(stageIds) }))
    .length(stageIds.length),
  wordingSituations: z.array(z.strictObject({ id: z.enum(wordingSituationIds), offer: text })),
  navigation: z.strictObject({
    next: action,
    finish: action,
    back: action,
    skip: action,
    pause: action,
    resume: action,
  }),
  /** e.g. "Step [stage] of [total]: [stageName]" (square brackets: braces are for local details). */
  progress: text.refine((t) => t.includes('[stage]') && t.includes('[total]'), {
    message: 'must contain [stage] and [total]',
  }),
  cardLabels: z.strictObject({
    why: text,
    avoid: text,
    wording: text,
    copy: text,
    confidence: text,
  }),
  messages: z.strictObject({
    pausedTitle: text,
    pausedText: text,
    staleTitle: text,
    staleText: text,
    expiredTitle: text,
    expiredText: text,
    notFoundTitle: text,
    notFoundText: text,
    startPrepare: text,
    startDebrief: text,
  }),
  summary: z.strictObject({
    title: text,
    intro: text,
    covered: text,
    skipped: text,
    notes: text,
    risks: text,
    actions: text,
    none: text,
    referralSuggested: text,
    referralOptional: text,
    makeReferral: text,
    backToLastStep: text,
    startAgain: text,
    /** Added to actions when the safety net or a ticked sign raised a concern. */
    riskActions: z.strictObject({ childConcern: text, highRisk: text, adviceLead: text }),
  }),
  confidence: z.strictObject({
    intro: text,
    submit: text,
    /** The walk-through summary's button that opens the check-in card. */
    offer: text,
    questions: z.array(z.strictObject({ id, text })).length(2),
    scale: z.array(z.strictObject({ value: z.number().int(), title: text })).length(5),
  }),
});

export type ModeFile = z.infer<typeof modeFileSchema>;
export type PackFile = z.infer<typeof packFileSchema>;
export type StepContent = ModeFile['steps'][number];
export type QuickAnswerContent = StepContent['answers'][number];
export type ChecklistItemContent = NonNullable<StepContent['checklist']>['items'][number];
