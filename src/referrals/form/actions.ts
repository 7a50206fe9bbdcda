import { z } from 'zod';
import { isReferralId } from '../schema/wire';
import {
  childrenPath,
  formGroups,
  formPlaces,
  isStepId,
  type FormPlace,
  type StepId,
} from './formDefinition';
import type { CoachingPrefill } from './formValues';

/** The verbs of the referral cards, for the bot's verb → handler table. */
export const referralVerbs = {
  /** Welcome card, "refer" command, coaching summary: offers a draft to carry on, or starts. */
  start: 'referral.start',
  /** Start afresh, replacing any draft. */
  startNew: 'referral.new',
  resume: 'referral.resume',
  next: 'referral.next',
  back: 'referral.back',
  edit: 'referral.edit',
  // The item verbs (a child, an agency: `group` in their data, children when absent) keep the
  // names they had when children were the only list, so cards already posted still work.
  addChild: 'referral.addChild',
  editChild: 'referral.editChild',
  removeChild: 'referral.removeChild',
  saveChild: 'referral.saveChild',
  cancelChild: 'referral.cancelChild',
  send: 'referral.send',
  discard: 'referral.discard',
  /** On a receipt: show the current status (the card is replaced in place). */
  status: 'referral.status',
  /** On a rejected receipt: open a draft from the returned referral, to correct and resend. */
  correct: 'referral.correct',
} as const;

export type ReferralVerb = (typeof referralVerbs)[keyof typeof referralVerbs];

/** What a new draft starts from. */
export type DraftSeed =
  | { readonly kind: 'coaching'; readonly prefill: CoachingPrefill }
  | { readonly kind: 'returned'; readonly referralId: string };

/** Which card (draft revision and place in the form) an action was pressed on. */
export interface PressedOn {
  readonly revision: number;
  readonly place: FormPlace;
}

export type ReferralCommand =
  | { readonly type: 'start'; readonly seed?: DraftSeed }
  | { readonly type: 'new'; readonly seed?: DraftSeed }
  | { readonly type: 'resume' }
  | ({ readonly type: 'next'; readonly input: Record<string, unknown> } & PressedOn)
  | ({
      readonly type: 'addChild';
      readonly group: string;
      readonly input: Record<string, unknown>;
    } & PressedOn)
  | ({
      readonly type: 'editChild';
      readonly group: string;
      readonly index: number;
      readonly input: Record<string, unknown>;
    } & PressedOn)
  | ({
      readonly type: 'removeChild';
      readonly group: string;
      readonly index: number;
      readonly input: Record<string, unknown>;
    } & PressedOn)
  | ({
      readonly type: 'saveChild';
      readonly group: string;
      readonly index: number;
      readonly input: Record<string, unknown>;
    } & PressedOn)
  | ({ readonly type: 'cancelChild'; readonly group: string; readonly index: number } & PressedOn)
  | ({ readonly type: 'back' | 'send' | 'discard' } & PressedOn)
  | ({ readonly type: 'edit'; readonly target: StepId } & PressedOn)
  | { readonly type: 'status'; readonly referralId: string };

const categoryList = z
  .string()
  .max(2000)
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => /^[a-z0-9][a-z0-9-]{0,59}$/.test(s)),
  );

const coachingSeed = z.object({
  from: z.literal('coaching'),
  riskIndicators: categoryList,
  facts: categoryList,
  childConcern: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .optional()
    .transform((v) => v === true || v === 'true'),
});

const referralIdSchema = z.string().refine(isReferralId);
const returnedSeed = z.object({ from: z.literal('returned'), referralId: referralIdSchema });

/** A start's data: a coaching prefill or a returned referral; anything else starts plainly. */
function seedOf(raw: unknown): DraftSeed | undefined {
  const coaching = coachingSeed.safeParse(raw);
  if (coaching.success) {
    const { riskIndicators, facts, childConcern } = coaching.data;
    return { kind: 'coaching', prefill: { riskIndicators, facts, childConcern } };
  }
  const returned = returnedSeed.safeParse(raw);
  return returned.success ? { kind: 'returned', referralId: returned.data.referralId } : undefined;
}

