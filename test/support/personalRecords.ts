import type { CoachingSession } from '../../src/coaching/session';
import type { ReferralDraft } from '../../src/referrals/form/draft';

/** A stored walk-through as the coaching repository holds it, with one note. */
export function aStoredSession(at: Date, note = 'A fake note'): CoachingSession {
  const now = at.toISOString();
  return {
    schemaVersion: 1,
    packVersion: '1',
    mode: 'debrief',
    status: 'paused',
    stepId: 'explore',
    revision: 1,
    startedAt: now,
    updatedAt: now,
    expiresAt: new Date(at.getTime() + 30 * 24 * 3_600_000).toISOString(),
    path: [{ stepId: 'open', via: 'next', ticked: [], note, safety: [] }],
  };
}

/** A referral draft being filled in. */
export function aStoredDraft(at: Date, values: Record<string, string> = {}): ReferralDraft {
  const now = at.toISOString();
  return {
    schemaVersion: 1,
    status: 'editing',
    revision: 1,
    place: 'father',
    values,
    childCount: 0,
    itemCounts: {},
    openChild: null,
    completed: [],
    corrections: {},
    source: 'new',
    startedAt: now,
    updatedAt: now,
  };
}
