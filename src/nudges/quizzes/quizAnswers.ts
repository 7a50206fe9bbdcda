import type { ReplyId } from '../../content/nudges/loadQuizzes';
import type { Clock } from '../../kernel/clock';
import type { DocumentStore, StoredItem } from '../../kernel/documentStore';
import { ErrorCodes, isAppError } from '../../kernel/errors';
import { documentIdFor } from '../../kernel/hash';
import type { RespondentIds } from '../../outcomes/respondentIds';
import type { TtlFor } from '../../tenants/retention';
import type { NudgeRecord } from '../model';

/**
 * One person's answer to the quiz one occurrence sent them. Pseudonymous: `respondent` is the same
 * HMAC as the confidence answers' (never a user id), so what someone answered is theirs alone; a
 * manager only ever sees counts and shares for groups of five or more.
 */
export interface QuizAnswer {
  readonly tenantId: string;
  readonly respondent: string;
  readonly nudgeId: string;
  readonly occurrence: string;
  /** The schedule the occurrence belongs to, if any: the report groups by it. */
  readonly scheduleId?: string;
  readonly quizId: string;
  readonly choice: ReplyId;
  /** Whether the choice was the quiz's best reply. */
  readonly correct: boolean;
  readonly answeredAt: string;
}

export const quizAnswerPartition = (tenantId: string): string => `quiz:${tenantId}`;

/** One answer per person and occurrence: a second press (or device) finds the first. */
export const quizAnswerId = (respondent: string, nudgeId: string, occurrence: string): string =>
  documentIdFor(`${respondent}\n${nudgeId}\n${occurrence}`);

export interface AnswerOutcome {
  readonly outcome: 'recorded' | 'already-answered';
  /** The answer on record: the new one, or the first one when it was already answered. */
  readonly answer: QuizAnswer;
}

/**
 * Quiz answers, in their council's partition of the outcomes container, each written with the
 * council's retention as its TTL; reads leave out any answer past it by this clock.
 */
export class QuizAnswers {
  constructor(
    private readonly store: DocumentStore<QuizAnswer>,
    private readonly clock: Clock,
    private readonly respondents: RespondentIds,
    private readonly ttlFor: TtlFor,
  ) {}

  respondentOf(tenantId: string, userId: string): string {
    return this.respondents.of(tenantId, userId);
  }

  /** The answer this person gave to this occurrence's quiz, if any. */
  async find(
    tenantId: string,
    userId: string,
    nudge: NudgeRecord,
  ): Promise<QuizAnswer | undefined> {
    const respondent = this.respondentOf(tenantId, userId);
    return (await this.store.read(this.keyOf(tenantId, respondent, nudge)))?.value;
  }

  /** Stores a person's answer once per occurrence; a second press stores nothing. */
  async record(
    tenantId: string,
    userId: string,
    nudge: NudgeRecord,
    answer: { readonly quizId: string; readonly choice: ReplyId; readonly correct: boolean },
  ): Promise<AnswerOutcome> {
    const respondent = this.respondentOf(tenantId, userId);
    const key = this.keyOf(tenantId, respondent, nudge);
    const existing = await this.store.read(key);
    if (existing) return { outcome: 'already-answered', answer: existing.value };
    const value: QuizAnswer = {
      tenantId,
      respondent,
      nudgeId: nudge.nudgeId,
      occurrence: nudge.occurrence,
      ...(nudge.scheduleId === undefined ? {} : { scheduleId: nudge.scheduleId }),
      ...answer,
      answeredAt: this.clock.now().toISOString(),
    };
    try {
      await this.store.create(key, value, { ttlSeconds: await this.ttlFor(tenantId) });
      return { outcome: 'recorded', answer: value };
    } catch (err) {
      // Two presses at once (two devices): the other one stored the answer.
      if (!isAppError(err, ErrorCodes.storeConflict)) throw err;
      const first = await this.store.read(key);
      if (!first) throw err;
      return { outcome: 'already-answered', answer: first.value };
    }
  }

  /** Every quiz answer of the council still within its retention, oldest first. */
  async allFor(tenantId: string): Promise<QuizAnswer[]> {
    const items = await this.store.listPartition(quizAnswerPartition(tenantId));
    return this.live(tenantId, items);
  }

  private keyOf(tenantId: string, respondent: string, nudge: NudgeRecord) {
    return {
      partitionKey: quizAnswerPartition(tenantId),
      id: quizAnswerId(respondent, nudge.nudgeId, nudge.occurrence),
    };
  }

  private async live(
    tenantId: string,
    items: ReadonlyArray<StoredItem<QuizAnswer>>,
  ): Promise<QuizAnswer[]> {
    const keepMs = (await this.ttlFor(tenantId)) * 1000;
    const now = this.clock.now().getTime();
    return items
      .map((i) => i.value)
      .filter((a) => Date.parse(a.answeredAt) + keepMs > now)
      .sort((a, b) => a.answeredAt.localeCompare(b.answeredAt));
  }
}
