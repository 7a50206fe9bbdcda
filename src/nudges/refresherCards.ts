import { createHash } from 'node:crypto';
import type { RefresherTip, TipPack } from '../content/nudges/loadTips';
import type { QuizPack, RefresherQuiz } from '../content/nudges/loadQuizzes';
import type { CardJson, CardRenderer } from '../kernel/cardRenderer';
import { fillLocalDetails, type LocalContacts } from '../tenants/localContacts';
import type { DeliveryRecord, NudgeRecord } from './model';
import { quizView } from './quizzes/views';
import { tipView, type NudgeCardModels } from './views';

/** One occurrence's cards: the card each of its recipients gets. */
export type OccurrenceCards = (delivery: DeliveryRecord) => CardJson;

/**
 * The check-in card's id for an occurrence: the same on every render of it (a resend after a
 * crash carries the same id, so it is still answered once), and the report can count its answers.
 */
export function checkInIdOf(nudge: Pick<NudgeRecord, 'nudgeId' | 'occurrence'>): string {
  const hex = createHash('sha256')
    .update(`check-in\n${nudge.nudgeId}\n${nudge.occurrence}`)
    .digest('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join('-');
}

/** A quiz with the council's local details filled in. */
function filledQuiz(quiz: RefresherQuiz, contacts: LocalContacts): RefresherQuiz {
  const fill = (text: string) => fillLocalDetails(text, contacts);
  return {
    ...quiz,
    title: fill(quiz.title),
    situation: fill(quiz.situation),
    replies: quiz.replies.map((r) => ({ ...r, text: fill(r.text), feedback: fill(r.feedback) })),
  };
}

/** The quiz as its reader sees it, from the pack with their council's details. */
export function quizFor(
  quizzes: QuizPack,
  quizId: string,
  contacts: LocalContacts,
): RefresherQuiz | undefined {
  const quiz = quizzes.byId.get(quizId);
  return quiz ? filledQuiz(quiz, contacts) : undefined;
}

/**
 * The cards a nudge's recipients get: its tip with the council's local details filled in, the
 * confidence check-in carrying the team the nudge went to (`teamId`), so answers can be grouped, or
 * each recipient's own quiz (the one chosen for them at expansion, kept on their delivery record).
 */
export function refresherCards(deps: {
  readonly renderer: CardRenderer<NudgeCardModels>;
  readonly tips: TipPack;
  readonly quizzes: QuizPack;
  /** The outcomes' check-in card, rendered (answered once per person), carrying the nudge's team. */
  readonly checkIn: (teamId: string | undefined, checkInId: string) => CardJson;
  readonly contactsFor: (tenantId: string) => Promise<LocalContacts>;
}): (nudge: NudgeRecord) => Promise<OccurrenceCards> {
  return async (nudge) => {
    const { content } = nudge;
    if (content.kind === 'checkIn') {
      const teamId = nudge.audience.kind === 'team' ? nudge.audience.teamId : undefined;
      const card = deps.checkIn(teamId, checkInIdOf(nudge));
      return () => card;
    }
    const contacts = await deps.contactsFor(nudge.tenantId);
    if (content.kind === 'quiz') {
      const rendered = new Map<string, CardJson>();
      return (delivery) => {
        const quizId = delivery.quizId ?? deps.quizzes.quizzes[0]?.id ?? '';
        let card = rendered.get(quizId);
        if (!card) {
          const quiz = quizFor(deps.quizzes, quizId, contacts);
          if (!quiz) throw new Error('A delivery names a quiz that is no longer in the pack.');
          card = deps.renderer.renderView(quizView(quiz, nudge));
          rendered.set(quizId, card);
        }
        return card;
      };
    }
    const tip: RefresherTip | undefined = deps.tips.byId.get(content.tipId);
    if (!tip) throw new Error('A nudge names a tip that is no longer in the pack.');
    const card = deps.renderer.renderView(tipView(tip, fillLocalDetails(tip.text, contacts)));
    return () => card;
  };
}
