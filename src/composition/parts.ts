import type { Clock } from '../kernel/clock';
import type { Storage } from '../kernel/documentStore';
import type { Logger } from '../logging/logger';

/** What the composition root is given: the process-wide logger, storage and clock. */
export interface ApplicationParts {
  readonly logger: Logger;
  readonly storage: Storage;
  readonly clock: Clock;
  /** Defaults to the repository's cards/ folder. */
  readonly cardsDirectory?: string;
}
