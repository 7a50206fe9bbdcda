import { TurnContext, type Activity, type Middleware } from 'botbuilder';
import { AppError } from '../kernel/errors';
import type { Logger } from '../logging/logger';
import type { InstalledTeams } from '../teams/installedTeams';
import { minimalReference, tenantOf } from './activityFacts';

type Change = 'installed' | 'removed';

/** The team an activity comes from, when it comes from a team's channel. */
export function teamIdOf(activity: Partial<Activity>): string | undefined {
  const team = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team;
  return typeof team?.id === 'string' && team.id !== '' ? team.id : undefined;
}

function teamNameOf(activity: Partial<Activity>): { name?: string } {
  const team = (activity.channelData as { team?: { name?: unknown } } | undefined)?.team;
  return typeof team?.name === 'string' && team.name !== ''
    ? { name: team.name.slice(0, 120) }
    : {};
}

/** Whether the activity says the bot itself was added to or removed from a team. */
function changeOf(activity: Partial<Activity>): Change | undefined {
  const botId = activity.recipient?.id;
  if (activity.type === 'installationUpdate') {
    const action = typeof activity.action === 'string' ? activity.action : '';
    if (action.startsWith('add')) return 'installed';
    if (action.startsWith('remove')) return 'removed';
    return undefined;
  }
  if (activity.type !== 'conversationUpdate') return undefined;
  const eventType = (activity.channelData as { eventType?: unknown } | undefined)?.eventType;
  if (eventType === 'teamDeleted') return 'removed';
  if (activity.membersRemoved?.some((m) => m.id === botId)) return 'removed';
  if (activity.membersAdded?.some((m) => m.id === botId)) return 'installed';
  return undefined;
}

/**
 * Notices the bot being installed in or removed from a team and tells the installed-teams store:
 * nudges reach a team's members from its context. Only turns the tenant guard let through.
 */
export class TeamInstallations implements Middleware {
  constructor(
    private readonly teams: InstalledTeams,
    private readonly logger: Logger,
  ) {}

  async onTurn(turn: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = turn;
    const tenantId = tenantOf(activity);
    const teamId = teamIdOf(activity);
    const change = changeOf(activity);
    if (tenantId && teamId && change && activity.serviceUrl) {
      try {
        if (change === 'installed') {
          await this.teams.record({
            tenantId,
            teamId,
            serviceUrl: activity.serviceUrl,
            ...teamNameOf(activity),
            reference: minimalReference(TurnContext.getConversationReference(activity)),
          });
        } else {
          await this.teams.remove(tenantId, teamId);
        }
        this.logger.info('team installation noted', { reason: change });
      } catch (err) {
        this.logger.warn('team installation not saved', {
          reason: change,
          code: err instanceof AppError ? err.code : 'unknown',
        });
      }
    }
    await next();
  }
}
