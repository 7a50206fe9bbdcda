import { AppError, ErrorCodes } from '../kernel/errors';

/**
 * Open/closed state shared by a store and its collections, so a call made after `close()` fails
 * with a coded error instead of half-working (in memory) or hanging on a disposed client.
 */
export class Lifecycle {
  private closed = false;

  assertOpen(): void {
    if (this.closed) {
      throw new AppError(ErrorCodes.storeUnavailable, 'Storage has been closed.');
    }
  }

  /** Returns false when it was already closed, so close() can be idempotent. */
  close(): boolean {
    if (this.closed) return false;
    this.closed = true;
    return true;
  }
}
