import type { Activity } from 'botbuilder';
import { conversationKindOf } from './activityFacts';
import type { CardLink } from './cards/cardModels';

/**
 * Where each flow may run. Coaching and referrals hold details of a family: personal chat only.
 * In a group chat or channel their commands and buttons get a short card that opens the personal
 * chat, before anything is read or stored. Wording (no personal data) works everywhere.
 */
const personalOnlyPrefixes = ['coaching.', 'referral.', 'outcomes.'] as const;

export function isSharedConversation(activity: Partial<Activity>): boolean {
  return conversationKindOf(activity) !== 'personal';
}

export function isPersonalOnly(verb: string): boolean {
  return personalOnlyPrefixes.some((prefix) => verb.startsWith(prefix));
}

/**
 * The deep link that opens the bot's 1:1 chat. The bot's id comes from the settings
 * (MicrosoftAppId); a local bot without one (the sandbox) uses the id the channel addressed.
 */
export function personalChatLink(appId: string | undefined, activity: Partial<Activity>): CardLink {
  const id = (appId ?? activity.recipient?.id ?? '').replace(/^28:/, '');
  return {
    title: 'Open my personal chat with DARE Coach',
    url: `https://teams.microsoft.com/l/chat/0/0?users=28:${id}`,
  };
}

/** Why the personal chat, in one line, for the shared welcome card. */
export const personalOnlyWhy =
  'Coaching and referrals hold details of a family, so they only work in your personal chat with DARE Coach, never in a group chat or channel.';

/** The refusal card's words. */
export const personalOnlyReason = `${personalOnlyWhy} Nothing you pressed or typed here was saved.`;
