import { textsOf } from '../../support/botHarness';
import type { TeamsUser } from '../../support/referrals/formHarness';

/** Words on the card in view. */
export const cardText = (user: TeamsUser): string => textsOf(user.card).join('\n');

/** "Step 3 of 7" on a coaching card: the step number, or undefined when none shows. */
export function stepOf(user: TeamsUser): number | undefined {
  const match = /Step (\d+) of \d+/.exec(cardText(user));
  return match ? Number(match[1]) : undefined;
}

/**
 * One move forward in a walk-through: "next", else the last quick answer (the packs list the
 * all-clear answer last); undefined when the card has neither (the summary, or not a step).
 */
export function forwardButton(user: TeamsUser) {
  const buttons = user.buttons();
  return (
    buttons.find((b) => b.verb === 'coaching.next') ??
    buttons.filter((b) => b.verb === 'coaching.answer').at(-1)
  );
}
