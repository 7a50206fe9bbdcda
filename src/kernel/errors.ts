/**
 * The one error type of the application. `code` is stable and safe to log; `message` is written
 * by us and must never carry personal data (it may be logged, never shown to users verbatim).
 * `catastrophic` errors mean the process cannot go on serving (bad config, storage gone at start).
 */
export class AppError extends Error {
  readonly code: string;
  readonly catastrophic: boolean;

  constructor(
    code: string,
    message: string,
    options: { catastrophic?: boolean; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.catastrophic = options.catastrophic ?? false;
  }
}

export const ErrorCodes = {
  configInvalid: 'CONFIG_INVALID',
  storeConflict: 'STORE_CONFLICT',
  storePreconditionFailed: 'STORE_PRECONDITION_FAILED',
  storeNotFound: 'STORE_NOT_FOUND',
  storeUnavailable: 'STORE_UNAVAILABLE',
  /** A key, TTL or limit the store cannot address: a bug in the calling repository. */
  storeRequestInvalid: 'STORE_REQUEST_INVALID',
  cardTemplateInvalid: 'CARD_TEMPLATE_INVALID',
  cardActionInvalid: 'CARD_ACTION_INVALID',
  activityUnidentified: 'ACTIVITY_UNIDENTIFIED',
} as const;

export function isAppError(err: unknown, code?: string): err is AppError {
  return err instanceof AppError && (code === undefined || err.code === code);
}

/** A conditional write lost to another writer: the item changed (If-Match) or went since it was read. */
export function isStaleWrite(err: unknown): boolean {
  return (
    isAppError(err, ErrorCodes.storePreconditionFailed) || isAppError(err, ErrorCodes.storeNotFound)
  );
}

/** A write lost to another writer either way: stale, or a create that found the item there. */
export function isLostRace(err: unknown): boolean {
  return isStaleWrite(err) || isAppError(err, ErrorCodes.storeConflict);
}
