import type { Clock } from '../kernel/clock';
import type { LocalContacts } from '../tenants/localContacts';
import type { CoachingAction } from './actions';
import type { CoachingSessionRepository, LoadedSession, SessionKey } from './sessionRepository';
import { isExpired, noteMaxLength, touched, type CoachingSession } from './session';
import { progressLine, currentStep } from './stepView';
import type { CoachingCardView, SafetyCardView, StaleReason } from './views';
import type { Walkthrough } from './walkthrough';

export interface CoachingDeps {
  readonly sessions: CoachingSessionRepository;
  readonly walkthrough: Walkthrough;
  readonly clock: Clock;
}

export interface CoachingTurnInput extends SessionKey {
  readonly action: CoachingAction;
  /** The tenant's local details, to fill the cards' placeholders. */
  readonly contacts: LocalContacts;
}

export interface CoachingTurnResult {
  /** The coaching card: replaces the pressed card in place. */
  readonly view: CoachingCardView;
  /** Set when danger was typed or ticked: send it as a new message in the same turn. */
  readonly safety?: SafetyCardView;
  /** Set when nothing changed because the card was old, or there was nothing to act on. */
  readonly stale?: StaleReason;
}

/**
 * One coaching turn: read the session once, apply the action, write at most once. A write that
 * loses a race with another device is reported as an out-of-date card, never merged.
 *
 * The read is skipped when this instance holds the session from its own last read or write. That
 * copy is confirmed before it is relied on: by the write's If-Match, or, when the turn would not
 * write (a stale or unchanged card), by reading the store after all. If it was behind (another
 * instance wrote since), the turn is worked out again from the store: applying an action is a
 * pure function of the session and the card pressed (the card carries the revision it was drawn
 * from), and the safety card is sent by the caller before this runs, so nothing happens twice.
 */
export async function handleCoachingAction(
  deps: CoachingDeps,
  input: CoachingTurnInput,
): Promise<CoachingTurnResult> {
  const key = { tenantId: input.tenantId, userId: input.userId };
  const recent = await deps.sessions.load(key, { recent: true });
  if (recent?.recent) {
    const attempt = await applyAndSave(deps, input, recent);
    if (attempt.confirmed) return attempt.result;
  }
  const loaded = recent?.recent ? await deps.sessions.load(key) : recent;
  return (await applyAndSave(deps, input, loaded)).result;
}

/** `confirmed` when the store took the write (so the session it was applied to was current). */
async function applyAndSave(
  deps: CoachingDeps,
  input: CoachingTurnInput,
  loaded: LoadedSession | undefined,
): Promise<{ confirmed: boolean; result: CoachingTurnResult }> {
  const key = { tenantId: input.tenantId, userId: input.userId };
  const ctx = { now: deps.clock.now(), contacts: input.contacts };
  const transition = deps.walkthrough.apply(loaded?.session, input.action, ctx);
  const safety = transition.safety === undefined ? {} : { safety: transition.safety };

  if (transition.kind === 'stale') {
    return {
      confirmed: false,
      result: { view: transition.view, stale: transition.reason, ...safety },
    };
  }
  if (transition.kind === 'unchanged') {
    return { confirmed: false, result: { view: transition.view, ...safety } };
  }

  const saved = await deps.sessions.save(key, transition.session, loaded?.etag);
  if (!saved.ok) {
    return {
      confirmed: false,
      result: {
        view: deps.walkthrough.staleView('out-of-date'),
        stale: 'out-of-date',
        ...safety,
      },
    };
  }
  return { confirmed: true, result: { view: transition.view, ...safety } };
}

/** What the welcome card says about a walk-through that can be carried on (one read). */
export interface ResumableWalkthrough {
  readonly mode: string;
  readonly status: 'active' | 'paused';
  /** e.g. "Prepare for a conversation. Step 3 of 7: Explore what happens at home". */
  readonly description: string;
}

export async function findResumable(
  deps: Pick<CoachingDeps, 'sessions' | 'walkthrough' | 'clock'>,
  key: SessionKey,
): Promise<ResumableWalkthrough | undefined> {
  const session = (await deps.sessions.load(key))?.session;
  return isResumable(session, deps.clock.now()) ? describe(deps, session) : undefined;
}

/**
 * "Stop", "cancel", "menu": pauses a running walk-through (one read, at most one write) and says
 * what can be carried on. A walk-through another device moved on meanwhile is left as it is.
 */
export async function pauseWalkthrough(
  deps: Pick<CoachingDeps, 'sessions' | 'walkthrough' | 'clock'>,
  key: SessionKey,
  /** The note typed on the step card whose Menu button was pressed: kept for when it resumes. */
  typed?: { readonly stepId: string; readonly note: string },
): Promise<ResumableWalkthrough | undefined> {
  const loaded = await deps.sessions.load(key);
  const session = loaded?.session;
  const now = deps.clock.now();
  if (!isResumable(session, now)) return undefined;
  if (session.status === 'paused') return describe(deps, session);
  const keep =
    typed !== undefined && typed.stepId === session.stepId && typed.note.trim() !== ''
      ? { pending: { ...session.pending, [typed.stepId]: typed.note.slice(0, noteMaxLength) } }
      : {};
  const paused = touched(session, now, { status: 'paused', ...keep });
  const saved = await deps.sessions.save(key, paused, loaded?.etag);
  return describe(deps, saved.ok ? { ...paused, status: 'paused' } : session);
}

/**
 * Danger typed in the chat during a walk-through (the safety card was already shown): kept on the
 * session so the summary's "risks noted" has it, once. Nothing happens without a walk-through.
 */
export async function noteTypedRisks(
  deps: Pick<CoachingDeps, 'sessions' | 'clock'>,
  key: SessionKey,
  risks: readonly { readonly category: string; readonly words: string }[],
): Promise<void> {
  const loaded = await deps.sessions.load(key);
  const session = loaded?.session;
  const now = deps.clock.now();
  if (!isResumable(session, now)) return;
  const known = session.typedRisks ?? [];
  const added = risks
    .map((r) => ({ category: r.category, words: r.words.slice(0, 200) }))
    .filter((r) => !known.some((k) => k.category === r.category && k.words === r.words));
  if (added.length === 0) return;
  const typedRisks = [...known, ...added].slice(-50);
  // A lost race only loses this copy: the card was shown, and the chat keeps what was typed.
  await deps.sessions.save(key, { ...session, typedRisks }, loaded?.etag);
}

function isResumable(
  session: CoachingSession | undefined,
  now: Date,
): session is CoachingSession & { readonly status: 'active' | 'paused' } {
  return session !== undefined && session.status !== 'completed' && !isExpired(session, now);
}

function describe(
  deps: Pick<CoachingDeps, 'walkthrough'>,
  session: CoachingSession & { readonly status: 'active' | 'paused' },
): ResumableWalkthrough {
  const pack = deps.walkthrough.pack;
  const mode = pack.modes[session.mode];
  const step = currentStep(pack, session);
  return {
    mode: session.mode,
    status: session.status,
    description: `${mode.title}. ${progressLine(pack, mode, step.stage)}`,
  };
}
