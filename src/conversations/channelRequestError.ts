/**
 * A request to the channel (send a card, open a personal chat) that the channel refused or that
 * never got an answer, as `CardSender` implementations report it: the HTTP status (0 when there was
 * no answer), the channel's error code (Teams' 403 sub-codes: `ConversationBlockedByUser`,
 * `BotDisabledByAdmin`, `BotNotInConversationRoster`...) and the `Retry-After` it asked for.
 * Framework-free, so use cases can decide what to retry without knowing the channel's SDK.
 */
export class ChannelRequestError extends Error {
  constructor(
    readonly status: number,
    readonly channelCode?: string,
    readonly retryAfterMs?: number,
  ) {
    super(`The channel answered ${status}${channelCode ? ` (${channelCode})` : ''}.`);
    this.name = 'ChannelRequestError';
  }
}

/** A `Retry-After` header's value (seconds or an HTTP date) in ms; undefined when absent or bad. */
export function retryAfterMsOf(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
