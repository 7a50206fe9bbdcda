import { z } from 'zod';
import { coachingModes, type CoachingMode } from '../content/coaching/schema';
import { outcomeVerbs } from '../outcomes/confidenceCheckIn';
import { referralVerbs } from '../referrals/form/actions';
import { welcomeVerbs } from '../kernel/verbs';
import { wordingVerbs } from '../wording/actions';
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
  /** "Back to the step" from a "what if…" answer's guidance, shown on the same step. */
  closeWhatIf: 'coaching.closeWhatIf',
  /** A wording offer on a step: keeps the typed note, then the wording opens below. */
  wording: 'coaching.wording',
} as const;

/**
 * Verbs of other features that coaching cards link to, imported from the features that handle
 * them (data shapes in views.ts).
 */
export const linkedVerbs = {
  /** Data `{ situation }`: show the wording library's situation card. */
  wording: wordingVerbs.show,
  /** Data `{ from: 'coaching', prefill }`: open the referral form prefilled. */
  referral: referralVerbs.start,
  /** Data `{ moment: 'after-walkthrough' }`: open the confidence check-in card below the summary. */
  askConfidence: outcomeVerbs.ask,
  /** Pause what is in progress and show the menu (as typing "menu"); from a step, `{ revision, stepId }` and its note. */
  menu: welcomeVerbs.leave,
  /** No data: show the menu. */
  home: welcomeVerbs.show,
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
  | ({
      readonly type: 'next' | 'skip' | 'back' | 'pause' | 'closeWhatIf';
      readonly input: StepInput;
    } & RenderedAt)
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

const step = z.object(rendered).transform(({ note, ticked: items, ...at }) => ({
  ...at,
  input: { note, ticked: items },
}));
const answer = z
  .object({ ...rendered, answerId: z.string().min(1) })
  .transform(({ note, ticked: items, ...at }) => ({ ...at, input: { note, ticked: items } }));
const stepAction = (type: 'next' | 'skip' | 'back' | 'pause' | 'closeWhatIf') =>
  step.transform((at): CoachingAction => ({ type, ...at }));
const fixed = (action: CoachingAction) => z.unknown().transform((): CoachingAction => action);
const wording = z
  .object({ ...rendered, situation: z.string().min(1).max(100) })
  .transform(({ note, ticked: items, ...at }) => ({ ...at, input: { note, ticked: items } }));

/**
 * Each coaching verb's card data, parsed at the edge into the action the walk-through applies.
 * A refused parse means malformed or out-of-date data: the bot shows its "out of date" card.
 */
export const coachingActionSchemas: {
  readonly [V in CoachingVerb]: z.ZodType<CoachingAction, unknown>;
} = {
  [coachingVerbs.start]: z
    .object({ mode: z.enum(coachingModes), discard: z.boolean().optional() })
    .transform(({ mode, discard }): CoachingAction =>
      discard === true ? { type: 'start', mode, discard: true } : { type: 'start', mode },
    ),
  [coachingVerbs.prepare]: fixed({ type: 'start', mode: 'prepare' }),
  [coachingVerbs.debrief]: fixed({ type: 'start', mode: 'debrief' }),
  [coachingVerbs.resume]: fixed({ type: 'resume' }),
  [coachingVerbs.answer]: answer.transform((at): CoachingAction => ({ type: 'answer', ...at })),
  [coachingVerbs.next]: stepAction('next'),
  [coachingVerbs.skip]: stepAction('skip'),
  [coachingVerbs.back]: stepAction('back'),
  [coachingVerbs.pause]: stepAction('pause'),
  [coachingVerbs.closeWhatIf]: stepAction('closeWhatIf'),
  [coachingVerbs.wording]: wording.transform((at): CoachingAction => ({ type: 'wording', ...at })),
};

const isCoachingVerb = (verb: string): verb is CoachingVerb =>
  Object.hasOwn(coachingActionSchemas, verb);

/** Parses one coaching card action (`undefined`: not a coaching verb, or malformed data). */
export function parseCoachingAction(verb: string, data: unknown): CoachingAction | undefined {
  if (!isCoachingVerb(verb)) return undefined;
  const parsed = coachingActionSchemas[verb].safeParse(data ?? {});
  return parsed.success ? parsed.data : undefined;
}
