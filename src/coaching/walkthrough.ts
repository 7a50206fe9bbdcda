import type { CoachingPack } from '../content/coaching/coachingPack';
import type { CoachingMode, StepContent } from '../content/coaching/schema';
import { buildSafetyAlert } from '../safety/alert';
import type { LocalContacts } from '../tenants/localContacts';
import { coachingVerbs, newMessageFlag, type CoachingAction, type StepInput } from './actions';
import { isExpired, noteMaxLength, touched, type CoachingSession, type PathEntry } from './session';
import { buildStepView, currentStep, findAnswer, firstStep, progressLine } from './stepView';
import { buildSummary } from './summary';
import type { CoachingCardView, SafetyCardView, StaleReason } from './views';

/** What a turn needs from outside: the time (for expiry) and the tenant's local details. */
export interface TurnContext {
  readonly now: Date;
  readonly contacts: LocalContacts;
}

/**
 * The result of applying an action. Only `changed` carries a session to write; `unchanged` and
 * `stale` leave storage alone. `safety` is set whenever what was typed or ticked raised the
 * safety net, whatever else happened: a stale card never swallows a danger signal.
 */
export type Transition =
  | {
      readonly kind: 'changed';
      readonly session: CoachingSession;
      readonly view: CoachingCardView;
      readonly safety?: SafetyCardView;
    }
  | {
      readonly kind: 'unchanged';
      readonly view: CoachingCardView;
      readonly safety?: SafetyCardView;
    }
  | {
      readonly kind: 'stale';
      readonly reason: StaleReason;
      readonly view: CoachingCardView;
      readonly safety?: SafetyCardView;
    };

/** The walk-through as a pure state machine over the content pack. */
export interface Walkthrough {
  readonly pack: CoachingPack;
  /** A new session; `previous` (any state) only continues the revision count so its cards go stale. */
  start(mode: CoachingMode, ctx: TurnContext, previous?: CoachingSession): Transition;
  apply(session: CoachingSession | undefined, action: CoachingAction, ctx: TurnContext): Transition;
  /** The card for a session as it stands (current step, summary or paused). */
  view(session: CoachingSession, contacts: LocalContacts): CoachingCardView;
  /** The card for an action that could not be applied, e.g. after losing a race to another device. */
  staleView(reason: StaleReason): CoachingCardView;
  /**
   * The safety card an action raises from what was typed or ticked, from the action alone: no
   * session, so it can be shown before (and whatever happens to) any storage call.
   */
  safetyFor(action: CoachingAction, contacts: LocalContacts): SafetyCardView | undefined;
}

export function createWalkthrough(pack: CoachingPack): Walkthrough {
  const view = (session: CoachingSession, contacts: LocalContacts): CoachingCardView => {
    if (session.status === 'completed')
      return { card: 'coaching-summary', data: buildSummary(pack, session, contacts) };
    if (session.status === 'paused') return pausedView(pack, session);
    return { card: 'coaching-step', data: buildStepView(pack, session, contacts) };
  };

  const start = (mode: CoachingMode, ctx: TurnContext, previous?: CoachingSession): Transition => {
    const now = ctx.now.toISOString();
    const fresh: CoachingSession = {
      schemaVersion: 1,
      packVersion: pack.version,
      mode,
      status: 'active',
      stepId: firstStep(pack.modes[mode]).id,
      revision: previous?.revision ?? 0,
      startedAt: now,
      updatedAt: now,
      expiresAt: now,
      path: [],
    };
    const session = touched(fresh, ctx.now, {});
    return { kind: 'changed', session, view: view(session, ctx.contacts) };
  };

  const apply = (
    session: CoachingSession | undefined,
    action: CoachingAction,
    ctx: TurnContext,
  ): Transition => {
    const raised = 'input' in action ? raisedCategories(pack, action) : [];
    const safety = safetyView(pack, raised, ctx.contacts, noteWords(pack, action));
    const withSafety = (t: Transition): Transition => (safety ? { ...t, safety } : t);

    if (action.type === 'start') {
      const unfinished =
        session !== undefined && session.status !== 'completed' && !isExpired(session, ctx.now);
      // Never discard a walk-through silently: ask first, resume or start again.
      if (unfinished && action.discard !== true)
        return withSafety({ kind: 'unchanged', view: restartQuestion(pack, session, action.mode) });
      return withSafety(start(action.mode, ctx, session));
    }
    if (session === undefined) return withSafety(stale(pack, 'not-found'));
    if (isExpired(session, ctx.now)) return withSafety(stale(pack, 'expired'));
    if (action.type === 'resume') {
      if (session.status !== 'paused')
        return withSafety({ kind: 'unchanged', view: view(session, ctx.contacts) });
      const resumed = touched(session, ctx.now, { status: 'active' });
      return withSafety({ kind: 'changed', session: resumed, view: view(resumed, ctx.contacts) });
    }
    // Every other action was pressed on a card: it must be the card for the session as it is now.
    // (The rendered step, not the stored id: a newer pack may have dropped the stored step.)
    if (
      action.revision !== session.revision ||
      action.stepId !== currentStep(pack, session).id ||
      session.status === 'paused'
    ) {
      return withSafety(stale(pack, 'out-of-date'));
    }
    const next = step(pack, session, action, raised, ctx.now);
    if (next === undefined)
      return withSafety({ kind: 'unchanged', view: view(session, ctx.contacts) });
    return withSafety({ kind: 'changed', session: next, view: view(next, ctx.contacts) });
  };

  const safetyFor = (action: CoachingAction, contacts: LocalContacts) =>
    'input' in action
      ? safetyView(pack, raisedCategories(pack, action), contacts, noteWords(pack, action))
      : undefined;

  return {
    pack,
    start,
    apply,
    view,
    staleView: (reason) => stale(pack, reason).view,
    safetyFor,
  };
}

