import { randomUUID } from 'node:crypto';
import type { Clock } from '../kernel/clock';
import type { ManagerDirectory } from '../managers/managerDirectory';
import type { ConfidenceAnswers } from './confidenceAnswers';
import type { CheckInRequest, CheckInSubmission } from './confidenceCheckIn';
import { confidenceCsv, confidenceCsvName } from './csvExport';
import {
  checkInView,
  myConfidenceView,
  notAManagerView,
  skippedView,
  teamView,
  thanksView,
  type CheckInWording,
  type OutcomeView,
} from './views';

/** The teams a manager sees figures for (Teams team ids), from the nudges feature. */
export interface ManagedTeams {
  teamsOf(tenantId: string, aadObjectId: string): Promise<readonly string[]>;
}

export interface ConfidenceOutcomeDeps {
  readonly answers: ConfidenceAnswers;
  readonly wording: CheckInWording;
  readonly managers: ManagerDirectory;
  readonly managedTeams: ManagedTeams;
  readonly clock: Clock;
}

/** Who is asking: the council and the person's Entra object id. */
export interface Asker {
  readonly tenantId: string;
  readonly userId: string;
}

/** The aggregated CSV, ready to offer as a file. */
export interface CsvFile {
  readonly name: string;
  readonly content: string;
}

/**
 * The confidence outcomes as a practitioner and a manager meet them: a check-in card answered
 * once, their own answers over time, and for managers the team figures and their CSV export.
 */
export class ConfidenceOutcomes {
  constructor(private readonly deps: ConfidenceOutcomeDeps) {}

  /**
   * A check-in card with its own id, so it is answered once: a fresh one, or the id a nudge's
   * occurrence gives it (the same on every render, so a resend is still answered once).
   */
  checkIn(request: CheckInRequest, checkInId: string = randomUUID()): OutcomeView {
    return checkInView(this.deps.wording, {
      moment: request.moment,
      checkInId,
      ...(request.teamId === undefined ? {} : { teamId: request.teamId }),
    });
  }

  async answer(asker: Asker, submission: CheckInSubmission): Promise<OutcomeView> {
    return thanksView(await this.deps.answers.record(asker.tenantId, asker.userId, submission));
  }

  skip(): OutcomeView {
    return skippedView();
  }

  async mine(asker: Asker): Promise<OutcomeView> {
    const [mine, isManager] = await Promise.all([
      this.deps.answers.mineFor(asker.tenantId, asker.userId),
      this.deps.managers.isManager(asker.tenantId, asker.userId),
    ]);
    return myConfidenceView(mine, { isManager });
  }

  async team(asker: Asker): Promise<OutcomeView> {
    const figures = await this.managerData(asker);
    return figures ? teamView(figures.answers, figures.audience) : notAManagerView();
  }

  /** The team view's figures as CSV; undefined for someone who is not a manager. */
  async csv(asker: Asker): Promise<CsvFile | undefined> {
    const figures = await this.managerData(asker);
    if (!figures) return undefined;
    return {
      name: confidenceCsvName(this.deps.clock.now()),
      content: confidenceCsv(figures.answers, figures.audience),
    };
  }

  notAManager(): OutcomeView {
    return notAManagerView();
  }

  private async managerData(asker: Asker) {
    if (!(await this.deps.managers.isManager(asker.tenantId, asker.userId))) return undefined;
    const [answers, teams] = await Promise.all([
      this.deps.answers.allFor(asker.tenantId),
      this.deps.managedTeams.teamsOf(asker.tenantId, asker.userId),
    ]);
    return { answers, audience: { teamIds: new Set(teams) } };
  }
}
