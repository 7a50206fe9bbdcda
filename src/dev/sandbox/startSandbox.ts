import type { AppConfig } from '../../config/config';
import { systemClock, type Clock } from '../../kernel/clock';
import type { Logger } from '../../logging/logger';
import type { Storage } from '../../kernel/documentStore';
import { startBot, startStorage } from './botParts';
import { startClockControl } from './clockControl';
import { TestClock } from './testClock';
import { PartStack } from './parts';
import { startPlayground } from './playgroundPart';
import { sandboxRespondentSecret, sandboxSettings } from './sandboxConfig';
import { seedConfidence } from './seedConfidence';
import { sandboxManagerObjectId } from './playgroundConfig';
import { StoredTenantDirectory, type TenantSettings } from '../../tenants/tenantSettings';
import { randomBytes } from 'node:crypto';
import { start as startIntake } from '../partnershipIntake/intakeServer';

export interface SandboxOptions {
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly playground: {
    /** 0 for any free port. */
    readonly port: number;
    /** Working folder for its context file and log. */
    readonly workDir: string;
    readonly readyTimeoutMs?: number;
  };
  /** Seeds fake confidence answers and makes the playground's user their team's manager. */
  readonly seedConfidence?: boolean;
  /** The test clock's preferred port (any free one when taken; default any). */
  readonly clockPort?: number;
  /** Called when a part dies on its own (today: the playground exiting). */
  readonly onPartExit?: (part: string) => void;
}

export interface Sandbox {
  /** The bot's Bot Framework endpoint. */
  readonly botEndpoint: string;
  readonly botBaseUrl: string;
  /** The playground page to open in a browser. */
  readonly playgroundUrl: string;
  readonly playgroundPid: number;
  readonly playgroundLogFile: string;
  /** The tenant the playground's activities carry. */
  readonly tenantId: string;
  /** The test clock: `GET` it for the app's time, `POST` to move it forward (see clockControl.ts). */
  readonly clockUrl: string;
  readonly intakeUrl: string;
  readonly received: () => ReadonlyArray<{ readonly reference: string }>;
  /** Stops every part in reverse order of starting; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The local sandbox: storage, then the bot, then the Agents Playground pointed at it. `npm run dev`
 * and the end-to-end tests both start it through here. A partnership intake receiver goes in as
 * another part before the bot, its URL passed to the bot's settings.
 */
export async function startSandbox(
  appConfig: AppConfig,
  options: SandboxOptions,
): Promise<Sandbox> {
  const { logger } = options;
  const { config, tenantId, notes } = sandboxSettings(appConfig);
  notes.forEach((note) => logger.warn(note));

  const parts = new PartStack(logger.child({ component: 'sandbox' }));
  const { storage } = await parts.start('storage', () => startStorage(config, logger));
  await makeSandboxUserAManager(storage, tenantId);
  const secret = randomBytes(32).toString('hex');
  const intake = await parts.start('partnership-intake', async () => {
    const running = await startIntake({ secret, port: 0 });
    return {
      name: 'partnership-intake',
      url: running.url,
      referralUrl: running.referralUrl,
      received: () => running.received(),
      stop: () => running.stop(),
    };
  });
  const withPartnership = {
    ...config,
    partnership: { referralUrl: intake.referralUrl, signingSecret: secret },
  };
  // The app runs on a test clock that a developer can move forward (see clockControl.ts).
  const clock = new TestClock(options.clock ?? systemClock);
  const seeded = options.seedConfidence
    ? await seedConfidence({
        storage,
        clock,
        tenantId,
        respondentSecret: config.outcomes.respondentSecret ?? sandboxRespondentSecret,
      })
    : undefined;
  if (seeded) logger.info('fake confidence answers seeded', { count: seeded.answers });
  const bot = await parts.start('bot', () =>
    startBot(withPartnership, {
      logger,
      storage,
      clock,
      ...(seeded ? { outcomePorts: { managedTeams: seeded.managedTeams } } : {}),
    }),
  );
  const clockControl = await parts.start('test-clock', () =>
    startClockControl({
      config,
      clock,
      onMove: () => bot.schedules.passOnce(),
      port: options.clockPort ?? 0,
    }),
  );
  const playground = await parts.start('playground', () =>
    startPlayground({
      botEndpoint: bot.endpoint,
      tenantId,
      port: options.playground.port,
      workDir: options.playground.workDir,
      readyTimeoutMs: options.playground.readyTimeoutMs,
      logger: logger.child({ component: 'playground' }),
      onUnexpectedExit: () => options.onPartExit?.('playground'),
    }),
  );

  return {
    botEndpoint: bot.endpoint,
    botBaseUrl: bot.baseUrl,
    playgroundUrl: playground.url,
    playgroundPid: playground.pid,
    playgroundLogFile: playground.logFile,
    tenantId,
    clockUrl: clockControl.url,
    intakeUrl: intake.url,
    received: () => intake.received(),
    stop: () => parts.stopAll(),
  };
}

/** In the sandbox the playground's user manages the team, so nudges can be tried end to end. */
async function makeSandboxUserAManager(storage: Storage, tenantId: string): Promise<void> {
  const settings = new StoredTenantDirectory(storage.collection<TenantSettings>('tenants'));
  const current = await settings.settingsFor(tenantId);
  const managers = new Set([...(current?.managers ?? []), sandboxManagerObjectId]);
  await settings.save(tenantId, { contacts: {}, ...current, managers: [...managers] });
}
