import type { ConfidenceQuestionId } from '../../outcomes/confidenceCheckIn';

/** What selection needs of a quiz: its id and the confidence question it builds. */
export interface SelectableQuiz {
  readonly id: string;
  readonly question: ConfidenceQuestionId;
}

/** One person's history, as selection sees it (all of it theirs alone). */
export interface QuizHistory {
  /** Quizzes sent to them, with when each was last sent (ISO). */
  readonly seen: ReadonlyMap<string, string>;
  /** Their answers: which quiz, whether it was the best reply, and when. */
  readonly answers: readonly {
    readonly quizId: string;
    readonly correct: boolean;
    readonly answeredAt: string;
  }[];
  /** Their last answer (1-5) to each confidence question, where they gave one. */
  readonly confidence: Partial<Record<ConfidenceQuestionId, number>>;
}

/** The confidence question they feel less sure of, or none when unknown or level. */
export function weakerQuestion(
  confidence: QuizHistory['confidence'],
): ConfidenceQuestionId | undefined {
  const { identify, engage } = confidence;
  if (identify === undefined || engage === undefined || identify === engage) return undefined;
  return identify < engage ? 'identify' : 'engage';
}

/**
 * A person's next quiz, in order of preference:
 * 1. one they have not seen, or whose last answer was wrong (their last answer to it decides);
 * 2. among those, one building the confidence question their last check-in answer was lower on;
 * 3. then a stable order: unseen before answered wrong (the one met longest ago first), then the
 *    pack's order.
 * When every quiz has been seen and none was last answered wrong, the one sent longest ago comes
 * round again (the weaker question still first). Pure: same inputs, same quiz.
 */
export function nextQuiz(
  quizzes: readonly SelectableQuiz[],
  history: QuizHistory,
): string | undefined {
  if (quizzes.length === 0) return undefined;
  const lastAnswer = new Map<string, { correct: boolean; answeredAt: string }>();
  for (const a of [...history.answers].sort((x, y) => x.answeredAt.localeCompare(y.answeredAt)))
    lastAnswer.set(a.quizId, a);
  const weaker = weakerQuestion(history.confidence);
  const order = new Map(quizzes.map((q, i) => [q.id, i]));
  const ranked = quizzes.map((quiz) => {
    const answer = lastAnswer.get(quiz.id);
    const seenAt = history.seen.get(quiz.id) ?? answer?.answeredAt;
    const unseen = seenAt === undefined && answer === undefined;
    const wrong = answer !== undefined && !answer.correct;
    return {
      id: quiz.id,
      eligible: unseen || wrong,
      weaker: weaker !== undefined && quiz.question === weaker,
      unseen,
      // Least recently met first: the later of when it was last sent and last answered.
      since: [seenAt ?? '', answer?.answeredAt ?? ''].sort().at(-1) ?? '',
      order: order.get(quiz.id) ?? 0,
    };
  });
  ranked.sort(
    (x, y) =>
      Number(y.eligible) - Number(x.eligible) ||
      Number(y.weaker) - Number(x.weaker) ||
      Number(y.unseen) - Number(x.unseen) ||
      x.since.localeCompare(y.since) ||
      x.order - y.order,
  );
  return ranked[0]?.id;
}
