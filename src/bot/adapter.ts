import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Activity,
  type InvokeResponse,
  type Middleware,
  type TurnContext,
} from 'botbuilder';
import type { AppConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import { failureText, safetyLine } from './actions/welcomeActions';

/** CloudAdapter with its request pipeline opened up, so our endpoint owns parsing and errors. */
export class DareCoachAdapter extends CloudAdapter {
  /** Authenticates `authHeader` (when an app id is set) and runs the turn; resolves the invoke response. */
  runActivity(
    authHeader: string,
    activity: Activity,
    logic: (turn: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/**
 * The Bot Framework adapter: validates the caller's token on every request (when an app id is
 * set), runs the middleware in order, and answers any turn that fails with plain next steps.
 */
export function createAdapter(
  config: AppConfig,
  logger: Logger,
  middleware: readonly Middleware[],
): DareCoachAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.bot.appId ?? '',
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.appTenantId ?? '',
  };
  const adapter = new DareCoachAdapter(new ConfigurationBotFrameworkAuthentication(options));
  for (const m of middleware) adapter.use(m);

  adapter.onTurnError = turnErrorHandler(logger);
  return adapter;
}

/** Logs the failure (redacted) and tells the user plainly what to do next; never the error. */
export function turnErrorHandler(logger: Logger): (turn: TurnContext, err: Error) => Promise<void> {
  return async (turn, err) => {
    logger.error('turn failed', { activityType: turn.activity.type }, err);
    try {
      await turn.sendActivity(`${failureText} ${safetyLine}`);
    } catch (sendErr) {
      logger.error(
        'could not tell the user a turn failed',
        { activityType: turn.activity.type },
        sendErr,
      );
    }
  };
}
