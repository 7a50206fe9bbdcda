import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../kernel/clock';
import type { DocumentStore } from '../kernel/documentStore';
import { fingerprint } from '../kernel/hash';
import { fixedTtl, type TtlFor } from '../tenants/retention';

/**
 * The two seed questions, asked the same way every time on a five-point agreement scale (their
 * words live in the content pack): identify a parent who may be causing abuse; explore the risk
 * and engage him. Reported as the share answering 4 or 5, by team, for groups of five or more.
 */
export const confidenceQuestionIds = ['identify', 'engage'] as const;
export type ConfidenceQuestionId = (typeof confidenceQuestionIds)[number];

/** The check-in's verb: any card that asks the two seed questions sends its answers with it. */
export const outcomeVerbs = {
  confidence: 'outcomes.confidence',
} as const;

export type OutcomeVerb = (typeof outcomeVerbs)[keyof typeof outcomeVerbs];

export const checkInMoments = ['before-first-use', 'after-walkthrough', 'refresher'] as const;
export type CheckInMoment = (typeof checkInMoments)[number];

const agreement = z.coerce.number().int().min(1).max(5);
const optionalAgreement = z
  .union([z.literal(''), agreement])
  .optional()
  .transform((v) => (v === '' || v === undefined ? undefined : v));

/** What a check-in card sends: its moment, and the answer to each question (inputs `confidence-<id>`). */
export const checkInSubmission = z
  .object({
    moment: z.enum(checkInMoments),
    'confidence-identify': optionalAgreement,
    'confidence-engage': optionalAgreement,
  })
  .refine((v) => v['confidence-identify'] !== undefined || v['confidence-engage'] !== undefined, {
    message: 'Pick an answer to at least one question.',
  });

export type CheckInSubmission = z.infer<typeof checkInSubmission>;

/** One stored answer set: pseudonymous (a fingerprint, so before/after can be paired), no names. */
export interface ConfidenceResponse {
  readonly tenantId: string;
  readonly respondent: string;
  readonly moment: CheckInMoment;
  readonly answers: Partial<Record<ConfidenceQuestionId, number>>;
  readonly answeredAt: string;
}

/** The outcome store: one document per check-in, partitioned by tenant (team reports read by tenant). */
export class ConfidenceLog {
  constructor(
    private readonly store: DocumentStore<ConfidenceResponse>,
    private readonly clock: Clock,
    /** The council's retention of confidence answers. */
    private readonly ttlFor: TtlFor = fixedTtl('confidenceAnswers'),
  ) {}

  async record(
    tenantId: string,
    userId: string,
    submission: CheckInSubmission,
  ): Promise<ConfidenceResponse> {
    const answers: Partial<Record<ConfidenceQuestionId, number>> = {};
    for (const id of confidenceQuestionIds) {
      const value = submission[`confidence-${id}`];
      if (value !== undefined) answers[id] = value;
    }
    const response: ConfidenceResponse = {
      tenantId,
      respondent: fingerprint(`${tenantId}:${userId}`),
      moment: submission.moment,
      answers,
      answeredAt: this.clock.now().toISOString(),
    };
    await this.store.create({ partitionKey: tenantId, id: randomUUID() }, response, {
      ttlSeconds: await this.ttlFor(tenantId),
    });
    return response;
  }

  async responsesFor(tenantId: string): Promise<ConfidenceResponse[]> {
    return (await this.store.listPartition(tenantId)).map((item) => item.value);
  }
}
