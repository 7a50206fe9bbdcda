import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { fingerprint } from '../kernel/hash';
import type { Logger } from '../logging/logger';
import { isActivityOf, tenantOf } from './activityFacts';

export const tenantRefusalText =
  'Sorry, DARE Coach is not available for your organisation. If you think it should be, please contact your IT service desk.';

/**
 * Refuses, before anything else runs (so nothing about them is stored), activities that do not
 * come from Microsoft Teams, that carry no tenant or no user, or whose tenant is not on the
 * allow-list: one polite message, and a log line with only a tenant hash and the reason.
 * Teams is the only channel whose tenant and user fields the Bot Framework vouches for; on other
 * channels (Web Chat, Direct Line) the client sets them. An empty allow-list allows every Teams
 * tenant (refused by config in production).
 */
export class TenantGuard implements Middleware {
  private readonly allowed: ReadonlySet<string>;

  constructor(
    allowedTenantIds: readonly string[],
    private readonly logger: Logger,
  ) {
    this.allowed = new Set(allowedTenantIds.map((id) => id.toLowerCase()));
  }

  async onTurn(turn: TurnContext, next: () => Promise<void>): Promise<void> {
    const tenantId = tenantOf(turn.activity);
    const reason = this.refusalReason(turn, tenantId);
    if (reason === undefined) return next();

    this.logger.warn('tenant refused', {
      tenantHash: tenantId ? fingerprint(tenantId) : 'none',
      activityType: turn.activity.type,
      reason,
    });
    await this.refuse(turn);
  }

  private refusalReason(turn: TurnContext, tenantId: string | undefined): string | undefined {
    const { channelId, from } = turn.activity;
    if (channelId !== 'msteams') return 'not a Teams activity';
    if (!tenantId) return 'no tenant';
    if (!from?.id) return 'no user';
    if (this.allowed.size > 0 && !this.allowed.has(tenantId)) return 'tenant not allowed';
    return undefined;
  }

  private async refuse(turn: TurnContext): Promise<void> {
    const { activity } = turn;
    if (isActivityOf(activity, ActivityTypes.Invoke)) {
      // Card buttons get the refusal as a message; other invokes (search) an empty 403.
      const body =
        activity.name === 'adaptiveCard/action'
          ? {
              statusCode: 200,
              type: 'application/vnd.microsoft.activity.message',
              value: tenantRefusalText,
            }
          : undefined;
      await turn.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: { status: body ? 200 : 403, body },
      });
      return;
    }
    if (
      isActivityOf(
        activity,
        ActivityTypes.Message,
        ActivityTypes.ConversationUpdate,
        ActivityTypes.InstallationUpdate,
      )
    ) {
      await turn.sendActivity(tenantRefusalText);
    }
  }
}
