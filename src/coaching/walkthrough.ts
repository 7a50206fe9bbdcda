import type { CoachingPack } from '../content/coaching/coachingPack';
import type { CoachingMode, StepContent } from '../content/coaching/schema';
import { buildSafetyAlert } from '../safety/alert';
import type { LocalContacts } from '../tenants/localContacts';
import { coachingVerbs, newMessageFlag, type CoachingAction, type StepInput } from './actions';
import { isExpired, noteMaxLength, touched, type CoachingSession, type PathEntry } from './session';
import {
  buildStepView,
  currentStep,
  findAnswer,
  firstStep,
  isWhatIf,
  progressLine,
  type SituationGuide,
} from './stepView';
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

/**
 * The walk-through over a content pack. `guide` gives a "what if…" answer's guidance its words
 * from the wording library (without it, the guidance shows only what the answer itself carries).
 */
export function createWalkthrough(pack: CoachingPack, guide?: SituationGuide): Walkthrough {
  const view = (session: CoachingSession, contacts: LocalContacts): CoachingCardView => {
    if (session.status === 'completed')
      return { card: 'coaching-summary', data: buildSummary(pack, session, contacts) };
    if (session.status === 'paused') return pausedView(pack, session);
    return { card: 'coaching-step', data: buildStepView(pack, session, contacts, guide) };
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
  action: CardActionOf<'answer' | 'next' | 'skip' | 'back' | 'pause' | 'closeWhatIf' | 'wording'>,
  raised: readonly string[],
  now: Date,
): CoachingSession | undefined {
  const here = currentStep(pack, session);
  // What was typed or ticked on this card is kept whichever way the card is left.
  const pending = withPending(session.pending, here.id, action.input.note);
  const draft = withTicked(session.draft, here.id, action.input.ticked);
  // Wording opens below; the step stays, with the note kept in its box.
  if (action.type === 'wording') return touched(session, now, { pending, draft });
  if (action.type === 'pause')
    return session.status === 'active'
      ? touched(session, now, { status: 'paused', pending, draft })
      : undefined;
  if (action.type === 'back') {
    const last = session.path[session.path.length - 1];
    if (last === undefined) return undefined;
    return touched(session, now, {
      status: 'active',
      stepId: last.stepId,
      path: session.path.slice(0, -1),
      // The step gone back to shows its note, ticks and what-ifs again, ready to edit.
      pending: withPending(pending, last.stepId, last.note),
      draft: withWhatIfs(
        withTicked(closed(draft), last.stepId, last.ticked),
        last.stepId,
        last.whatIfs,
      ),
    });
  }
  if (session.status !== 'active') return undefined;
  if (action.type === 'closeWhatIf')
    return touched(session, now, { pending, draft: closed(draft) });
  if (action.type === 'answer') {
    const answer = findAnswer(here, action.answerId);
    if (answer === undefined) return undefined;
    // A "what if…" shows its guidance on this step; moving on is always the explicit Next.
    if (isWhatIf(session.mode, here, answer)) {
      const seen = draft.whatIfs?.[here.id] ?? [];
      const whatIfs = seen.includes(answer.id) ? seen : [...seen, answer.id];
      return touched(session, now, {
        pending,
        draft: { ...withWhatIfs(draft, here.id, whatIfs), open: answer.id },
      });
    }
    return leave(
      session,
      here,
      entry(here, 'answer', action.input, raised, draft, answer.id),
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
    entry(here, action.type, action.input, raised, draft),
    endsPlainly(pack, session, here, target) ? undefined : target,
    now,
  );
}

type Draft = NonNullable<CoachingSession['draft']>;

/** Keyed by step: `value` for `stepId`, or the key removed when there is nothing to keep. */
function withKey<T>(
  record: Readonly<Record<string, T>> | undefined,
  stepId: string,
  value: T | undefined,
  empty: (v: T) => boolean,
): Record<string, T> {
  const { [stepId]: _replaced, ...others } = record ?? {};
  return value === undefined || empty(value) ? others : { ...others, [stepId]: value };
}

const noItems = (items: readonly string[]) => items.length === 0;

function withTicked(
  draft: Draft | undefined,
  stepId: string,
  ticked: readonly string[] | undefined,
): Draft {
  return { ...draft, ticked: withKey(draft?.ticked, stepId, ticked && [...ticked], noItems) };
}

function withWhatIfs(draft: Draft, stepId: string, whatIfs: readonly string[] | undefined): Draft {
  return { ...draft, whatIfs: withKey(draft.whatIfs, stepId, whatIfs && [...whatIfs], noItems) };
}

/** The draft with no "what if…" guidance open. */
function closed(draft: Draft): Draft {
  const { open: _open, ...rest } = draft;
  return rest;
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
  // The note, ticks and what-ifs now live in the path entry.
  const pending = withPending(session.pending, here.id, undefined);
  const draft = withWhatIfs(withTicked(closed(session.draft ?? {}), here.id, []), here.id, []);
  if (target === undefined)
    return touched(session, now, { status: 'completed', stepId: here.id, path, pending, draft });
  return touched(session, now, { stepId: target, path, pending, draft });
}

/** The pending notes with this step's note set (or removed when there is none). */
function withPending(
  pending: CoachingSession['pending'],
  stepId: string,
  note: string | undefined,
): Record<string, string> {
  return withKey(pending, stepId, note?.slice(0, noteMaxLength), (n) => n.trim() === '');
}

function entry(
  here: StepContent,
  via: PathEntry['via'],
  input: StepInput,
  raised: readonly string[],
  draft: Draft,
  answerId?: string,
): PathEntry {
  const known = new Set(here.checklist?.items.map((i) => i.id) ?? []);
  const whatIfs = draft.whatIfs?.[here.id] ?? [];
  return {
    stepId: here.id,
    via,
    ...(answerId === undefined ? {} : { answerId }),
    ticked: input.ticked.filter((id) => known.has(id)),
    ...(input.note === undefined ? {} : { note: input.note.slice(0, noteMaxLength) }),
    safety: [...raised],
    ...(whatIfs.length === 0 ? {} : { whatIfs: [...whatIfs] }),
  };
}

/**
 * Safety categories raised by an action: the typed note, ticked items and the chosen answer,
 * looked up on the step the card was rendered for (step ids are unique across modes). This runs
 * before any staleness check: a danger signal is honoured even from an out-of-date card.
 */
function raisedCategories(
  pack: CoachingPack,
  action: CardActionOf<'answer' | 'next' | 'skip' | 'back' | 'pause' | 'closeWhatIf' | 'wording'>,
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
