import type { QuizPack } from '../../content/nudges/loadQuizzes';
import type { Clock } from '../../kernel/clock';
import type { ConfidenceQuestionId } from '../../outcomes/confidenceCheckIn';
import { daySeconds } from '../../tenants/retention';
import { deliveryPartition, recipientKeyOf, type NudgeRecord } from '../model';
import { recentNudges } from '../nudges';
import type { NudgeStores } from '../stores';
import type { QuizAnswer, QuizAnswers } from './quizAnswers';
import { nextQuiz, type QuizHistory } from './selection';

/** Where a person's last confidence answers come from (the outcomes' answers). */
export interface ConfidenceHistory {
  allFor(tenantId: string): Promise<
    readonly {
      readonly respondent: string;
      readonly question: ConfidenceQuestionId;
      readonly answer: number;
      readonly answeredAt: string;
    }[]
  >;
}

export interface QuizChooserDeps {
  readonly stores: NudgeStores;
  readonly quizzes: QuizPack;
  readonly answers: QuizAnswers;
  readonly confidence: ConfidenceHistory;
  readonly clock: Clock;
}

/** How far back "seen" looks: the deliveries' own default retention. */
const seenWindowMs = 90 * daySeconds * 1000;

/** The recipient as the pseudonym sees them: the id the bot's turns use (Entra id, or channel id). */
const turnUserIdOf = (recipient: { userId: string; aadObjectId?: string }) =>
  recipient.aadObjectId ?? recipient.userId;

/**
 * Chooses each recipient's quiz when a quiz nudge is expanded: reads the council's quiz answers,
 * last confidence answers and the quizzes its recent quiz nudges sent (one read each, and one per
 * recent quiz send, whatever the audience's size), then picks for each person with the pure `nextQuiz`. The choice is kept on
 * their delivery record, so a resend after a crash sends the same quiz.
 */
export function quizChooser(deps: QuizChooserDeps) {
  return async (
    nudge: NudgeRecord,
  ): Promise<(recipient: { userId: string; aadObjectId?: string }) => string | undefined> => {
    const { tenantId } = nudge;
    const [answers, confidence, seen] = await Promise.all([
      deps.answers.allFor(tenantId),
      deps.confidence.allFor(tenantId),
      seenByRecipient(deps, nudge),
    ]);
    const answersOf = new Map<string, QuizAnswer[]>();
    for (const a of answers)
      answersOf.set(a.respondent, [...(answersOf.get(a.respondent) ?? []), a]);
    const lastConfidence = new Map<string, Partial<Record<ConfidenceQuestionId, number>>>();
    for (const a of [...confidence].sort((x, y) => x.answeredAt.localeCompare(y.answeredAt))) {
      lastConfidence.set(a.respondent, {
        ...lastConfidence.get(a.respondent),
        [a.question]: a.answer,
      });
    }
    return (recipient) => {
      const respondent = deps.answers.respondentOf(tenantId, turnUserIdOf(recipient));
      const history: QuizHistory = {
        seen: seen.get(recipientKeyOf(recipient)) ?? new Map(),
        answers: answersOf.get(respondent) ?? [],
        confidence: lastConfidence.get(respondent) ?? {},
      };
      return nextQuiz(deps.quizzes.quizzes, history);
    };
  };
}

/** For each recipient (by recipient key), the quizzes the council's recent quiz nudges sent them. */
async function seenByRecipient(
  deps: QuizChooserDeps,
  current: NudgeRecord,
): Promise<Map<string, Map<string, string>>> {
  const since = deps.clock.now().getTime() - seenWindowMs;
  const earlier = (await recentNudges(deps, current.tenantId, Number.POSITIVE_INFINITY)).filter(
    (n) =>
      n.content.kind === 'quiz' &&
      Date.parse(n.createdAt) >= since &&
      !(n.nudgeId === current.nudgeId && n.occurrence === current.occurrence),
  );
  const seen = new Map<string, Map<string, string>>();
  for (const nudge of earlier) {
    const deliveries = await deps.stores.deliveries.listPartition(
      deliveryPartition(nudge.tenantId, nudge.nudgeId, nudge.occurrence),
    );
    for (const { value } of deliveries) {
      if (!value.quizId || value.status === 'failed') continue;
      const key = recipientKeyOf(value);
      const mine = seen.get(key) ?? new Map<string, string>();
      const at = mine.get(value.quizId);
      if (!at || at < nudge.createdAt) mine.set(value.quizId, nudge.createdAt);
      seen.set(key, mine);
    }
  }
  return seen;
}
