/**
 * Verbs that belong to no use-case folder: the menu (the bot's welcome card), which every feature's
 * notices link back to, and refresher nudges (menu entry, manager cards, the refresher's buttons). Feature verbs are declared
 * in their own folders (`coachingVerbs`, `wordingVerbs`, `referralVerbs`, `outcomeVerbs`); the bot's
 * verb table gives each one its schema and handler.
 */
export const welcomeVerbs = {
  /** The welcome card: the menu every notice offers a way back to. */
  show: 'welcome.show',
  /** A way out: pause what is in progress and show the menu (typed "stop", or a card's Menu). */
  leave: 'welcome.leave',
} as const;

export const nudgeVerbs = {
  /** Team managers' refresher nudges: pick an audience and a tip, see recent sends. */
  manage: 'nudges.manage',
  /** Send the picked tip or check-in to the picked audience now. */
  send: 'nudges.send',
  /** A send's status: sent, pending, failed by reason (refreshed on demand). */
  status: 'nudges.status',
  /** On a refresher: no more refreshers for me (typed "stop refreshers" too). */
  stop: 'nudges.stop',
  /** On a refresher: none for four weeks, then they resume by themselves. */
  snooze: 'nudges.snooze',
  /** Refreshers back on (typed "refreshers on" too). */
  resume: 'nudges.on',
  /** On a quiz: the reply chosen (answered once; the card turns into its feedback). */
  quiz: 'nudges.quiz',
  /** A nudge's report (its occurrences over the report period), refreshed on demand. */
  report: 'nudges.report',
} as const;

export type WelcomeVerb = (typeof welcomeVerbs)[keyof typeof welcomeVerbs];
export type NudgeVerb = (typeof nudgeVerbs)[keyof typeof nudgeVerbs];
