import { checkInSubmission, type ConfidenceLog } from '../../outcomes/confidenceCheckIn';
import type { RegisteredAction } from './actionTable';

/** The confidence check-in's answers, from any card that asks the two seed questions. */
export function outcomeActions(log: ConfidenceLog): Record<string, RegisteredAction> {
  return {
    'outcomes.confidence': {
      async run(context, rawData) {
        const parsed = checkInSubmission.safeParse(rawData ?? {});
        if (!parsed.success) {
          // Usually nothing was picked. The card (often a summary still to be copied) stays as it is.
          return {
            kind: 'message',
            text: 'Pick an answer to at least one of the two questions, then send.',
          };
        }
        await log.record(context.tenantId, context.userId, parsed.data);
        context.logger.info('confidence check-in recorded', { reason: parsed.data.moment });
        return {
          kind: 'message',
          text: 'Thank you: your answers are saved. They are only ever reported for groups of five or more.',
        };
      },
    },
  };
}