type CardActionOf<T extends CoachingAction['type']> = Extract<CoachingAction, { type: T }>;

/** The session after a step action, or undefined when the action does nothing here. */
function step(
  pack: CoachingPack,
  session: CoachingSession,
  action: CardActionOf<'answer' | 'next' | 'skip' | 'back' | 'pause' | 'wording'>,
  raised: readonly string[],
  now: Date,
): CoachingSession | undefined {
  const here = currentStep(pack, session);
  // What was typed on this card is kept whichever way the card is left.
  const pending = withPending(session.pending, here.id, action.input.note);
  // Wording opens below; the step stays, with the note kept in its box.
  if (action.type === 'wording') return touched(session, now, { pending });
  if (action.type === 'pause')
    return session.status === 'active'
      ? touched(session, now, { status: 'paused', pending })
      : undefined;
  if (action.type === 'back') {
    const last = session.path[session.path.length - 1];
    if (last === undefined) return undefined;
    return touched(session, now, {
      status: 'active',
      stepId: last.stepId,
      path: session.path.slice(0, -1),
      // The step gone back to shows its note again, ready to edit.
      pending: withPending(pending, last.stepId, last.note),
    });
  }
  if (session.status !== 'active') return undefined;
  if (action.type === 'answer') {
    const answer = findAnswer(here, action.answerId);
    if (answer === undefined) return undefined;
    return leave(
      session,
      here,
      entry(here, 'answer', action.input, raised, answer.id),
      endsPlainly(pack, session, here, answer.next) ? undefined : answer.next,
      now,
    );
  }
  if (action.type === 'skip' && (!here.canSkip || here.finish)) return undefined;
  const target = here.next;
  if (!here.finish && target === undefined) return undefined;
  return leave(
    session,
    here,
    entry(here, action.type, action.input, raised),
    endsPlainly(pack, session, here, target) ? undefined : target,
    now,
  );
}

/**
 * "Do not ask now" while preparing: going on to the record-and-reflect step would walk through a
 * conversation that is not happening, so the walk-through ends there, with its summary saying
 * what to do instead.
 */
function endsPlainly(
  pack: CoachingPack,
  session: CoachingSession,
  here: StepContent,
  target: string | undefined,
): boolean {
  if (session.mode !== 'prepare' || here.tone !== 'stop' || target === undefined) return false;
  return pack.modes[session.mode].stepsById.get(target)?.finish === true;
}

/** Records the step just left and moves on; with no target the walk-through is complete. */
function leave(
  session: CoachingSession,
  here: StepContent,
  left: PathEntry,
  target: string | undefined,
  now: Date,
): CoachingSession {
  const path = [...session.path, left];
  // The note now lives in the path entry.
  const pending = withPending(session.pending, here.id, undefined);
  if (target === undefined)
    return touched(session, now, { status: 'completed', stepId: here.id, path, pending });
  return touched(session, now, { stepId: target, path, pending });
}

/** The pending notes with this step's note set (or removed when there is none). */
function withPending(
  pending: CoachingSession['pending'],
  stepId: string,
  note: string | undefined,
): Record<string, string> {
  const { [stepId]: _replaced, ...others } = pending ?? {};
  return note === undefined || note.trim() === ''
    ? others
    : { ...others, [stepId]: note.slice(0, noteMaxLength) };
}

