import type { CoachingAction, StepInput } from '../../../src/coaching/actions';
import type { CoachingSession } from '../../../src/coaching/session';
import type { CoachingCardView, CoachingStepCardData } from '../../../src/coaching/views';
import {
  createWalkthrough,
  type Transition,
  type Walkthrough,
} from '../../../src/coaching/walkthrough';
import { situationGuide } from '../../../src/coaching/situationGuide';
import { loadCoachingPack } from '../../../src/content/coaching/loadCoachingPack';
import { loadWordingLibrary } from '../../../src/content/wording/loadLibrary';
import type { CoachingPack } from '../../../src/content/coaching/coachingPack';
import type { CoachingMode } from '../../../src/content/coaching/schema';
import type { Clock } from '../../../src/kernel/clock';
import { genericLocalContacts, type LocalContacts } from '../../../src/tenants/localContacts';

/** Loaded once: the pack is immutable data. */
export const pack: CoachingPack = loadCoachingPack();
export const walkthrough: Walkthrough = createWalkthrough(
  pack,
  situationGuide(loadWordingLibrary()),
);

export const contacts: LocalContacts = {
  ...genericLocalContacts,
  councilName: 'Testshire Council',
  mashName: 'Testshire MASH',
  mashPhone: '01234 567890',
  maracRoute: 'the Testshire MARAC referral form',
  daLeadName: 'the Testshire DA lead',
};

export const t0 = new Date('2026-11-23T09:00:00.000Z');
export const days = (n: number): number => n * 24 * 60 * 60 * 1000;

/** A clock the test moves by hand. */
export class FakeClock implements Clock {
  constructor(private current: Date = t0) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const ctxAt = (now: Date = t0) => ({ now, contacts });

const noInput: StepInput = { ticked: [] };

/** Builders for card actions, as if pressed on the card for `session`. */
export const press = {
  answer: (
    s: CoachingSession,
    answerId: string,
    input: Partial<StepInput> = {},
  ): Extract<CoachingAction, { type: 'answer' }> => ({
    type: 'answer',
    revision: s.revision,
    stepId: s.stepId,
    answerId,
    input: { ...noInput, ...input },
  }),
  nav: (
    type: 'next' | 'skip' | 'back' | 'pause',
    s: CoachingSession,
    input: Partial<StepInput> = {},
  ): CoachingAction => ({
    type,
    revision: s.revision,
    stepId: s.stepId,
    input: { ...noInput, ...input },
  }),
};

export function started(mode: CoachingMode, now: Date = t0): CoachingSession {
  return changed(walkthrough.start(mode, ctxAt(now))).session;
}

/** Narrows a transition to `changed`, failing the test otherwise. */
export function changed(t: Transition): Extract<Transition, { kind: 'changed' }> {
  if (t.kind !== 'changed') throw new Error(`expected a change, got ${t.kind}`);
  return t;
}

export function stepData(view: CoachingCardView): CoachingStepCardData {
  if (view.card !== 'coaching-step') throw new Error(`expected a step card, got ${view.card}`);
  return view.data;
}

/** Applies a sequence of answers by id (or 'next'/'skip'), returning the final session. */
export function walk(
  mode: CoachingMode,
  moves: readonly string[],
  now: Date = t0,
): CoachingSession {
  let session = started(mode, now);
  for (const move of moves) {
    const action =
      move === 'next' || move === 'skip' ? press.nav(move, session) : press.answer(session, move);
    session = changed(walkthrough.apply(session, action, ctxAt(now))).session;
  }
  return session;
}
