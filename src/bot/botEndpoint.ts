import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from '../logging/logger';
import type { DareCoachAdapter } from './adapter';
import type { DareCoachBot } from './dareCoachBot';

/** The HTTP shapes the endpoint needs; restify's request and response satisfy them. */
export interface BotHttpRequest {
  readonly body?: unknown;
  header(name: string): string | undefined;
}
export interface BotHttpResponse {
  send(status: number, body?: unknown): void;
}

const dateFromString = z.preprocess(
  (v) => (typeof v === 'string' ? new Date(v) : v),
  z.date().optional(),
);

/** The little we insist on before Bot Framework code sees a request: an object with a type. */
const incomingActivity = z
  .object({
    type: z.string().min(1),
    timestamp: dateFromString,
    localTimestamp: dateFromString,
    expiration: dateFromString,
  })
  .passthrough();

/** botframework-connector's AuthenticationError carries a 401 status code. */
function isAuthenticationFailure(err: unknown): boolean {
  return (
    typeof err === 'object' && err !== null && (err as { statusCode?: unknown }).statusCode === 401
  );
}

/**
 * POST /api/messages: parses the activity at the edge, authenticates it (the adapter checks the
 * Bot Framework token whenever an app id is set) and runs the turn. Errors are logged here, by
 * status only, and never echoed to the caller.
 */
export function createBotEndpoint(adapter: DareCoachAdapter, bot: DareCoachBot, logger: Logger) {
  return async (req: BotHttpRequest, res: BotHttpResponse): Promise<void> => {
    const parsed = incomingActivity.safeParse(req.body);
    if (!parsed.success) {
      logger.warn('bot request refused', { httpStatus: 400, reason: 'not an activity' });
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
      if (isAuthenticationFailure(err)) {
        logger.warn('bot request refused', { httpStatus: 401, reason: 'authentication failed' });
        res.send(401, { error: 'Unauthorized.' });
        return;
      }
      logger.error('bot request failed', { httpStatus: 500 }, err);
      res.send(500, { error: 'The turn could not be processed.' });
    }
  };
}