function entry(
  here: StepContent,
  via: PathEntry['via'],
  input: StepInput,
  raised: readonly string[],
  answerId?: string,
): PathEntry {
  const known = new Set(here.checklist?.items.map((i) => i.id) ?? []);
  return {
    stepId: here.id,
    via,
    ...(answerId === undefined ? {} : { answerId }),
    ticked: input.ticked.filter((id) => known.has(id)),
    ...(input.note === undefined ? {} : { note: input.note.slice(0, noteMaxLength) }),
    safety: [...raised],
  };
}

/**
 * Safety categories raised by an action: the typed note, ticked items and the chosen answer,
 * looked up on the step the card was rendered for (step ids are unique across modes). This runs
 * before any staleness check: a danger signal is honoured even from an out-of-date card.
 */
function raisedCategories(
  pack: CoachingPack,
  action: CardActionOf<'answer' | 'next' | 'skip' | 'back' | 'pause' | 'wording'>,
): string[] {
  const found = new Set<string>(
    action.input.note === undefined ? [] : pack.safety.scan(action.input.note),
  );
  const rendered = Object.values(pack.modes).flatMap((m) => m.stepsById.get(action.stepId) ?? []);
  for (const s of rendered) {
    for (const item of s.checklist?.items ?? [])
      if (action.input.ticked.includes(item.id)) found.add(item.trigger);
    const answer = action.type === 'answer' ? findAnswer(s, action.answerId) : undefined;
    if (answer?.trigger !== undefined) found.add(answer.trigger);
  }
  return pack.safety.categoryIds.filter((id) => found.has(id));
}

/** The note's words that raised the safety net (the walk-through runs in a personal chat only). */
function noteWords(pack: CoachingPack, action: CoachingAction): string[] {
  if (!('input' in action) || action.input.note === undefined) return [];
  return pack.safety.check(action.input.note).map((f) => f.words.join(' '));
}

function safetyView(
  pack: CoachingPack,
  raised: readonly string[],
  contacts: LocalContacts,
  words: readonly string[],
): SafetyCardView | undefined {
  const data = buildSafetyAlert(pack.safetyAlert, pack.safety, raised, contacts, {
    // The safety card stays in the chat: the step comes back as a new message below it.
    continueAction: { verb: coachingVerbs.resume, data: { [newMessageFlag]: true } },
    words,
  });
  return data && { card: 'safety-alert', data };
}

function pausedView(pack: CoachingPack, session: CoachingSession): CoachingCardView {
  const mode = pack.modes[session.mode];
  const here = currentStep(pack, session);
  return {
    card: 'coaching-paused',
    data: {
      title: pack.shared.messages.pausedTitle,
      text: pack.shared.messages.pausedText,
      progress: `${mode.title}. ${progressLine(pack, mode, here.stage)}`,
      actions: [
        { title: pack.shared.navigation.resume.title, verb: coachingVerbs.resume, data: {} },
      ],
    },
  };
}

const ukDay = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'Europe/London',
});

/** "You have a paused debrief from Tuesday 1 December: resume it, or start again and discard it?" */
function restartQuestion(
  pack: CoachingPack,
  session: CoachingSession,
  mode: CoachingMode,
): CoachingCardView {
  const current = pack.modes[session.mode];
  const here = currentStep(pack, session);
  const what = session.mode === 'debrief' ? 'debrief' : 'preparation';
  const state = session.status === 'paused' ? 'paused' : 'unfinished';
  return {
    card: 'coaching-paused',
    data: {
      title: `You have ${state === 'paused' ? 'a paused' : 'an unfinished'} ${what}`,
      text: `You have ${state === 'paused' ? 'a paused' : 'an unfinished'} ${what} from ${ukDay.format(new Date(session.updatedAt))}: resume it, or start again and discard it?`,
      progress: `${current.title}. ${progressLine(pack, current, here.stage)}`,
      actions: [
        { title: 'Resume it', verb: coachingVerbs.resume, data: {} },
        {
          title: 'Start again and discard it',
          verb: coachingVerbs.start,
          data: { mode, discard: true },
        },
      ],
    },
  };
}

function stale(pack: CoachingPack, reason: StaleReason): Transition {
  const m = pack.shared.messages;
  const startActions = [
    { title: m.startPrepare, verb: coachingVerbs.start, data: { mode: 'prepare' } },
    { title: m.startDebrief, verb: coachingVerbs.start, data: { mode: 'debrief' } },
  ];
  const data = {
    'out-of-date': {
      title: m.staleTitle,
      text: m.staleText,
      actions: [
        { title: pack.shared.navigation.resume.title, verb: coachingVerbs.resume, data: {} },
      ],
    },
    expired: { title: m.expiredTitle, text: m.expiredText, actions: startActions },
    'not-found': { title: m.notFoundTitle, text: m.notFoundText, actions: startActions },
  }[reason];
  return { kind: 'stale', reason, view: { card: 'coaching-stale', data: { ...data, reason } } };
}
