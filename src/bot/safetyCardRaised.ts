import type { TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger';
import type { SafetyAlertCardData } from '../safety';
import { recordSafetyCard, recordSafetyNetError } from '../telemetry/metrics';
import type { CardCatalog } from './cards/cardCatalog';

/** Where a safety card was raised (never the words that raised it). */
export interface SafetyCardSource {
  readonly reason: string;
  readonly verb?: string;
}

/**
 * Every surface that shows the safety card says so here: one log line (how many concerns, on
 * which surface) and one count per trigger category for telemetry.
 */
export function safetyCardRaised(
  logger: Logger,
  card: SafetyAlertCardData,
  where: SafetyCardSource,
): void {
  logger.info('safety card raised', { ...where, count: card.concerns.length });
  for (const category of card.categories) recordSafetyCard(category);
}

/**
 * The safety card as a message of its own in this turn, said once (above). A card that could not
 * be sent counts as a safety-net error, which an alert rule watches; the error goes on to the
 * turn's error handler.
 */
export async function sendSafetyCard(
  turn: TurnContext,
  deps: { readonly cards: CardCatalog; readonly logger: Logger },
  card: SafetyAlertCardData,
  where: SafetyCardSource,
): Promise<void> {
  safetyCardRaised(deps.logger, card, where);
  try {
    await turn.sendActivity({ attachments: [deps.cards.attachment('safety-alert', card)] });
  } catch (err) {
    recordSafetyNetError(where.reason.replaceAll(' ', '-'));
    throw err;
  }
}
