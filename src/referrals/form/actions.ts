import { z } from 'zod';
import { isReferralId } from '../wire';
import { formPlaces, isStepId, type FormPlace, type StepId } from './formDefinition';
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
  | ({ readonly type: 'addChild'; readonly input: Record<string, unknown> } & PressedOn)
  | ({
      readonly type: 'editChild';
      readonly index: number;
      readonly input: Record<string, unknown>;
    } & PressedOn)
  | ({
      readonly type: 'removeChild';
      readonly index: number;
      readonly input: Record<string, unknown>;
    } & PressedOn)
  | ({
      readonly type: 'saveChild';
      readonly index: number;
      readonly input: Record<string, unknown>;
    } & PressedOn)
  | ({ readonly type: 'cancelChild'; readonly index: number } & PressedOn)
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
const pressed = z.object(pressedOn);
const onChild = z.object({ ...pressedOn, index: z.coerce.number().int().min(0).max(99) });
const edit = z.object({ ...pressedOn, target: z.string().refine(isStepId) });
const status = z.object({ referralId: referralIdSchema });

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses a referral card action at the edge. Only the control fields (revision, place, ...) are
 * checked here; the answers go on, untouched, to the schema. `undefined` means the verb is not a
 * referral verb or its data is malformed: the caller shows its "out of date" card.
 */
export function parseReferralAction(verb: string, data: unknown): ReferralCommand | undefined {
  const raw = data ?? {};
  if (!isRecord(raw)) return undefined;
  switch (verb) {
    case referralVerbs.start:
      return { type: 'start', seed: seedOf(raw) };
    case referralVerbs.startNew:
      return { type: 'new', seed: seedOf(raw) };
    case referralVerbs.resume:
      return { type: 'resume' };
    case referralVerbs.correct: {
      const parsed = status.safeParse(raw);
      return parsed.success
        ? { type: 'start', seed: { kind: 'returned', referralId: parsed.data.referralId } }
        : undefined;
    }
    case referralVerbs.status: {
      const parsed = status.safeParse(raw);
      return parsed.success ? { type: 'status', referralId: parsed.data.referralId } : undefined;
    }
    case referralVerbs.next:
    case referralVerbs.addChild: {
      const parsed = pressed.safeParse(raw);
      if (!parsed.success) return undefined;
      return verb === referralVerbs.next
        ? { type: 'next', ...parsed.data, input: raw }
        : { type: 'addChild', ...parsed.data, input: raw };
    }
    case referralVerbs.editChild:
    case referralVerbs.removeChild:
    case referralVerbs.saveChild: {
      const parsed = onChild.safeParse(raw);
      if (!parsed.success) return undefined;
      const child = { ...parsed.data, input: raw };
      if (verb === referralVerbs.editChild) return { type: 'editChild', ...child };
      if (verb === referralVerbs.removeChild) return { type: 'removeChild', ...child };
      return { type: 'saveChild', ...child };
    }
    case referralVerbs.cancelChild: {
      const parsed = onChild.safeParse(raw);
      return parsed.success ? { type: 'cancelChild', ...parsed.data } : undefined;
    }
    case referralVerbs.edit: {
      const parsed = edit.safeParse(raw);
      return parsed.success
        ? {
            type: 'edit',
            revision: parsed.data.revision,
            place: parsed.data.place,
            target: parsed.data.target as StepId,
          }
        : undefined;
    }
    case referralVerbs.back:
    case referralVerbs.send:
    case referralVerbs.discard: {
      const parsed = pressed.safeParse(raw);
      if (!parsed.success) return undefined;
      const type =
        verb === referralVerbs.back ? 'back' : verb === referralVerbs.send ? 'send' : 'discard';
      return { type, ...parsed.data };
    }
    default:
      return undefined;
  }
}
