import type { Counter, Meter } from '@opentelemetry/api';

/**
 * Custom metrics any part of the app may record. Until telemetry starts they go nowhere; values
 * must be names the code defines (verbs, categories, statuses): anything else is counted as
 * `other`, so free text can never become a metric dimension.
 */
export const meterName = 'dare-coach';
export const metricAttributeKeys = ['verb', 'category', 'status', 'outcome', 'stage'] as const;

/** Instrument names, as Application Insights shows them in customMetrics (alert rules query them). */
export const metricNames = {
  turns: 'dare.turns',
  safetyCards: 'dare.safety_cards',
  referralsFinal: 'dare.referrals.final',
  deliveryAttempts: 'dare.referrals.delivery_attempts',
  safetyNetErrors: 'dare.safety_net.errors',
} as const;

const codeName = /^[a-z][a-z0-9._-]{0,39}$/;

interface Counters {
  readonly turns: Counter;
  readonly safetyCards: Counter;
  readonly referralsFinal: Counter;
  readonly deliveryAttempts: Counter;
  readonly safetyNetErrors: Counter;
}

let counters: Counters | undefined;

/** Points the recording functions at a meter (telemetry start, or a test's meter provider). */
export function useMeter(meter: Meter | undefined): void {
  counters =
    meter === undefined
      ? undefined
      : {
          turns: meter.createCounter(metricNames.turns, { description: 'Turns handled, by verb' }),
          safetyCards: meter.createCounter(metricNames.safetyCards, {
            description: 'Safety cards shown, by trigger category',
          }),
          referralsFinal: meter.createCounter(metricNames.referralsFinal, {
            description: 'Referrals reaching a final status',
          }),
          deliveryAttempts: meter.createCounter(metricNames.deliveryAttempts, {
            description: 'Referral delivery attempts, by outcome',
          }),
          safetyNetErrors: meter.createCounter(metricNames.safetyNetErrors, {
            description: 'Failures to check for or show the safety card (an alert rule watches it)',
          }),
        };
}

function name(value: string): string {
  return codeName.test(value) ? value : 'other';
}

/** One turn handled, by verb (a card action's verb, or a command name). */
export function recordTurn(verb: string): void {
  counters?.turns.add(1, { verb: name(verb) });
}

/** A safety card raised, by trigger category. */
export function recordSafetyCard(category: string): void {
  counters?.safetyCards.add(1, { category: name(category) });
}

/** A referral reached its final status. */
export function recordReferralFinal(status: 'sent' | 'rejected' | 'failed'): void {
  counters?.referralsFinal.add(1, { status });
}

/** One delivery attempt to the partnership and how it ended (e.g. `delivered`, `retry`, `rejected`). */
export function recordDeliveryAttempt(outcome: string): void {
  counters?.deliveryAttempts.add(1, { outcome: name(outcome) });
}

/** The safety net failed (trigger matching or showing the safety card), by stage. Alerted on. */
export function recordSafetyNetError(stage: string): void {
  counters?.safetyNetErrors.add(1, { stage: name(stage) });
}
