import {
  checkInSubmission,
  outcomeVerbs,
  type ConfidenceLog,
} from '../../outcomes/confidenceCheckIn';
import { onVerb, type VerbHandler } from './actionTable';

/** The confidence check-in's answers, from any card that asks the two seed questions. */
export function outcomeActions(log: ConfidenceLog): VerbHandler[] {
  return [
    onVerb(
      outcomeVerbs.confidence,
      checkInSubmission,
      async (context, answers) => {
        await log.record(context.tenantId, context.userId, answers);
        context.logger.info('confidence check-in recorded', { reason: answers.moment });
        return {
          kind: 'message',
          text: 'Thank you: your answers are saved. They are only ever reported for groups of five or more.',
        };
      },
      // Usually nothing was picked. The card (often a summary still to be copied) stays as it is.
      () => ({
        kind: 'message',
        text: 'Pick an answer to at least one of the two questions, then send.',
      }),
    ),
  ];
}
