import { somethingWentWrong } from '../bot/actions/welcomeActions';
import { createAdapter } from '../bot/adapter';
import { createBotEndpoint } from '../bot/botEndpoint';
import type { DareCoachBot } from '../bot/dareCoachBot';
import { botFrameworkCardSender } from '../bot/proactive';
import type { AppConfig } from '../config/config';
import { createHttpPartnershipClient } from '../partnership/httpPartnershipClient';
import { DeliveryWorker } from '../referrals';
import { createReceiptUpdater } from '../referrals/form';
import { retentionFromTenants } from '../referrals/delivery/deliveryWorker';
import { randomUUID } from 'node:crypto';
import { createHttpServer, maxRequestBodyBytes, type HttpServer } from '../server/httpServer';
import { createReadinessCheck } from '../server/readiness';
import { composeBot } from './composeBot';
import { teamsRosters } from '../bot/proactive/teamRosters';
import { NudgeWorker } from '../nudges/nudgeWorker';
import { realSleeper } from '../nudges/pacing';
import { refresherCards } from '../nudges/refresherCards';
import { englandAndWalesHolidays } from '../nudges/schedules/calendar';
import { Scheduler } from '../nudges/schedules/scheduler';
import { quizChooser } from '../nudges/quizzes/quizChooser';
import type { ApplicationParts } from './parts';

export { maxRequestBodyBytes };

export interface Application {
  readonly server: HttpServer;
  readonly bot: DareCoachBot;
  /** Delivers queued referrals; undefined without partnership settings. Start after listen. */
  readonly delivery: DeliveryWorker | undefined;
  /** Sends managers' refresher nudges (and picks up ones another instance left). Start after listen. */
  readonly nudges: NudgeWorker;
  /** Turns managers' schedules into nudges when due (the nudge worker sends them). Start after listen. */
  readonly schedules: Scheduler;
}

/** Wires every part together. No I/O happens here beyond loading content and card templates. */
export function composeApplication(config: AppConfig, parts: ApplicationParts): Application {
  const { logger, clock } = parts;
  const composed = composeBot(config, parts, {
    wakeDelivery: () => delivery?.wake(),
    wakeNudges: (tenantId) => nudges.wake(tenantId),
  });
  const { bot, middleware } = composed;
  const adapter = createAdapter(config, logger.child({ component: 'adapter' }), middleware, (err) =>
    somethingWentWrong(composed.cards, err),
  );
  const { referralUrl, signingSecret, nextSigningSecret } = config.partnership;
  if (!referralUrl || !signingSecret) {
    logger.warn('partnership settings unset: referrals are kept queued and not delivered');
  }
  const delivery =
    referralUrl && signingSecret
      ? new DeliveryWorker({
          stores: composed.referrals.stores,
          client: createHttpPartnershipClient({
            url: referralUrl,
            secret: signingSecret,
            ...(nextSigningSecret ? { nextSecret: nextSigningSecret } : {}),
          }),
          // A council's referralRetentionDays when set, REFERRAL_RETENTION_DAYS otherwise.
          retention: retentionFromTenants(composed.tenants, config.referrals.retentionMs),
          options: { retentionMs: config.referrals.retentionMs },
          clock,
          logger,
          listener: createReceiptUpdater({
            sender: botFrameworkCardSender(adapter, config.bot.appId ?? ''),
            receipts: composed.referrals.receipts,
            conversations: composed.conversations,
            cards: composed.cards.renderer,
            tenants: composed.tenants,
            clock,
            logger,
          }),
        })
      : undefined;

  const sender = botFrameworkCardSender(adapter, config.bot.appId ?? '');
  const nudges = new NudgeWorker(
    {
      ...composed.nudges,
      sender,
      conversations: composed.conversations,
      rosters: teamsRosters(adapter, config.bot.appId ?? ''),
      cardFor: refresherCards({
        renderer: composed.cards.renderer,
        tips: composed.nudges.tips,
        quizzes: composed.nudges.quizzes,
        checkIn: (teamId, checkInId) =>
          composed.cards.renderer.renderView(
            composed.confidence.outcomes.checkIn(
              { moment: 'refresher', ...(teamId === undefined ? {} : { teamId }) },
              checkInId,
            ),
          ),
        contactsFor: (tenantId) => composed.tenants.contactsFor(tenantId),
      }),
      chooseQuiz: quizChooser({
        stores: composed.nudges.stores,
        quizzes: composed.nudges.quizzes,
        answers: composed.confidence.quizAnswers,
        confidence: composed.confidence.answers,
        clock,
      }),
      clock,
      sleeper: realSleeper,
      random: Math.random,
      logger: logger.child({ component: 'nudges' }),
    },
    { ratePerSecond: config.nudges.ratePerTenant },
  );

  const schedules = new Scheduler(
    {
      schedules: composed.nudges.schedules,
      nudges: composed.nudges.stores.nudges,
      clock,
      calendar: englandAndWalesHolidays,
      wake: (tenantId) => nudges.wake(tenantId),
      logger: logger.child({ component: 'schedules' }),
    },
    { workingHours: config.nudges.workingHours },
  );

  const server = createHttpServer({
    logger: logger.child({ component: 'http' }),
    handleBotRequest: createBotEndpoint(adapter, bot, logger.child({ component: 'bot-endpoint' }), {
      production: config.environment === 'production',
    }),
    checkReadiness: readinessProbe(parts),
    maxBodyBytes: maxRequestBodyBytes,
  });
  return { server, bot, delivery, nudges, schedules };
}

/**
 * Ready means storage takes writes (a read can succeed while writes fail): each instance upserts
 * one tiny document of its own, expiring by itself, at most once per cache period.
 */
function readinessProbe({ storage, clock }: ApplicationParts) {
  const probes = storage.collection<{ readonly at: string }>('leases');
  const key = { partitionKey: 'readiness', id: `probe-${randomUUID()}` };
  return createReadinessCheck({
    probe: async () => {
      await probes.upsert(key, { at: clock.now().toISOString() }, { ttlSeconds: 600 });
    },
  });
}
