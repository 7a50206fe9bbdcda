import type { Clock } from '../kernel/clock';
import type { DocumentStore, StoredItem } from '../kernel/documentStore';
import { isAppError, ErrorCodes } from '../kernel/errors';
import { documentIdFor } from '../kernel/hash';
import { fixedTtl, type TtlFor } from '../tenants/retention';
import {
  answersOf,
  type CheckInMoment,
  type CheckInSubmission,
  type ConfidenceQuestionId,
} from './confidenceCheckIn';
import type { RespondentIds } from './respondentIds';

/**
 * One stored answer: one question, its agreement (1-5), the moment it was asked and when, the
 * team where known. Pseudonymous: `respondent` is an HMAC (respondentIds.ts), never a user id.
 */
export interface ConfidenceAnswer {
  readonly tenantId: string;
  readonly respondent: string;
  /** The card it was given on: a card is answered once. */
  readonly checkInId: string;
  readonly moment: CheckInMoment;
  readonly question: ConfidenceQuestionId;
  readonly answer: number;
  readonly answeredAt: string;
  /** The team of the nudge that carried the check-in, or of the person's most recent nudge. */
  readonly teamId?: string;
}

/** Where the team of a person's most recent nudge comes from (the nudges feature). */
export interface LatestNudgeTeam {
  teamOf(tenantId: string, userId: string): Promise<string | undefined>;
}

/** No team known: for callers without nudges (tests, tools). */
export const noLatestNudgeTeam: LatestNudgeTeam = { teamOf: () => Promise.resolve(undefined) };

export type RecordOutcome = 'recorded' | 'already-answered';

/** The document id of one answer: one per person, card and question, so a card is answered once. */
export function answerId(respondent: string, checkInId: string, question: string): string {
  return documentIdFor(`${respondent}\n${checkInId}\n${question}`);
}

/**
 * The confidence answers, one document per answer in the tenant's partition, each written with the
 * council's retention as its TTL. Cosmos deletes them then; reads also leave out any answer past
 * its period by this clock, so what is shown never depends on when the store gets round to it.
 */
export class ConfidenceAnswers {
  constructor(
    private readonly store: DocumentStore<ConfidenceAnswer>,
    private readonly clock: Clock,
    private readonly respondents: RespondentIds,
    /** The council's retention of confidence answers. */
    private readonly ttlFor: TtlFor = fixedTtl('confidenceAnswers'),
    private readonly latestNudgeTeam: LatestNudgeTeam = noLatestNudgeTeam,
  ) {}

  respondentOf(tenantId: string, userId: string): string {
    return this.respondents.of(tenantId, userId);
  }

  /** Stores a card's answers once: a second Send of the same card stores nothing. */
  async record(
    tenantId: string,
    userId: string,
    submission: CheckInSubmission,
  ): Promise<RecordOutcome> {
    const respondent = this.respondentOf(tenantId, userId);
    const answers = answersOf(submission);
    const keys = answers.map((a) => ({
      partitionKey: tenantId,
      id: answerId(respondent, submission.checkInId, a.question),
    }));
    // The card's other question may have been answered alone before: any answer means "answered".
    const allKeys = ['identify', 'engage'].map((q) => ({
      partitionKey: tenantId,
      id: answerId(respondent, submission.checkInId, q),
    }));
    const existing = await Promise.all(allKeys.map((k) => this.store.read(k)));
    if (existing.some((e) => e !== undefined)) return 'already-answered';
    const teamId =
      submission.teamId ?? (await this.latestNudgeTeam.teamOf(tenantId, userId)) ?? undefined;
    const ttlSeconds = await this.ttlFor(tenantId);
    const answeredAt = this.clock.now().toISOString();
    try {
      await Promise.all(
        answers.map((a, i) =>
          this.store.create(
            keys[i]!,
            {
              tenantId,
              respondent,
              checkInId: submission.checkInId,
              moment: submission.moment,
              question: a.question,
              answer: a.answer,
              answeredAt,
              ...(teamId === undefined ? {} : { teamId }),
            },
            { ttlSeconds },
          ),
        ),
      );
    } catch (err) {
      // Two presses at once: the other one stored the answers.
      if (isAppError(err, ErrorCodes.storeConflict)) return 'already-answered';
      throw err;
    }
    return 'recorded';
  }

  /** Every answer of the council still within its retention, oldest first. */
  async allFor(tenantId: string): Promise<ConfidenceAnswer[]> {
    const items = await this.store.listPartition(tenantId);
    return this.live(tenantId, items);
  }

  /** One person's own answers, oldest first. */
  async mineFor(tenantId: string, userId: string): Promise<ConfidenceAnswer[]> {
    const respondent = this.respondentOf(tenantId, userId);
    return (await this.allFor(tenantId)).filter((a) => a.respondent === respondent);
  }

  private async live(
    tenantId: string,
    items: ReadonlyArray<StoredItem<ConfidenceAnswer>>,
  ): Promise<ConfidenceAnswer[]> {
    const keepMs = (await this.ttlFor(tenantId)) * 1000;
    const now = this.clock.now().getTime();
    return items
      .map((i) => i.value)
      .filter((a) => !isExpired(a, now, keepMs))
      .sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
  }
}

/** Past its council's retention at `nowMs` (answers are kept `keepMs` from when they were given). */
export function isExpired(answer: ConfidenceAnswer, nowMs: number, keepMs: number): boolean {
  return Date.parse(answer.answeredAt) + keepMs <= nowMs;
}
