import type { Logger } from '../logging/logger';
import type { SafetyAlertCardData } from '../safety';
import { recordSafetyCard } from '../telemetry/metrics';

/**
 * Every surface that shows the safety card says so here: one log line (how many concerns, on
 * which surface) and one count per trigger category for telemetry. Never the words that raised it.
 */
export function safetyCardRaised(
  logger: Logger,
  card: SafetyAlertCardData,
  where: { readonly reason: string; readonly verb?: string },
): void {
  logger.info('safety card raised', { ...where, count: card.concerns.length });
  for (const category of card.categories) recordSafetyCard(category);
}
