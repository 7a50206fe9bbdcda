import { z } from 'zod';
import { coachingModes, type CoachingMode } from '../content/coaching/schema';
import { noteMaxLength } from './session';

/** The verbs of the coaching cards, for the bot's verb → handler table. */
export const coachingVerbs = {
  start: 'coaching.start',
  /** The command-menu and welcome-card verbs: start in a fixed mode. */
  prepare: 'coaching.prepare',
  debrief: 'coaching.debrief',
  resume: 'coaching.resume',
  answer: 'coaching.answer',
  next: 'coaching.next',
  skip: 'coaching.skip',
  back: 'coaching.back',
  pause: 'coaching.pause',
  /** A wording offer on a step: keeps the typed note, then the wording opens below. */
  wording: 'coaching.wording',
} as const;

/**
 * Verbs of other features that coaching cards link to. The handlers belong to those features;
 * these names are the contract (data shapes in views.ts).
 */
export const linkedVerbs = {
  /** Data `{ situation }`: show the wording library's situation card. */
  wording: 'wording.show',
  /** Data `{ from: 'coaching', prefill }`: open the referral form prefilled. */
  referral: 'referral.start',
  /** Data `{ moment: 'after-walkthrough' }` plus inputs `confidence-<questionId>` ("1"-"5"). */
  confidence: 'outcomes.confidence',
  /** Pause what is in progress and show the menu (as typing "menu"); from a step, `{ revision, stepId }` and its note. */
  menu: 'welcome.leave',
  /** No data: show the menu. */
  home: 'welcome.show',
} as const;

/**
 * Set in a button's data when its answer must arrive as a new message, leaving the pressed card
 * (a summary, a safety card) where it is in the chat. The bot strips it before the handler runs.
 */
export const newMessageFlag = 'newMessage';

export type CoachingVerb = (typeof coachingVerbs)[keyof typeof coachingVerbs];

/** What the practitioner typed or ticked on the step card. */
export interface StepInput {
  readonly note?: string;
  readonly ticked: readonly string[];
}

/** Which card and session state an action was pressed on. */
export interface RenderedAt {
  readonly revision: number;
  readonly stepId: string;
}

export type CoachingAction =
  /** `discard`: start again even though a walk-through can be carried on (asked first otherwise). */
  | { readonly type: 'start'; readonly mode: CoachingMode; readonly discard?: boolean }
  | { readonly type: 'resume' }
  | ({ readonly type: 'answer'; readonly answerId: string; readonly input: StepInput } & RenderedAt)
  | ({ readonly type: 'next' | 'skip' | 'back' | 'pause'; readonly input: StepInput } & RenderedAt)
  | ({
      readonly type: 'wording';
      readonly situation: string;
      readonly input: StepInput;
    } & RenderedAt);

// Accepted well beyond what is stored (noteMaxLength) so the safety net scans all of it.
const optionalNote = z
  .string()
  .max(noteMaxLength * 20)
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

// Input.ChoiceSet with isMultiSelect sends "a,b,c"; accept an array as well.
const ticked = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    (v === undefined ? [] : Array.isArray(v) ? v : v.split(','))
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );

const rendered = {
  revision: z.coerce.number().int().min(1),
  stepId: z.string().min(1),
  note: optionalNote,
  ticked,
};

const stepActionSchema = z.object(rendered);
const answerSchema = z.object({ ...rendered, answerId: z.string().min(1) });
const wordingSchema = z.object({ ...rendered, situation: z.string().min(1).max(100) });
const startSchema = z.object({ mode: z.enum(coachingModes), discard: z.boolean().optional() });

/**
 * Parses a coaching card action at the edge. `undefined` means the verb is not a coaching verb
 * or its data is malformed: the caller shows its "out of date" card rather than guessing.
 */
export function parseCoachingAction(verb: string, data: unknown): CoachingAction | undefined {
  const raw = data ?? {};
  switch (verb) {
    case coachingVerbs.prepare:
      return { type: 'start', mode: 'prepare' };
    case coachingVerbs.debrief:
      return { type: 'start', mode: 'debrief' };
    case coachingVerbs.start: {
      const parsed = startSchema.safeParse(raw);
      if (!parsed.success) return undefined;
      return parsed.data.discard === true
        ? { type: 'start', mode: parsed.data.mode, discard: true }
        : { type: 'start', mode: parsed.data.mode };
    }
    case coachingVerbs.resume:
      return { type: 'resume' };
    case coachingVerbs.answer: {
      const parsed = answerSchema.safeParse(raw);
      if (!parsed.success) return undefined;
      const { note, ticked: items, ...at } = parsed.data;
      return { type: 'answer', ...at, input: { note, ticked: items } };
    }
    case coachingVerbs.wording: {
      const parsed = wordingSchema.safeParse(raw);
      if (!parsed.success) return undefined;
      const { note, ticked: items, ...at } = parsed.data;
      return { type: 'wording', ...at, input: { note, ticked: items } };
    }
    case coachingVerbs.next:
    case coachingVerbs.skip:
    case coachingVerbs.back:
    case coachingVerbs.pause: {
      const parsed = stepActionSchema.safeParse(raw);
      if (!parsed.success) return undefined;
      const { note, ticked: items, ...at } = parsed.data;
      return { type: verbTypes[verb], ...at, input: { note, ticked: items } };
    }
    default:
      return undefined;
  }
}

const verbTypes = {
  [coachingVerbs.next]: 'next',
  [coachingVerbs.skip]: 'skip',
  [coachingVerbs.back]: 'back',
  [coachingVerbs.pause]: 'pause',
} as const;
