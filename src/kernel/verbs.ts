/**
 * Verbs that belong to no use-case folder: the menu (the bot's welcome card), which every feature's
 * notices link back to, and refresher nudges, which are still to come. Feature verbs are declared
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
  /** Team managers' refresher nudges: answered "coming soon" until the feature exists. */
  manage: 'nudges.manage',
} as const;

export type WelcomeVerb = (typeof welcomeVerbs)[keyof typeof welcomeVerbs];
export type NudgeVerb = (typeof nudgeVerbs)[keyof typeof nudgeVerbs];
