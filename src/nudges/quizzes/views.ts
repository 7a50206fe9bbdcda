import type { RefresherQuiz, ReplyId } from '../../content/nudges/loadQuizzes';
import type { CardAction } from '../../kernel/cardAction';
import { nudgeVerbs } from '../../kernel/verbs';
import type { NudgeRecord } from '../model';
import { refresherKicker, refresherActions, refresherSafetyLine } from '../refresherButtons';

interface ShownReply {
  readonly label: string;
  readonly text: string;
}

export interface NudgesQuizCardData {
  readonly kicker: string;
  readonly title: string;
  readonly situation: string;
  readonly prompt: string;
  readonly replies: readonly ShownReply[];
  /** One button per reply ("A", "B", "C"): short, so they fit side by side at 360 px. */
  readonly choices: readonly CardAction[];
  readonly source: string;
  readonly safetyLine: string;
  readonly actions: readonly CardAction[];
}

export interface NudgesQuizAnsweredCardData {
  readonly kicker: string;
  readonly title: string;
  readonly situation: string;
  /** "You chose B" (or that it was already answered on another device). */
  readonly chosenHeading: string;
  readonly chosen: ShownReply;
  readonly chosenFeedback: string;
  /** The best reply and its feedback, when they chose another; empty when they chose it. */
  readonly best: readonly (ShownReply & { readonly heading: string; readonly feedback: string })[];
  readonly source: string;
  readonly safetyLine: string;
  readonly actions: readonly CardAction[];
}

export interface QuizCardModels {
  'nudges-quiz': NudgesQuizCardData;
  'nudges-quiz-answered': NudgesQuizAnsweredCardData;
}

const label = (id: ReplyId): string => id.toUpperCase();

/** The data a quiz button carries: which occurrence and quiz, and the reply chosen. */
export function quizAnswerData(nudge: NudgeRecord, quizId: string, choice: ReplyId) {
  return { nudgeId: nudge.nudgeId, occurrence: nudge.occurrence, quizId, choice };
}

/** The quiz as it arrives: the situation, three replies, one button each. */
export function quizView(
  quiz: RefresherQuiz,
  nudge: NudgeRecord,
): { card: 'nudges-quiz'; data: NudgesQuizCardData } {
  return {
    card: 'nudges-quiz',
    data: {
      kicker: `${refresherKicker}: a two-minute scenario`,
      title: quiz.title,
      situation: quiz.situation,
      prompt: 'Which reply would you choose? You get feedback straight away; only you see it.',
      replies: quiz.replies.map((r) => ({ label: label(r.id), text: r.text })),
      choices: quiz.replies.map((r) => ({
        title: label(r.id),
        verb: nudgeVerbs.quiz,
        data: quizAnswerData(nudge, quiz.id, r.id),
      })),
      source: `Source: ${quiz.source}`,
      safetyLine: refresherSafetyLine,
      actions: refresherActions,
    },
  };
}

/** The quiz once answered: the feedback on the chosen reply, and the best reply when it was not. */
export function quizAnsweredView(
  quiz: RefresherQuiz,
  choice: ReplyId,
  outcome: 'recorded' | 'already-answered',
): { card: 'nudges-quiz-answered'; data: NudgesQuizAnsweredCardData } {
  const chosen = quiz.replies.find((r) => r.id === choice) ?? quiz.replies[0]!;
  const best = quiz.replies.find((r) => r.id === quiz.best) ?? quiz.replies[0]!;
  const already = outcome === 'already-answered' ? ' (already answered, so nothing changed)' : '';
  return {
    card: 'nudges-quiz-answered',
    data: {
      kicker: `${refresherKicker}: a two-minute scenario`,
      title: quiz.title,
      situation: quiz.situation,
      chosenHeading:
        chosen.id === best.id
          ? `You chose ${label(chosen.id)}, the best reply${already}.`
          : `You chose ${label(chosen.id)}${already}.`,
      chosen: { label: label(chosen.id), text: chosen.text },
      chosenFeedback: chosen.feedback,
      best:
        chosen.id === best.id
          ? []
          : [
              {
                heading: `The best reply is ${label(best.id)}.`,
                label: label(best.id),
                text: best.text,
                feedback: best.feedback,
              },
            ],
      source: `Source: ${quiz.source}`,
      safetyLine: refresherSafetyLine,
      actions: refresherActions,
    },
  };
}
