import { deliveryIdOf } from './expansion';
import { deliveryPartition, sentByOf, type NudgeRecord } from './model';
import { recentNudges } from './nudges';
import type { NudgeStores } from './stores';

/**
 * Which teams the nudges tie people to, for the confidence outcomes: a manager's teams are the
 * teams they have sent refreshers to, and a practitioner's team is the team of the most recent
 * team nudge delivered to them. Read from the nudge and delivery records; nothing new is stored.
 */
export class NudgeTeams {
  constructor(
    private readonly stores: NudgeStores,
    /** How many of the tenant's latest team nudges are looked through for a person's team. */
    private readonly lookBack = 12,
  ) {}

  /** The teams a manager has sent refreshers to (Teams team ids). */
  async teamsOf(tenantId: string, managerId: string): Promise<readonly string[]> {
    const sentBy = sentByOf(tenantId, managerId);
    const teams = (await this.teamNudges(tenantId)).flatMap((n) =>
      n.sentBy === sentBy && n.audience.kind === 'team' ? [n.audience.teamId] : [],
    );
    return [...new Set(teams)];
  }

  /** The team of the most recent team nudge delivered to this person, if any. */
  async teamOf(tenantId: string, userId: string): Promise<string | undefined> {
    const recent = (await this.teamNudges(tenantId)).slice(0, this.lookBack);
    for (const nudge of recent) {
      const delivery = await this.stores.deliveries.read({
        partitionKey: deliveryPartition(tenantId, nudge.nudgeId, nudge.occurrence),
        id: deliveryIdOf(nudge, { userId }),
      });
      if (delivery?.value.status === 'sent' && nudge.audience.kind === 'team')
        return nudge.audience.teamId;
    }
    return undefined;
  }

  /** The tenant's nudges to a team, newest first. */
  private async teamNudges(tenantId: string): Promise<NudgeRecord[]> {
    const all = await recentNudges({ stores: this.stores }, tenantId, Number.POSITIVE_INFINITY);
    return all.filter((n) => n.audience.kind === 'team');
  }
}
