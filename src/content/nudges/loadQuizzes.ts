import { z } from 'zod';
import { confidenceQuestionIds, type ConfidenceQuestionId } from '../../outcomes/confidenceCheckIn';
import { contentVersion, type SourceFile } from '../loadPack';
import { situationIds, type SituationId } from '../wording/schema';
import { parseRefresherItems } from './refresherItems';
import quizzesJson from './quizzes.json';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by -');
const text = z.string().trim().min(1, 'must not be empty');

/** A quiz's three replies are a, b and c: the card shows them in this order. */
export const replyIds = ['a', 'b', 'c'] as const;
export type ReplyId = (typeof replyIds)[number];

export const quizzesFileSchema = z.strictObject({
  version: contentVersion,
  about: text,
  quizzes: z
    .array(
      z.strictObject({
        id: slug,
        title: text.max(60, 'keep a quiz title under 60 characters'),
        /** The confidence question it builds. */
        question: z.enum(confidenceQuestionIds),
        situation: text.max(320, 'keep the situation under 320 characters: two minutes in all'),
        replies: z
          .array(
            z.strictObject({
              id: z.enum(replyIds),
              text: text.max(260, 'keep a reply under 260 characters'),
              feedback: text.max(300, 'keep feedback under 300 characters: one principle'),
            }),
          )
          .length(3, 'three replies, a, b and c'),
        best: z.enum(replyIds),
        principles: z.array(slug).min(1),
        /** The wording situations it draws on (ids from the wording library). */
        wording: z.array(slug).min(1),
      }),
    )
    .min(16, 'at least 16 quizzes'),
});

export type QuizzesFile = z.infer<typeof quizzesFileSchema>;

export interface QuizReply {
  readonly id: ReplyId;
  readonly text: string;
  readonly feedback: string;
}

/** A two-minute scenario quiz as sent: its words, its best reply and where they come from. */
export interface RefresherQuiz {
  readonly id: string;
  readonly title: string;
  readonly question: ConfidenceQuestionId;
  readonly situation: string;
  readonly replies: readonly QuizReply[];
  readonly best: ReplyId;
  readonly principles: readonly string[];
  readonly wording: readonly SituationId[];
  /** The published sources of its principles, joined with "; ". */
  readonly source: string;
}

export interface QuizPack {
  readonly version: string;
  /** In the file's order: selection's last tie-break. */
  readonly quizzes: readonly RefresherQuiz[];
  readonly byId: ReadonlyMap<string, RefresherQuiz>;
}

export function bundledQuizzesSource(): SourceFile {
  return { file: 'src/content/nudges/quizzes.json', data: quizzesJson };
}

const knownSituations: ReadonlySet<string> = new Set(situationIds);

/**
 * Validates the quizzes: shape, unique ids, replies a, b and c once each, known principles,
 * wording situations and placeholders. Throws naming the file and the JSON path.
 */
export function parseQuizzes(source: SourceFile = bundledQuizzesSource()): QuizPack {
  const { version, items } = parseRefresherItems(
    quizzesFileSchema,
    source,
    { key: 'quizzes', of: (file) => file.quizzes, noun: 'quiz' },
    (quiz, at, issues) => {
      quiz.replies.forEach((reply, j) => {
        if (reply.id !== replyIds[j])
          issues.add(source.file, at('replies', j, 'id'), `must be "${replyIds[j]}"`);
      });
      quiz.wording.forEach((w, j) => {
        if (!knownSituations.has(w))
          issues.add(source.file, at('wording', j), `unknown wording situation "${w}"`);
      });
    },
  );
  const quizzes: RefresherQuiz[] = items.map((quiz) => ({
    ...quiz,
    wording: quiz.wording as SituationId[],
  }));
  return { version, quizzes, byId: new Map(quizzes.map((q) => [q.id, q])) };
}

/** The quizzes that ship with the bot: loaded once at start; a broken file stops the process. */
export function loadQuizzes(): QuizPack {
  return parseQuizzes();
}
