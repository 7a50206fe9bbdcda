import type { Activity } from 'botbuilder';
import type { Logger } from '../logging/logger';
import type { DareCoachAdapter } from './adapter';
import { AuthenticationRefused } from './adapter';
import type { DareCoachBot } from './dareCoachBot';
import { incomingActivitySchema } from './incomingActivity';

/** The HTTP shapes the endpoint needs; restify's request and response satisfy them. */
export interface BotHttpRequest {
  readonly body?: unknown;
  header(name: string): string | undefined;
}
export interface BotHttpResponse {
  send(status: number, body?: unknown): void;
}

export interface BotEndpointOptions {
  /** In production a service URL must be https on a Teams host. */
  readonly production: boolean;
}

/**
 * POST /api/messages: parses the activity at the edge, authenticates it (the adapter checks the
 * Bot Framework token whenever an app id is set) and runs the turn. Errors are logged here, by
 * status only, and never echoed to the caller.
 */
export function createBotEndpoint(
  adapter: DareCoachAdapter,
  bot: DareCoachBot,
  logger: Logger,
  options: BotEndpointOptions = { production: false },
) {
  const incomingActivity = incomingActivitySchema(options);
  return async (req: BotHttpRequest, res: BotHttpResponse): Promise<void> => {
    const parsed = incomingActivity.safeParse(req.body);
    if (!parsed.success) {
      // The count of bad fields only: their paths and values are the caller's.
      logger.warn('bot request refused', {
        httpStatus: 400,
        reason: 'not an activity',
        count: parsed.error.issues.length,
      });
      res.send(400, { error: 'The request body is not a Bot Framework activity.' });
      return;
    }
    const activity = parsed.data as unknown as Activity;
    try {
      const invokeResponse = await adapter.runActivity(
        req.header('authorization') ?? '',
        activity,
        (turn) => bot.run(turn),
      );
      res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
    } catch (err) {
      if (err instanceof AuthenticationRefused) {
        // A forged or stale token is the caller's problem, not ours: a warning, never an error.
        logger.warn('bot request refused', { httpStatus: 401, reason: err.reason });
        res.send(401, { error: 'Unauthorized.' });
        return;
      }
      logger.error('bot request failed', { httpStatus: 500 }, err);
      res.send(500, { error: 'The turn could not be processed.' });
    }
  };
}
