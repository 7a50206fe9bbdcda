import { randomUUID } from 'node:crypto';
import type { ConfidenceAnswer } from '../../../src/outcomes/confidenceAnswers';
import type { CheckInSubmission } from '../../../src/outcomes/confidenceCheckIn';
import { hmacRespondentIds } from '../../../src/outcomes/respondentIds';

/** An obviously fake respondent-id key, for tests only. */
export const testRespondentSecret = 'test-only-respondent-id-secret-0123456789';
export const testRespondents = hmacRespondentIds(testRespondentSecret);

/** A check-in card's Send: both questions answered unless said otherwise, a fresh card each time. */
export function aCheckIn(change: Partial<CheckInSubmission> = {}): CheckInSubmission {
  return {
    moment: 'refresher',
    checkInId: randomUUID(),
    'confidence-identify': 4,
    'confidence-engage': 3,
    ...change,
  };
}

/** One stored answer, as the aggregation reads it (respondent ids are made-up labels). */
export function anAnswer(
  change: Partial<ConfidenceAnswer> & { respondent: string },
): ConfidenceAnswer {
  return {
    tenantId: '00000000-0000-4000-8000-00000000aaaa',
    checkInId: randomUUID(),
    moment: 'refresher',
    question: 'identify',
    answer: 4,
    answeredAt: '2026-11-10T10:00:00.000Z',
    ...change,
  };
}
