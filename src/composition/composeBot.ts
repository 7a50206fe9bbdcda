import type { Middleware } from 'botbuilder';
import { VerbTable } from '../bot/actions/actionTable';
import { coachingActions } from '../bot/actions/coachingActions';
import { outcomeActions } from '../bot/actions/outcomeActions';
import { nudgeActions, refresherWordsResponder } from '../bot/actions/nudgeActions';
import { scheduleActions } from '../bot/actions/scheduleActions';
import { englandAndWalesHolidays } from '../nudges/schedules/calendar';
import { TeamInstallations } from '../bot/teamInstallations';
import { referralActions } from '../bot/actions/referralActions';
import { welcomeActions } from '../bot/actions/welcomeActions';
import { offerWording, wordingActions } from '../bot/actions/wordingActions';
import { ConversationMemory } from '../bot/conversationMemory';
import { DareCoachBot } from '../bot/dareCoachBot';
import { PersonalTyping } from '../bot/personalTyping';
import { SafetyFirst } from '../bot/safetyFirst';
import { TenantGuard } from '../bot/tenantGuard';
import { safetyNetResponder, wordingSearchResponder } from '../bot/textResponders';
import { createWordingMessageExtension } from '../bot/wordingMessageExtension';
import { findResumable, noteTypedRisks, pauseWalkthrough } from '../coaching';
import type { AppConfig } from '../config/config';
import { AppError } from '../kernel/errors';
import { SafetyContacts } from '../safety';
import { composeFeatures, type Features } from './features';
import { composeOutcomes } from './outcomes';
import type { ApplicationParts } from './parts';

export interface ComposedBot extends Features {
  /** The confidence outcomes: answers, managers, the use case and the CSV file exports. */
  readonly confidence: ReturnType<typeof composeOutcomes>;
  readonly bot: DareCoachBot;
  /** Every verb the bot answers, each with its schema and handler. */
  readonly actions: VerbTable;
  /** In the order the adapter must run them: the tenant guard first, so refused turns store nothing. */
  readonly middleware: readonly Middleware[];
}

export interface BotHooks {
  /** Asks the referral delivery worker for a pass now (after a Send). */
  readonly wakeDelivery?: () => void;
  /** Asks the nudge worker to send a tenant's nudges now (after a manager's Send now). */
  readonly wakeNudges?: (tenantId: string) => void;
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
  const confidence = composeOutcomes(config, parts, features, logger);
  const resumeLogger = logger.child({ component: 'bot' });
  // Safety first: the safety card never waits on storage for a council's contacts.
  const safetyContacts = new SafetyContacts(tenants);
  const safety = {
    net: coaching.walkthrough.pack.safety,
    alert: coaching.walkthrough.pack.safetyAlert,
    contacts: safetyContacts,
  };
  const typedSafety = {
    ...safety,
    noteTypedRisks: (
      tenantId: string,
      userId: string,
      risks: readonly { readonly category: string; readonly words: string }[],
    ) => noteTypedRisks(coaching, { tenantId, userId }, risks),
    hasWalkthrough: async (tenantId: string, userId: string) =>
      (await findResumable(coaching, { tenantId, userId })) !== undefined,
  };

  const nudgeDeps = {
    ...features.nudges,
    clock,
    wake: (tenantId: string) => hooks.wakeNudges?.(tenantId),
    quizAnswers: confidence.quizAnswers,
    checkInAnswers: confidence.answers,
    contactsFor: (tenantId: string) => tenants.contactsFor(tenantId),
  };
  // Each feature's verbs; a verb registered twice stops the process here.
  const actions = VerbTable.of(
    // The menu never depends on storage: without the session it shows no resume offer.
    welcomeActions(
      (tenantId, userId) =>
        findResumable(coaching, { tenantId, userId }).catch((err: unknown) => {
          resumeLogger.warn('resume offer left out: session not read', {
            code: err instanceof AppError ? err.code : 'unknown',
          });
          return undefined;
        }),
      // "Stop" must pause for real: a storage failure here is the turn's "Not saved" card.
      (tenantId, userId, typed) => pauseWalkthrough(coaching, { tenantId, userId }, typed),
    ),
    coachingActions({ ...coaching, safetyContacts, openWording: offerWording(wording) }),
    wordingActions(wording),
    outcomeActions(confidence.outcomes, confidence.files),
    nudgeActions(nudgeDeps),
    scheduleActions({
      ...nudgeDeps,
      nudges: features.nudges.stores.nudges,
      calendar: englandAndWalesHolidays,
      workingHours: config.nudges.workingHours,
    }),
    referralActions({
      ...features.referrals,
      deliveryDeadlineMs: config.referrals.deliveryDeadlineMs,
      clock,
      tenants,
      conversations,
      safety,
      ...(hooks.wakeDelivery ? { wakeDelivery: hooks.wakeDelivery } : {}),
    }),
  );
  const bot = new DareCoachBot({
    cards,
    actions,
    // SafetyFirst answers danger before these run; the responder covers a bot run without it.
    textResponders: [
      safetyNetResponder(typedSafety),
      refresherWordsResponder(nudgeDeps),
      wordingSearchResponder(wording),
    ],
    wordingSearch: createWordingMessageExtension(wording, cards, safety),
    files: confidence.files,
    baselineCheckIn: () =>
      cards.renderView(confidence.outcomes.checkIn({ moment: 'before-first-use' })),
    logger: logger.child({ component: 'bot' }),
    ...(config.bot.appId ? { appId: config.bot.appId } : {}),
  });
  const middleware = [
    new TenantGuard(config.allowedTenantIds, logger.child({ component: 'tenant-guard' })),
    // Only for turns the guard let through; it shows while a slow reply is being worked out.
    new PersonalTyping(),
    // Before anything that touches storage: a storage failure never hides the safety card.
    new SafetyFirst({ ...typedSafety, cards, logger: logger.child({ component: 'safety' }) }),
    new ConversationMemory(conversations, logger.child({ component: 'conversation-memory' })),
    new TeamInstallations(features.nudges.teams, logger.child({ component: 'team-installations' })),
  ];
  return { ...features, confidence, bot, actions, middleware };
}
