import type { Middleware } from 'botbuilder';
import { coachingActions } from '../bot/actions/coachingActions';
import { outcomeActions } from '../bot/actions/outcomeActions';
import { referralActions } from '../bot/actions/referralActions';
import { welcomeActions } from '../bot/actions/welcomeActions';
import { wordingActions } from '../bot/actions/wordingActions';
import { ConversationMemory } from '../bot/conversationMemory';
import { DareCoachBot } from '../bot/dareCoachBot';
import { TenantGuard } from '../bot/tenantGuard';
import { safetyNetResponder, wordingSearchResponder } from '../bot/textResponders';
import { createWordingMessageExtension } from '../bot/wordingMessageExtension';
import { findResumable } from '../coaching';
import type { AppConfig } from '../config/config';
import { AppError } from '../kernel/errors';
import { composeFeatures, type Features } from './features';
import type { ApplicationParts } from './parts';

export interface ComposedBot extends Features {
  readonly bot: DareCoachBot;
  /** In the order the adapter must run them: the tenant guard first, so refused turns store nothing. */
  readonly middleware: readonly Middleware[];
}

export interface BotHooks {
  /** Asks the referral delivery worker for a pass now (after a Send). */
  readonly wakeDelivery?: () => void;
}

/** The bot and its middleware, independent of the adapter (tests run them on a TestAdapter). */
export function composeBot(
  config: AppConfig,
  parts: ApplicationParts,
  hooks: BotHooks = {},
): ComposedBot {
  const { logger, clock } = parts;
  const features = composeFeatures(parts);
  const { cards, conversations, tenants, coaching, wording } = features;
  const resumeLogger = logger.child({ component: 'bot' });

  const bot = new DareCoachBot({
    cards,
    // Later entries win: a feature's own handler replaces the welcome card's "coming soon".
    actions: {
      // The menu never depends on storage: without the session it shows no resume offer.
      ...welcomeActions((tenantId, userId) =>
        findResumable(coaching, { tenantId, userId }).catch((err: unknown) => {
          resumeLogger.warn('resume offer left out: session not read', {
            code: err instanceof AppError ? err.code : 'unknown',
          });
          return undefined;
        }),
      ),
      ...coachingActions(coaching),
      ...wordingActions(wording),
      ...outcomeActions(features.confidence),
      ...referralActions({
        ...features.referrals,
        deliveryDeadlineMs: config.referrals.deliveryDeadlineMs,
        clock,
        tenants,
        conversations,
        safety: {
          net: coaching.walkthrough.pack.safety,
          alert: coaching.walkthrough.pack.safetyAlert,
        },
        ...(hooks.wakeDelivery ? { wakeDelivery: hooks.wakeDelivery } : {}),
      }),
    },
    // The safety net first: danger words always raise the safety card.
    textResponders: [safetyNetResponder(coaching), wordingSearchResponder(wording)],
    wordingSearch: createWordingMessageExtension(wording, cards),
    logger: logger.child({ component: 'bot' }),
  });
  const middleware = [
    new TenantGuard(config.allowedTenantIds, logger.child({ component: 'tenant-guard' })),
    new ConversationMemory(conversations, logger.child({ component: 'conversation-memory' })),
  ];
  return { ...features, bot, middleware };
}
