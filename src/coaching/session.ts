import { z } from 'zod';
import { coachingModes } from '../content/coaching/schema';

/** A walk-through is kept this long after it was last used, then treated as gone. */
export const sessionLifetimeDays = 30;
export const sessionLifetimeMs = sessionLifetimeDays * 24 * 60 * 60 * 1000;
/** Longest note accepted from the step card (the card's input has the same limit). */
export const noteMaxLength = 1000;

const pathEntrySchema = z.object({
  stepId: z.string().min(1),
  /** How the practitioner left the step: an answer, Next, or Skip (not covered). */
  via: z.enum(['answer', 'next', 'skip']),
  answerId: z.string().min(1).optional(),
  /** Ticked checklist item ids. */
  ticked: z.array(z.string().min(1)),
  /** The practitioner's note: kept only for the summary, and gone with the session. */
  note: z.string().max(noteMaxLength).optional(),
  /** Safety categories raised on this step (ticked, chosen or typed). */
  safety: z.array(z.string().min(1)),
  /** "What if…" answers whose guidance was looked at on this step, in order. */
  whatIfs: z.array(z.string().min(1)).optional(),
});

/**
 * One practitioner's walk-through, stored per user. It holds no names or identifiers: the
 * document id is a hash of the user id, and the notes are the practitioner's own.
 */
export const coachingSessionSchema = z.object({
  schemaVersion: z.literal(1),
  packVersion: z.string().min(1),
  mode: z.enum(coachingModes),
  status: z.enum(['active', 'paused', 'completed']),
  stepId: z.string().min(1),
  /** Bumped on every change; card actions carry the revision they were rendered with. */
  revision: z.number().int().min(1),
  startedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Checked with the injected clock; storage TTL only collects the garbage. */
  expiresAt: z.iso.datetime(),
  /** Steps left so far, oldest first; Back pops the last one. */
  path: z.array(pathEntrySchema),
  /**
   * Notes typed on a step and kept when the card was left another way (Back): shown in the note
   * box when the step comes round again, and in the summary if it never does.
   */
  pending: z.record(z.string(), z.string().max(noteMaxLength)).optional(),
  /**
   * What was done on steps not yet left, kept like `pending` notes: ticked items, the "what if…"
   * answers looked at, and the one whose guidance is open on the current step now.
   */
  draft: z
    .object({
      ticked: z.record(z.string(), z.array(z.string().min(1)).max(50)).optional(),
      whatIfs: z.record(z.string(), z.array(z.string().min(1)).max(50)).optional(),
      open: z.string().min(1).optional(),
    })
    .optional(),
  /** Safety categories raised by text typed in the chat during the walk-through, with the words. */
  typedRisks: z
    .array(z.object({ category: z.string().min(1), words: z.string().max(200) }))
    .max(50)
    .optional(),
});

export type CoachingSession = z.infer<typeof coachingSessionSchema>;
export type PathEntry = CoachingSession['path'][number];
export type SessionStatus = CoachingSession['status'];

export function isExpired(session: CoachingSession, now: Date): boolean {
  return now.getTime() >= Date.parse(session.expiresAt);
}

/** The session after a change: next revision, fresh timestamps and expiry. */
export function touched(
  session: CoachingSession,
  now: Date,
  change: Partial<CoachingSession>,
): CoachingSession {
  return {
    ...session,
    ...change,
    revision: session.revision + 1,
    updatedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + sessionLifetimeMs).toISOString(),
  };
}