/** A seed as button data, so "start a new one" on the resume card keeps it. */
export function seedData(seed: DraftSeed | undefined): Record<string, string | boolean> {
  if (seed === undefined) return {};
  if (seed.kind === 'returned') return { from: 'returned', referralId: seed.referralId };
  return {
    from: 'coaching',
    riskIndicators: seed.prefill.riskIndicators.join(','),
    facts: seed.prefill.facts.join(','),
    childConcern: seed.prefill.childConcern,
  };
}

const pressedOn = {
  revision: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  place: z.enum(formPlaces),
};
/** Which repeating group an item button is for; children when absent (cards posted earlier). */
const group = z
  .string()
  .refine((path) => formGroups.some((g) => g.path === path))
  .default(childrenPath);
const pressed = z.object(pressedOn);
const onGroup = z.object({ ...pressedOn, group });
const onChild = z.object({ ...pressedOn, group, index: z.coerce.number().int().min(0).max(99) });
const referralIdOf = z.object({ referralId: referralIdSchema });
const record = z.record(z.string(), z.unknown());

/**
 * The control fields (revision, place, ...) checked by `control`; the whole of what the card sent
 * goes on as `input`, untouched, to the referral schema.
 */
function withInput<C>(
  control: z.ZodType<C>,
  command: (parsed: C, input: Record<string, unknown>) => ReferralCommand,
): z.ZodType<ReferralCommand, unknown> {
  return record.transform((raw, ctx) => {
    const parsed = control.safeParse(raw);
    if (parsed.success) return command(parsed.data, raw);
    for (const issue of parsed.error.issues) {
      ctx.issues.push({ code: 'custom', message: issue.message, path: issue.path, input: raw });
    }
    return z.NEVER;
  });
}

const seeded = (type: 'start' | 'new') =>
  record.transform((raw): ReferralCommand => ({ type, seed: seedOf(raw) }));
const onPressed = (type: 'back' | 'send' | 'discard') =>
  pressed.transform((at): ReferralCommand => ({ type, ...at }));
const childWithInput = (type: 'editChild' | 'removeChild' | 'saveChild') =>
  withInput(onChild, (at, input): ReferralCommand => ({ type, ...at, input }));

/**
 * Each referral verb's card data, parsed at the edge into the command the form applies. Only the
 * control fields are checked here; the answers go on to the schema. A refused parse means
 * malformed or out-of-date data: the bot shows the form's "out of date" card.
 */
export const referralActionSchemas: {
  readonly [V in ReferralVerb]: z.ZodType<ReferralCommand, unknown>;
} = {
  [referralVerbs.start]: seeded('start'),
  [referralVerbs.startNew]: seeded('new'),
  [referralVerbs.resume]: record.transform((): ReferralCommand => ({ type: 'resume' })),
  [referralVerbs.correct]: referralIdOf.transform(({ referralId }): ReferralCommand => ({
    type: 'start',
    seed: { kind: 'returned', referralId },
  })),
  [referralVerbs.status]: referralIdOf.transform(({ referralId }): ReferralCommand => ({
    type: 'status',
    referralId,
  })),
  [referralVerbs.next]: withInput(pressed, (at, input) => ({ type: 'next', ...at, input })),
  [referralVerbs.addChild]: withInput(onGroup, (at, input) => ({ type: 'addChild', ...at, input })),
  [referralVerbs.editChild]: childWithInput('editChild'),
  [referralVerbs.removeChild]: childWithInput('removeChild'),
  [referralVerbs.saveChild]: childWithInput('saveChild'),
  [referralVerbs.cancelChild]: onChild.transform((at): ReferralCommand => ({
    type: 'cancelChild',
    ...at,
  })),
  [referralVerbs.edit]: z
    .object({ ...pressedOn, target: z.string().refine(isStepId) })
    .transform(({ revision, place, target }): ReferralCommand => ({
      type: 'edit',
      revision,
      place,
      target,
    })),
  [referralVerbs.back]: onPressed('back'),
  [referralVerbs.send]: onPressed('send'),
  [referralVerbs.discard]: onPressed('discard'),
};

const isReferralVerb = (verb: string): verb is ReferralVerb =>
  Object.hasOwn(referralActionSchemas, verb);

/** Parses one referral card action (`undefined`: not a referral verb, or malformed data). */
export function parseReferralAction(verb: string, data: unknown): ReferralCommand | undefined {
  if (!isReferralVerb(verb)) return undefined;
  const parsed = referralActionSchemas[verb].safeParse(data ?? {});
  return parsed.success ? parsed.data : undefined;
}
