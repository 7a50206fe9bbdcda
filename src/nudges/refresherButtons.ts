import type { CardAction } from '../kernel/cardAction';
import { nudgeVerbs, welcomeVerbs } from '../kernel/verbs';

/** What every refresher card says it is. */
export const refresherKicker = 'DARE Coach refresher, from your manager';

/** Every refresher's safety line. */
export const refresherSafetyLine = 'If anyone is in immediate danger, call 999.';

/**
 * The buttons every refresher carries: back to the menu, "snooze 4 weeks" and "stop refreshers"
 * (each from the next send).
 */
export const refresherActions: readonly CardAction[] = [
  { title: 'Back to the menu', verb: welcomeVerbs.show, data: {} },
  { title: 'Snooze 4 weeks', verb: nudgeVerbs.snooze, data: {} },
  { title: 'Stop refreshers', verb: nudgeVerbs.stop, data: {} },
];
