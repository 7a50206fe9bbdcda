import { z } from 'zod';

/**
 * The two seed questions, asked the same way every time on a five-point agreement scale (their
 * words live in the content pack): identify a parent who may be causing abuse; explore the risk
 * and engage him. Reported as the share answering 4 or 5, by team, for groups of five or more.
 */
export const confidenceQuestionIds = ['identify', 'engage'] as const;
export type ConfidenceQuestionId = (typeof confidenceQuestionIds)[number];

/** Every verb of the confidence outcomes: the check-in card, the personal and the team views. */
export const outcomeVerbs = {
  /** The check-in card's Send: its answers, once per card. */
  confidence: 'outcomes.confidence',
  /** The baseline's "Not now": nothing is stored. */
  skip: 'outcomes.skip',
  /** Opens a check-in card (the walk-through summary's optional offer). */
  ask: 'outcomes.ask',
  /** "My confidence": a practitioner's own answers over time. */
  mine: 'outcomes.mine',
  /** The team view for managers: aggregates only. */
  team: 'outcomes.team',
  /** The team view's figures as a CSV file in the personal chat. */
  exportCsv: 'outcomes.export',
} as const;

export type OutcomeVerb = (typeof outcomeVerbs)[keyof typeof outcomeVerbs];

/**
 * When a check-in is asked: on first use (the baseline), after a completed walk-through, and when
 * a manager's nudge carries it (`refresher`).
 */
export const checkInMoments = ['before-first-use', 'after-walkthrough', 'refresher'] as const;
export type CheckInMoment = (typeof checkInMoments)[number];

/** A Teams team id as it appears in a nudge's card data (bounded; never shown to anyone). */
export const teamIdSchema = z.string().trim().min(1).max(512);

const agreement = z.coerce.number().int().min(1).max(5);
const optionalAgreement = z
  .union([z.literal(''), agreement])
  .optional()
  .transform((v) => (v === '' || v === undefined ? undefined : v));

/**
 * What a check-in card sends: its moment, the card's own id (answered once per card), the team a
 * nudge sent it to (if any), and the answer to each question (inputs `confidence-<id>`).
 */
export const checkInSubmission = z
  .object({
    moment: z.enum(checkInMoments),
    checkInId: z.string().regex(/^[0-9a-f-]{36}$/),
    teamId: teamIdSchema.optional(),
    'confidence-identify': optionalAgreement,
    'confidence-engage': optionalAgreement,
  })
  .refine((v) => v['confidence-identify'] !== undefined || v['confidence-engage'] !== undefined, {
    message: 'Pick an answer to at least one question.',
  });

export type CheckInSubmission = z.infer<typeof checkInSubmission>;

/** What asks for a check-in card: its moment, and the team of the nudge that carries it. */
export const checkInRequest = z.object({
  moment: z.enum(checkInMoments),
  teamId: teamIdSchema.optional(),
});

export type CheckInRequest = z.infer<typeof checkInRequest>;

/** The answers a submission carries, question by question (unanswered ones left out). */
export function answersOf(
  submission: CheckInSubmission,
): Array<{ question: ConfidenceQuestionId; answer: number }> {
  return confidenceQuestionIds.flatMap((question) => {
    const answer = submission[`confidence-${question}`];
    return answer === undefined ? [] : [{ question, answer }];
  });
}
