import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { RosterMember, TeamRosters } from '../../nudges/expansion';
import type { InstalledTeam } from '../../teams/installedTeams';
import type { ContinuingAdapter } from './cardSender';
import { toChannelError } from './channelErrors';

/** Members per page: Teams' paged roster allows up to 500. */
const pageSize = 500;

/**
 * A team's roster through Teams' paged members API, read in a proactive turn in the team's
 * conversation (each page is one request to Teams). Only ids are kept: no names, no emails.
 */
export function teamsRosters(adapter: ContinuingAdapter, botAppId: string): TeamRosters {
  const page = async (team: InstalledTeam, token: string | undefined) => {
    let result: { members: RosterMember[]; next?: string } | undefined;
    let failure: unknown;
    await adapter.continueConversationAsync(botAppId, team.reference, async (turn: TurnContext) => {
      try {
        const paged = await TeamsInfo.getPagedMembers(turn, pageSize, token);
        result = {
          members: paged.members.map((m) => ({
            userId: m.id,
            ...(m.aadObjectId ? { aadObjectId: m.aadObjectId } : {}),
          })),
          ...(paged.continuationToken ? { next: paged.continuationToken } : {}),
        };
      } catch (err) {
        failure = err;
      }
    });
    if (!result) throw toChannelError(failure);
    return result;
  };
  return {
    async *pagesOf(team) {
      let token: string | undefined;
      do {
        const { members, next } = await page(team, token);
        yield members;
        token = next;
      } while (token);
    },
  };
}
