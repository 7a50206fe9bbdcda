import { ChannelRequestError } from '../conversations/channelRequestError';
import type { PermanentReason } from './model';

/** What to do with a recipient after a failed request. */
export type FailureVerdict =
  | { readonly kind: 'retry'; readonly retryAfterMs?: number; readonly throttled: boolean }
  | { readonly kind: 'permanent'; readonly reason: PermanentReason };

const forbiddenCodes: ReadonlySet<string> = new Set([
  'ConversationBlockedByUser',
  'BotDisabledByAdmin',
  'BotNotInConversationRoster',
]);

/**
 * Teams' answers, sorted: 429 is retried after its Retry-After (and slows the whole tenant down);
 * 412, 5xx and no answer at all are retried with backoff; 403 (with its sub-code) and 404 are
 * permanent for that recipient, as is any other 4xx.
 */
export function verdictOn(err: unknown): FailureVerdict {
  if (err instanceof PermanentlyUnreachable) return { kind: 'permanent', reason: err.reason };
  if (!(err instanceof ChannelRequestError)) return { kind: 'retry', throttled: false };
  const { status, channelCode, retryAfterMs } = err;
  if (status === 429) {
    return {
      kind: 'retry',
      throttled: true,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  if (status === 0 || status === 408 || status === 412 || status >= 500) {
    return {
      kind: 'retry',
      throttled: false,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  if (status === 403) {
    if (channelCode && forbiddenCodes.has(channelCode)) {
      return { kind: 'permanent', reason: channelCode as PermanentReason };
    }
    if (channelCode && /uninstall/i.test(channelCode))
      return { kind: 'permanent', reason: 'AppUninstalled' };
    return { kind: 'permanent', reason: 'Forbidden' };
  }
  if (status === 404) return { kind: 'permanent', reason: 'NotFound' };
  return { kind: 'permanent', reason: 'BadRequest' };
}

/** No way left to reach this recipient (e.g. the bot was removed from their team). */
export class PermanentlyUnreachable extends Error {
  constructor(readonly reason: PermanentReason) {
    super(`Recipient unreachable: ${reason}.`);
    this.name = 'PermanentlyUnreachable';
  }
}
