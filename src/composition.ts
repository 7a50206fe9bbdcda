import path from 'node:path';
import type { Middleware } from 'botbuilder';
import { createAdapter } from './bot/adapter';
import { createBotEndpoint } from './bot/botEndpoint';
import { welcomeActions } from './bot/actions/welcomeActions';
import { CardCatalog } from './bot/cards/cardCatalog';
import { ConversationMemory } from './bot/conversationMemory';
import { DareCoachBot } from './bot/dareCoachBot';
import { TenantGuard } from './bot/tenantGuard';
import type { AppConfig } from './config/config';
import {
  StoredConversationDirectory,
  type ConversationDirectory,
  type RememberedConversation,
} from './conversations/conversationDirectory';
import { coachingActions } from './bot/actions/coachingActions';
import { outcomeActions } from './bot/actions/outcomeActions';
import { ConfidenceLog, type ConfidenceResponse } from './outcomes/confidenceCheckIn';
import { wordingActions } from './bot/actions/wordingActions';
import { safetyNetResponder, wordingSearchResponder } from './bot/textResponders';
import { createWordingMessageExtension } from './bot/wordingMessageExtension';
import { loadPrincipleSummaries, loadWordingLibrary } from './content/wording/loadLibrary';
import { createWordingFeedbackRepository, type StoredFeedback } from './wording/feedback';
import { createWordingSearch } from './wording/search';
import {
  createWalkthrough,
  DocumentStoreSessionRepository,
  findResumable,
  type CoachingSession,
} from './coaching';
import { loadCoachingPack } from './content/coaching/loadCoachingPack';
import { CachedTenantDirectory } from './tenants/cachedTenantDirectory';
import {
  StoredTenantDirectory,
  type TenantDirectory,
  type TenantSettings,
} from './tenants/tenantSettings';
import type { Clock } from './kernel/clock';
import type { Storage } from './kernel/documentStore';
import { projectRoot } from './kernel/projectRoot';
import type { Logger } from './logging/logger';
import { createHttpServer, type HttpServer } from './server/httpServer';
import { referralActions, referralFormStores } from './bot/actions/referralActions';
import { botFrameworkCardUpdater, createReceiptUpdater } from './bot/proactive';
import { createHttpPartnershipClient } from './partnership/httpPartnershipClient';
import { DeliveryWorker } from './referrals';

/** Bot Framework activities are small; anything larger than this is refused with 413. */
export const maxRequestBodyBytes = 256 * 1024;

export interface ApplicationParts {
  readonly logger: Logger;
  readonly storage: Storage;
  readonly clock: Clock;
  /** Defaults to the repository's cards/ folder. */
  readonly cardsDirectory?: string;
}

export interface Application {
  readonly server: HttpServer;
  readonly bot: DareCoachBot;
  /** Delivers queued referrals; undefined without partnership settings. Start after listen. */
  readonly delivery: DeliveryWorker | undefined;
}

export interface ComposedBot {
  readonly bot: DareCoachBot;
  /** In the order the adapter must run them: the tenant guard first, so refused turns store nothing. */
  readonly middleware: readonly Middleware[];
  readonly conversations: ConversationDirectory;
  readonly cards: CardCatalog;
  readonly tenants: TenantDirectory;
  readonly referralStores: ReturnType<typeof referralFormStores>;
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
  const { logger, storage, clock } = parts;
  const cards = CardCatalog.load(parts.cardsDirectory ?? path.join(projectRoot(), 'cards'));
  const conversations = new StoredConversationDirectory(
    storage.collection<RememberedConversation>('conversations'),
    clock,
  );

  const tenants = new CachedTenantDirectory(
    new StoredTenantDirectory(storage.collection<TenantSettings>('tenants')),
    clock,
  );
  const coaching = {
    walkthrough: createWalkthrough(loadCoachingPack()),
    sessions: new DocumentStoreSessionRepository(storage.collection<CoachingSession>('sessions')),
    clock,
    tenants,
  };

  const wordingLibrary = loadWordingLibrary();
  const wording = {
    library: wordingLibrary,
    principles: loadPrincipleSummaries(),
    search: createWordingSearch(wordingLibrary),
    feedback: createWordingFeedbackRepository(storage.collection<StoredFeedback>('feedback')),
    tenants,
  };

  const referralStores = referralFormStores(storage);
  const bot = new DareCoachBot({
    cards,
    actions: {
      ...welcomeActions((tenantId, userId) => findResumable(coaching, { tenantId, userId })),
      ...coachingActions(coaching),
      ...wordingActions(wording),
      ...outcomeActions(
        new ConfidenceLog(storage.collection<ConfidenceResponse>('outcomes'), clock),
      ),
      ...referralActions({
        ...referralStores,
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
    new ConversationMemory(conversations),
  ];
  return { bot, middleware, conversations, cards, tenants, referralStores };
}

/** Wires every part together. No I/O happens here beyond loading card templates. */
export function composeApplication(config: AppConfig, parts: ApplicationParts): Application {
  const { logger, storage, clock } = parts;
  const composed = composeBot(config, parts, { wakeDelivery: () => delivery?.wake() });
  const { bot, middleware } = composed;
  const adapter = createAdapter(config, logger.child({ component: 'adapter' }), middleware);
  const { referralUrl, signingSecret } = config.partnership;
  const delivery =
    referralUrl && signingSecret
      ? new DeliveryWorker({
          stores: composed.referralStores.stores,
          client: createHttpPartnershipClient({ url: referralUrl, secret: signingSecret }),
          clock,
          logger,
          listener: createReceiptUpdater({
            port: botFrameworkCardUpdater(adapter, config.bot.appId ?? ''),
            receipts: composed.referralStores.receipts,
            conversations: composed.conversations,
            cards: composed.cards,
            tenants: composed.tenants,
            clock,
            logger,
          }),
        })
      : undefined;

  const server = createHttpServer({
    logger: logger.child({ component: 'http' }),
    handleBotRequest: createBotEndpoint(adapter, bot, logger.child({ component: 'bot-endpoint' })),
    checkReadiness: () => storage.ping(),
    maxBodyBytes: maxRequestBodyBytes,
  });
  return { server, bot, delivery };
}
