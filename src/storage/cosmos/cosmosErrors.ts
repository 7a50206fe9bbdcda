import { AppError, ErrorCodes } from '../../kernel/errors';

/**
 * The HTTP status of a failed Cosmos call. The SDK's ErrorResponse carries it as a numeric `code`;
 * transport failures (RestError: ECONNREFUSED, timeouts) carry a string code and yield undefined.
 */
export function cosmosStatus(err: unknown): number | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'number') {
    return err.code;
  }
  return undefined;
}

/** The transport's error code (ECONNREFUSED, ETIMEDOUT, ...): safe to log, unlike the message. */
export function transportCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') {
    return err.code;
  }
  return undefined;
}

export const isNotFound = (err: unknown): boolean => cosmosStatus(err) === 404;
export const isConflict = (err: unknown): boolean => cosmosStatus(err) === 409;
export const isPreconditionFailed = (err: unknown): boolean => cosmosStatus(err) === 412;

/**
 * The port's error for a failed Cosmos call. Messages are ours and name only the container; the
 * SDK error rides along as `cause` (its message can quote ids, so it is never logged verbatim).
 */
export function toStoreError(err: unknown, container: string): AppError {
  if (isConflict(err)) {
    return new AppError(
      ErrorCodes.storeConflict,
      `An item with this id already exists in ${container}.`,
      { cause: err },
    );
  }
  if (isPreconditionFailed(err)) {
    return new AppError(
      ErrorCodes.storePreconditionFailed,
      `The item in ${container} has changed since it was read.`,
      {
        cause: err,
      },
    );
  }
  if (isNotFound(err)) {
    return new AppError(ErrorCodes.storeNotFound, `The item no longer exists in ${container}.`, {
      cause: err,
    });
  }
  return new AppError(ErrorCodes.storeUnavailable, `Cosmos DB call on ${container} failed.`, {
    cause: err,
  });
}
