import type { QuizPack, ReplyId } from '../../content/nudges/loadQuizzes';
import type { LocalContacts } from '../../tenants/localContacts';
import { quizFor } from '../refresherCards';
import { nudgeKey, type NudgeStores } from '../stores';
import type { QuizAnswers } from './quizAnswers';
import { quizAnsweredView } from './views';

export interface AnswerQuizDeps {
  readonly stores: NudgeStores;
  readonly quizzes: QuizPack;
  readonly quizAnswers: QuizAnswers;
  readonly contactsFor: (tenantId: string) => Promise<LocalContacts>;
}

/** What a quiz button sends: the occurrence, the quiz and the reply chosen. */
export interface QuizPress {
  readonly nudgeId: string;
  readonly occurrence: string;
  readonly quizId: string;
  readonly choice: ReplyId;
}

/**
 * A practitioner answers the quiz an occurrence sent them: stored once under their pseudonym, and
 * the card turns into the feedback on their reply (and the best reply). A second press, on this
 * device or another, stores nothing and shows the feedback on the first answer. Undefined when the
 * nudge or quiz is no longer on record.
 */
export async function answerQuiz(
  deps: AnswerQuizDeps,
  asker: { readonly tenantId: string; readonly userId: string },
  press: QuizPress,
) {
  const nudge = (await deps.stores.nudges.read(nudgeKey(asker.tenantId, press.nudgeId)))?.value;
  if (!nudge || nudge.content.kind !== 'quiz' || nudge.occurrence !== press.occurrence)
    return undefined;
  const pressed = deps.quizzes.byId.get(press.quizId);
  if (!pressed) return undefined;
  const { outcome, answer } = await deps.quizAnswers.record(asker.tenantId, asker.userId, nudge, {
    quizId: pressed.id,
    choice: press.choice,
    correct: press.choice === pressed.best,
  });
  const quiz = quizFor(deps.quizzes, answer.quizId, await deps.contactsFor(asker.tenantId));
  return quiz ? quizAnsweredView(quiz, answer.choice, outcome) : undefined;
}
