import { welcomeVerbs } from '../../kernel/verbs';
import { fillLocalDetails, type LocalContacts } from '../../tenants/localContacts';
import type { ReferralSummary } from '../records/referralRecord';
import { referralVerbs, seedData, type DraftSeed } from './actions';
import { draftExpiresAt, type ReferralDraft } from './draft';
import { formWording } from './formDefinition';
import { shortReferralId, ukTime } from '../receipt/receiptView';
import type { FormAction, ReferralCardView } from './views';

/** Every notice offers a way back to the menu. */
const menuVerb = welcomeVerbs.show;

const act = (
  title: string,
  verb: string,
  data: FormAction['data'] = {},
  style: FormAction['style'] = 'default',
): FormAction => ({ title, verb, data, inputs: 'none', style });

const backToMenu = act('Back to the menu', menuVerb);
const carryOn = act('Carry on with my draft', referralVerbs.resume, {}, 'positive');
const startReferral = act('Start a referral', referralVerbs.start, {}, 'positive');

function notice(
  title: string,
  text: string,
  actions: readonly FormAction[],
  details: readonly string[] = [],
): ReferralCardView {
  return {
    card: 'referral-notice',
    data: { title, text, details, safetyLine: formWording.safetyLine, actions },
  };
}

/** Why an action could not be applied: the card was old, or there is no draft to act on. */
export type StaleReason = 'out-of-date' | 'no-draft' | 'expired';

/** Starting again while a draft exists: carry on with it, or start a new one. */
export function resumeOffer(draft: ReferralDraft, seed: DraftSeed | undefined): ReferralCardView {
  return notice(
    'You have a referral draft',
    `You started a referral on ${ukTime(draft.startedAt)}. It is kept until ${ukTime(draftExpiresAt(draft).toISOString())}. Carry on with it, or start a new one: starting a new one deletes the draft.`,
    [
      carryOn,
      act(
        seed?.kind === 'returned' ? 'Start from the returned referral' : 'Start a new one',
        referralVerbs.startNew,
        seedData(seed),
      ),
      backToMenu,
    ],
  );
}

export function staleNotice(reason: StaleReason, hasDraft: boolean): ReferralCardView {
  switch (reason) {
    case 'out-of-date':
      return notice(
        'This form card is out of date',
        'The referral has moved on since this card was shown (perhaps on another device), so nothing was changed. Carry on from where your draft is now.',
        hasDraft ? [carryOn, backToMenu] : [startReferral, backToMenu],
      );
    case 'expired':
      return notice(
        'Your draft has expired',
        'Referral drafts are kept for 7 days after they were last changed, then deleted. Nothing was sent. Start the referral again.',
        [startReferral, backToMenu],
      );
    case 'no-draft':
      return notice(
        'There is no referral draft',
        'There is no draft to carry on: it may have been sent, deleted, or kept longer than 7 days. Nothing was sent from this card.',
        [startReferral, backToMenu],
      );
  }
}

export function draftDeleted(): ReferralCardView {
  return notice('Draft deleted', 'Your referral draft has been deleted. Nothing was sent.', [
    startReferral,
    backToMenu,
  ]);
}

/** Replaces the review card once sent; the receipt follows as a new message. */
export function submittedNotice(shortId: string): ReferralCardView {
  return notice(
    'Referral submitted',
    `Your referral (${shortId}) is stored securely and on its way to the partnership. The receipt in this chat shows its progress and updates itself. Your draft has been deleted.`,
    [backToMenu],
  );
}

/** Any press on a draft whose Send had already stored the referral (see finishedSend). */
export function alreadySubmittedNotice(shortId: string): ReferralCardView {
  return notice(
    'This referral was already submitted',
    `You pressed Send on this referral earlier and it was stored (${shortId}), so it can no longer be changed or deleted here. Its receipt follows in this chat and shows where it is now. If something in it needs changing, call the partnership. Your draft has been deleted.`,
    [backToMenu],
  );
}

/**
 * Posted as a new message when a referral is `failed` or `rejected` (besides the receipt updating
 * in place), so the referrer is told. No personal data: a short id, a time, the partnership.
 */
export function referralAlertView(
  summary: ReferralSummary,
  contacts: LocalContacts,
): ReferralCardView {
  const which = `Your referral (${shortReferralId(summary.referralId)}, submitted ${ukTime(summary.submittedAt)})`;
  const text =
    summary.status === 'failed'
      ? `${which} could not be delivered to {{partnership.name}} in time. It has not been received: please call them on {{partnership.phone}} and make the referral by phone.`
      : `${which} was sent back by {{partnership.name}}: they could not accept it as it was. Check its status to see what to correct and send it again, or call them on {{partnership.phone}}.`;
  return notice('A referral needs your attention', fillLocalDetails(text, contacts), [
    act('Check the status', referralVerbs.status, { referralId: summary.referralId }, 'positive'),
    backToMenu,
  ]);
}

export function referralNotFound(): ReferralCardView {
  return notice(
    'Referral not found',
    'We could not find that referral for you. If you need to know what happened to it, call the partnership.',
    [backToMenu],
  );
}

export function cannotCorrect(): ReferralCardView {
  return notice(
    'This referral cannot be corrected here',
    'It is no longer held in full (sent-back referrals are kept for a limited time), or it was not sent back. Start a new referral instead.',
    [startReferral, backToMenu],
  );
}

export function personalChatOnly(): ReferralCardView {
  return notice(
    'Referrals are made in your personal chat',
    'A referral holds sensitive details, so it can only be made in your own chat with DARE Coach, never in a team or group chat. Open DARE Coach from the Teams app bar and type "refer".',
    [],
  );
}
