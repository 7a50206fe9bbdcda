import type { Activity } from 'botbuilder';
import { answers } from '../../support/referrals/formAnswers';
import { aTeamsProfile } from '../../support/referrals/formHarness';

/** The referrer step as Teams sends it: the name and email the card shows from the profile. */
const referrer = {
  ...answers.referrer,
  'referrer.name': aTeamsProfile.name,
  'referrer.email': aTeamsProfile.email,
};
import { buttonsOf } from '../../support/botHarness';
import { aCardAction, aMessage } from '../../support/builders';

/** One bench user: an obviously fake person with their own personal chat in the fake tenant. */
export interface BenchUser {
  readonly from: { readonly id: string; readonly aadObjectId: string; readonly name: string };
  readonly conversationId: string;
}

export function benchUsers(count: number, prefix: string): BenchUser[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    return {
      from: {
        id: `29:fake-bench-${prefix}-user-${n}`,
        aadObjectId: `00000000-0000-4000-8000-00000000${n}`,
        name: `Testy McFakeface ${n}`,
      },
      conversationId: `a:fake-bench-${prefix}-conversation-${n}`,
    };
  });
}

type Card = Record<string, unknown>;

/** Where a user is in a scenario: the card their last button press answered with. */
export interface UserState {
  readonly user: BenchUser;
  card: Card | undefined;
  /** Turns this user has taken in the scenario. */
  turns: number;
}

/** Presses in one walk-through before starting another, about as many as its steps. */
const walkthroughLength = 8;

export interface Scenario {
  readonly id: 'help' | 'walkthrough' | 'wording' | 'referral';
  readonly label: string;
  readonly kind: 'message' | 'invoke';
  /** What a turn of this scenario stores, as the design allows it. */
  readonly storage: string;
  /** The user's next turn, from the card in view (invokes) or always the same (messages). */
  next(state: UserState): Partial<Activity>;
}

const press = (state: UserState, verb: string, data: Record<string, unknown> = {}) =>
  aCardAction(verb, data, { conversationId: state.user.conversationId });

const say = (state: UserState, text: string) =>
  aMessage(text, { conversationId: state.user.conversationId });

export const scenarios: readonly Scenario[] = [
  {
    id: 'help',
    label: 'help (message)',
    kind: 'message',
    storage: 'reads the session (to offer a resume)',
    next: (state) => say(state, 'help'),
  },
  {
    id: 'walkthrough',
    label: 'walk-through step (invoke)',
    kind: 'invoke',
    storage:
      'writes the session; reads it only when this instance has no current copy (If-Match on the copy it wrote last)',
    // The first answer on the step card in view. A walk-through starts again when finished, and
    // after a walk-through's worth of presses: some first answers lead back to an earlier step,
    // and a session's path grows with every step left.
    next: (state) => {
      if (state.turns % walkthroughLength === 0) return press(state, 'coaching.prepare');
      const buttons = buttonsOf(state.card);
      // Starting while one is in progress asks first: start again (discarding it), as a user would.
      const chosen =
        buttons.find((b) => b.verb === 'coaching.answer') ??
        buttons.find((b) => b.verb === 'coaching.next') ??
        buttons.find((b) => b.verb === 'coaching.start' && b.data.discard === true);
      return chosen ? press(state, chosen.verb, chosen.data) : press(state, 'coaching.prepare');
    },
  },
  {
    id: 'wording',
    label: 'wording search (message)',
    kind: 'message',
    storage: 'none (library in memory, council contacts cached)',
    next: (state) => say(state, 'he says she winds him up'),
  },
  {
    id: 'referral',
    label: 'referral Next (invoke)',
    kind: 'invoke',
    storage:
      'writes the draft; reads it only when this instance has no current copy (If-Match on the copy it wrote last)',
    // Next on the referrer step (valid answers), then Back from the father step, and again.
    next: (state) => {
      const buttons = buttonsOf(state.card);
      const next = buttons.find((b) => b.verb === 'referral.next');
      if (next?.data.place === 'referrer') {
        return press(state, next.verb, { ...next.data, ...referrer });
      }
      const back = buttons.find((b) => b.verb === 'referral.back');
      return back ? press(state, back.verb, back.data) : press(state, 'referral.new');
    },
  },
];
