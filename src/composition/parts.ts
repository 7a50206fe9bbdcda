import type { Clock } from '../kernel/clock';
import type { Storage } from '../kernel/documentStore';
import type { Logger } from '../logging/logger';
import type { LatestNudgeTeam } from '../outcomes/confidenceAnswers';
import type { ManagedTeams } from '../outcomes/confidenceOutcomes';

/** What the composition root is given: the process-wide logger, storage and clock. */
export interface ApplicationParts {
  readonly logger: Logger;
  readonly storage: Storage;
  readonly clock: Clock;
  /** Defaults to the repository's cards/ folder. */
  readonly cardsDirectory?: string;
  /** Where teams come from for confidence figures; the nudges feature's, once merged (none until then). */
  readonly outcomePorts?: {
    readonly managedTeams?: ManagedTeams;
    readonly latestNudgeTeam?: LatestNudgeTeam;
  };
}
