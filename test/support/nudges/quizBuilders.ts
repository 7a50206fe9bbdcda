import type { NudgeRecord } from '../../../src/nudges/model';

export const quizTenantId = '00000000-0000-4000-8000-00000000aaaa';

/** A quiz nudge sent now to a team (change any part). */
export function aQuizNudge(change: Partial<NudgeRecord> = {}): NudgeRecord {
  return {
    tenantId: quizTenantId,
    nudgeId: '00000000-0000-4000-8000-0000000000b1',
    occurrence: 'now',
    content: { kind: 'quiz' },
    audience: { kind: 'team', teamId: '19:fake-team@thread.tacv2' },
    sentBy: 'fake-manager-fingerprint',
    state: 'sending',
    createdAt: '2026-12-01T10:00:00.000Z',
    ...change,
  };
}
