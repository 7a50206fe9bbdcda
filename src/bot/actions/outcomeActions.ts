import { z } from 'zod';
import { checkInRequest, checkInSubmission, outcomeVerbs } from '../../outcomes/confidenceCheckIn';
import type { ConfidenceOutcomes } from '../../outcomes/confidenceOutcomes';
import type { FileExports } from '../fileExports';
import { onVerb, showCard, type ActionContext, type VerbHandler } from './actionTable';

const noData = z.object({}).passthrough();

const asker = (context: ActionContext) => ({
  tenantId: context.tenantId,
  userId: context.userId,
});

/**
 * The confidence outcomes' verbs: the check-in card (answered once; it turns into a thank-you in
 * place), "my confidence", and for managers the team view and its CSV file.
 */
export function outcomeActions(outcomes: ConfidenceOutcomes, files: FileExports): VerbHandler[] {
  return [
    onVerb(
      outcomeVerbs.confidence,
      checkInSubmission,
      async (context, answers) => {
        const view = await outcomes.answer(asker(context), answers);
        context.logger.info('confidence check-in answered', { reason: answers.moment });
        return showCard(context.cards.renderView(view));
      },
      // Usually nothing was picked: the card stays as it is, with its answers still to give.
      () => ({
        kind: 'message',
        text: 'Pick an answer to at least one of the two questions, then send.',
      }),
    ),
    onVerb(outcomeVerbs.skip, noData, (context) =>
      showCard(context.cards.renderView(outcomes.skip())),
    ),
    onVerb(outcomeVerbs.ask, checkInRequest, (context, request) =>
      showCard(context.cards.renderView(outcomes.checkIn(request))),
    ),
    onVerb(outcomeVerbs.mine, noData, async (context) =>
      showCard(context.cards.renderView(await outcomes.mine(asker(context)))),
    ),
    onVerb(outcomeVerbs.team, noData, async (context) =>
      showCard(context.cards.renderView(await outcomes.team(asker(context)))),
    ),
    onVerb(outcomeVerbs.exportCsv, noData, async (context) => {
      const file = await outcomes.csv(asker(context));
      if (!file) return showCard(context.cards.renderView(outcomes.notAManager()));
      await files.offer(context.turn, file);
      context.logger.info('confidence export offered', {});
      return {
        kind: 'message',
        text: 'Accept the file below to save it to your OneDrive; it holds team figures only.',
      };
    }),
  ];
}
