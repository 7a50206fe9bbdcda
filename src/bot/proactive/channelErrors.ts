import { ChannelRequestError, retryAfterMsOf } from '../../conversations/channelRequestError';

interface RestLike {
  readonly statusCode?: unknown;
  readonly code?: unknown;
  readonly details?: unknown;
  readonly response?: {
    readonly headers?: { get?(name: string): string | undefined | null };
    readonly bodyAsText?: unknown;
    readonly parsedBody?: unknown;
  };
}

function errorCodeIn(body: unknown): string | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  const code = (value as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Botbuilder's connector errors (RestError from @azure/core-rest-pipeline) as the framework-free
 * `ChannelRequestError`: status, Teams' sub-code from the error body, and Retry-After. Anything
 * without an HTTP status (a refused connection, a bug) is returned as it was (an Error).
 */
export function toChannelError(err: unknown, now = Date.now()): Error {
  if (err instanceof ChannelRequestError) return err;
  const rest = (typeof err === 'object' && err !== null ? err : {}) as RestLike;
  if (typeof rest.statusCode !== 'number') {
    return err instanceof Error ? err : new Error('The proactive turn failed.');
  }
  const status = rest.statusCode;
  const code =
    errorCodeIn(rest.details) ??
    errorCodeIn(rest.response?.parsedBody) ??
    errorCodeIn(rest.response?.bodyAsText) ??
    (typeof rest.code === 'string' && /^[A-Z][A-Za-z]+$/.test(rest.code) ? rest.code : undefined);
  const retryAfter = retryAfterMsOf(rest.response?.headers?.get?.('retry-after'), now);
  return new ChannelRequestError(status, code, retryAfter);
}
