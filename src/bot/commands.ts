import { coachingVerbs } from '../coaching/actions';
import { nudgeVerbs, welcomeVerbs } from '../kernel/verbs';
import { referralVerbs } from '../referrals/form/actions';
import { wordingVerbs } from '../wording/actions';

/**
 * The text commands the bot answers, in one table. The Teams manifest's command lists are checked
 * against this table (npm run package), so a command shown in Teams is always one the bot handles.
 * `action` names the card action (verb) the command starts.
 */
export const botCommands = [
  {
    command: 'help',
    description: 'Show what DARE Coach can do',
    action: welcomeVerbs.show,
    scopes: ['personal', 'team', 'groupChat'],
  },
  {
    command: 'prepare',
    description: 'Prepare for a conversation with a father',
    action: coachingVerbs.prepare,
    scopes: ['personal'],
  },
  {
    command: 'debrief',
    description: 'Debrief a conversation you have had',
    action: coachingVerbs.debrief,
    scopes: ['personal'],
  },
  {
    command: 'wording',
    description: 'Find wording for a situation',
    action: wordingVerbs.browse,
    scopes: ['personal', 'groupChat'],
  },
  {
    command: 'refer',
    description: 'Make a referral to the partnership',
    action: referralVerbs.start,
    scopes: ['personal'],
  },
  {
    command: 'nudges',
    description: 'Schedule refresher nudges for your team',
    action: nudgeVerbs.manage,
    scopes: ['personal', 'team'],
  },
] as const;

export type BotCommand = (typeof botCommands)[number];

/** Words that also open the welcome card. */
export const greetingWords = ['hi', 'hello', 'hey', 'start'] as const;

/**
 * A way out, in any state: the whole message (any case, punctuation ignored) pauses whatever is in
 * progress and shows the menu. Whole messages only, so refreshers' own words ("stop refreshers")
 * never collide; danger typed with them ("stop, he has a knife") is answered by SafetyFirst first.
 */
export const leaveWords = ['stop', 'cancel', 'quit', 'menu', 'start again'] as const;

/** A message as the command tables see it: lower case, words only, single spaces. */
export function commandWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
}
