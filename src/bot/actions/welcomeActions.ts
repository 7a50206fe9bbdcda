import { z } from 'zod';
import { coachingVerbs } from '../../coaching/actions';
import { ErrorCodes, isAppError } from '../../kernel/errors';
import { nudgeVerbs, welcomeVerbs } from '../../kernel/verbs';
import { outcomeVerbs } from '../../outcomes/confidenceCheckIn';
import { referralVerbs } from '../../referrals/form/actions';
import { wordingVerbs } from '../../wording/actions';
import { botCommands } from '../commands';
import type { CardAction, CardLink, NoticeCardData, WelcomeCardData } from '../cards/cardModels';
import { isPersonalOnly, personalOnlyReason, personalOnlyWhy } from '../conversationScope';
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
  { title: 'My confidence over time', verb: outcomeVerbs.mine, data: {} },
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

/** Pauses what is running; `typed` is the note on the step card whose Menu button was pressed. */
export type PauseActive = (
  tenantId: string,
  userId: string,
  typed?: { readonly stepId: string; readonly note: string },
) => Promise<ResumeOffer | undefined>;

/** A full stop, unless the text already ends a sentence ("… Is it safe to ask?"). */
function endSentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

function resumeTextFor(resume: ResumeOffer | undefined, stopped: boolean): string {
  if (resume && stopped)
    return `Stopped. Your walk-through is paused at: ${endSentence(resume.description)} To pick it up again, now or later, press “Carry on where I left off”.`;
  if (resume) return endSentence(`You have a walk-through to carry on: ${resume.description}`);
  if (stopped)
    return 'Stopped. Anything you had started is kept: a referral draft carries on from “Make a referral”.';
  return '';
}

/** A group chat or team channel: only what holds no family details, and the way to the personal chat. */
export interface SharedScope {
  readonly kind: 'groupChat' | 'channel';
  readonly link: CardLink;
}

/**
 * The welcome card, saying what can be carried on; `stopped` when the user just said "stop". In a
 * shared chat it offers only what may run there (never a walk-through to carry on).
 */
export function welcomeCardData(
  resume?: ResumeOffer,
  stopped = false,
  shared?: SharedScope,
): WelcomeCardData {
  if (shared) return sharedWelcomeCardData(shared);
  return {
    title: 'DARE Coach',
    intro:
      'Your refresher for a domestic abuse routine enquiry: recognise abuse, explore the risk to the family, engage fathers safely, and refer them to the prevention partnership. Pick what you need, or type a command: ' +
      botCommands.map((c) => c.command).join(', ') +
      '.',
    safetyLine,
    resumeText: resumeTextFor(resume, stopped),
    actions: resume
      ? [
          { title: 'Carry on where I left off', verb: coachingVerbs.resume, data: {} },
          ...mainActions,
        ]
      : mainActions,
    links: [],
  };
}

/** Nudges are set up in a team's channel or in personal chat; nothing else of ours needs a family. */
function allowedIn(kind: SharedScope['kind'], verb: string): boolean {
  if (verb === 'nudges.manage') return kind === 'channel';
  return !isPersonalOnly(verb);
}

function sharedWelcomeCardData(shared: SharedScope): WelcomeCardData {
  const scope = shared.kind === 'channel' ? 'team' : 'groupChat';
  const commands = botCommands.filter((c) => (c.scopes as readonly string[]).includes(scope));
  return {
    title: 'DARE Coach',
    intro: `Here you can find wording for engaging fathers; type a command: ${commands.map((c) => c.command).join(', ')}. ${personalOnlyWhy}`,
    safetyLine,
    resumeText: '',
    actions: mainActions.filter((a) => allowedIn(shared.kind, a.verb)),
    links: [shared.link],
  };
}

/** The answer to a coaching or referral command or button in a shared chat. */
export function personalOnlyNotice(cards: CardCatalog, link: CardLink) {
  return notice(cards, {
    title: 'This works in your personal chat',
    text: personalOnlyReason,
    actions: [],
    links: [link],
  });
}

export function notice(
  cards: CardCatalog,
  data: Partial<NoticeCardData> & Pick<NoticeCardData, 'title' | 'text'>,
) {
  return cards.render('notice', { safetyLine: '', actions: [backToMenu], links: [], ...data });
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
/** What a step card's Menu button sends: its step, and the note typed there (if any). */
const stepNote = z.object({
  stepId: z.string().min(1).max(200).optional(),
  note: z.string().max(20_000).optional(),
});

/**
 * The welcome card (offering to resume a walk-through) and the way out ("stop", "menu": pause what
 * is in progress and show the menu). Each feature registers its own verbs (refresher nudges in
 * nudgeActions): the table refuses a verb registered twice.
 */
export function welcomeActions(
  findResumeOffer: FindResumeOffer,
  /** Pauses a running walk-through and says what can be carried on ("stop", "menu"). */
  pauseActive: PauseActive = findResumeOffer,
): VerbHandler[] {
  return [
    onVerb(welcomeVerbs.show, noData, async ({ cards, tenantId, userId }) =>
      showCard(cards.render('welcome', welcomeCardData(await findResumeOffer(tenantId, userId)))),
    ),
    onVerb(welcomeVerbs.leave, stepNote, async ({ cards, tenantId, userId }, { stepId, note }) => {
      const typed = stepId !== undefined && note !== undefined ? { stepId, note } : undefined;
      const resume = await pauseActive(tenantId, userId, typed);
      return showCard(cards.render('welcome', welcomeCardData(resume, true)));
    }),
  ];
}
