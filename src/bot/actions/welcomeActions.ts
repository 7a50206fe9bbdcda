import { z } from 'zod';
import { coachingVerbs } from '../../coaching/actions';
import { ErrorCodes, isAppError } from '../../kernel/errors';
import { nudgeVerbs, welcomeVerbs } from '../../kernel/verbs';
import { referralVerbs } from '../../referrals/form/actions';
import { wordingVerbs } from '../../wording/actions';
import { botCommands } from '../commands';
import type { CardAction, NoticeCardData, WelcomeCardData } from '../cards/cardModels';
import type { CardCatalog } from '../cards/cardCatalog';
import { onVerb, showCard, type VerbHandler } from './actionTable';

export const safetyLine = 'If anyone is in immediate danger, call 999.';

export const backToMenu: CardAction = {
  title: 'Back to the menu',
  verb: welcomeVerbs.show,
  data: {},
};

const mainActions: readonly CardAction[] = [
  { title: 'Prepare for a conversation', verb: coachingVerbs.prepare, data: {} },
  { title: 'Debrief a conversation', verb: coachingVerbs.debrief, data: {} },
  { title: 'Find wording', verb: wordingVerbs.browse, data: {} },
  { title: 'Make a referral', verb: referralVerbs.start, data: {} },
  { title: 'Team managers: refresher nudges', verb: nudgeVerbs.manage, data: {} },
];

/** A walk-through the user can pick up again, as the welcome card mentions it. */
export interface ResumeOffer {
  readonly description: string;
  readonly status: 'active' | 'paused';
}

export type FindResumeOffer = (
  tenantId: string,
  userId: string,
) => Promise<ResumeOffer | undefined>;

export function welcomeCardData(resume?: ResumeOffer): WelcomeCardData {
  return {
    title: 'DARE Coach',
    intro:
      'Your refresher for a domestic abuse routine enquiry: recognise abuse, explore the risk to the family, engage fathers safely, and refer them to the prevention partnership. Pick what you need, or type a command: ' +
      botCommands.map((c) => c.command).join(', ') +
      '.',
    safetyLine,
    resumeText: resume ? `You have a walk-through to carry on: ${resume.description}.` : '',
    actions: resume
      ? [
          { title: 'Carry on where I left off', verb: coachingVerbs.resume, data: {} },
          ...mainActions,
        ]
      : mainActions,
  };
}

export function notice(
  cards: CardCatalog,
  data: Partial<NoticeCardData> & Pick<NoticeCardData, 'title' | 'text'>,
) {
  return cards.render('notice', { safetyLine: '', actions: [backToMenu], ...data });
}

/** Shown when a turn fails: what to do next, never what broke. */
export const failureText =
  'Sorry, something went wrong on our side and nothing was lost. Please try again in a minute; if it keeps happening, tell your IT service desk.';

/** Shown when storage did not answer: says plainly that this press or message was not saved. */
export const notSavedText =
  'Sorry, DARE Coach could not reach its storage, so what you just did was not saved. Your earlier answers are as they were. Please try again in a minute; if it keeps happening, tell your IT service desk.';

/** The text for a failed turn: whether anything was lost depends on what failed. */
export function failureTextFor(err: unknown): string {
  return isAppError(err, ErrorCodes.storeUnavailable) ? notSavedText : failureText;
}

/**
 * The card a failed turn shows. When storage did not answer a button press, `retry` carries the
 * press itself (its verb and everything the card sent, typed notes included), so "Try again" sends
 * it once more and nothing typed is lost with the card it replaced.
 */
export function somethingWentWrong(
  cards: CardCatalog,
  err?: unknown,
  retry?: Pick<CardAction, 'verb' | 'data'>,
) {
  const notSaved = isAppError(err, ErrorCodes.storeUnavailable);
  return notice(cards, {
    title: notSaved ? 'Not saved' : 'Something went wrong',
    text: failureTextFor(err),
    safetyLine,
    actions: notSaved && retry ? [{ title: 'Try again', ...retry }, backToMenu] : [backToMenu],
  });
}

const noData = z.object({}).passthrough();

/**
 * The welcome card (offering to resume a walk-through), and refresher nudges, which are still to
 * come and say so. Each feature registers its own verbs: a "coming soon" here for a verb a feature
 * handles would stop the process at start (the table refuses a verb registered twice).
 */
export function welcomeActions(findResumeOffer: FindResumeOffer): VerbHandler[] {
  return [
    onVerb(welcomeVerbs.show, noData, async ({ cards, tenantId, userId }) =>
      showCard(cards.render('welcome', welcomeCardData(await findResumeOffer(tenantId, userId)))),
    ),
    onVerb(nudgeVerbs.manage, noData, ({ cards }) =>
      showCard(
        notice(cards, {
          title: 'Refresher nudges is coming soon',
          text: `This part of DARE Coach is not ready yet. Until it is, follow your service's procedures and talk to your domestic abuse lead or manager.`,
          safetyLine,
        }),
      ),
    ),
  ];
}
