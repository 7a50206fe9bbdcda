import type {
  CardSender,
  ConversationAddress,
  PersonalChatMember,
} from '../../../src/conversations/cardSender';
import {
  ChannelRequestError,
  retryAfterMsOf,
} from '../../../src/conversations/channelRequestError';
import type { RosterMember, TeamRosters } from '../../../src/nudges/expansion';

/**
 * The `CardSender` port straight over the Bot Connector REST API (no botbuilder, no retries of its
 * own), for the nudge bench and tests: every request the engine makes is one request on the wire,
 * and every refusal reaches the engine as Teams gave it.
 */
export function restCardSender(serviceUrl: string, senderName?: string): CardSender & TeamRosters {
  const call = async (method: string, path: string, body?: object): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`${serviceUrl}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(senderName ? { 'x-sender': senderName } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new ChannelRequestError(0);
    }
    const text = await response.text();
    const json = (text ? JSON.parse(text) : {}) as { error?: { code?: string } };
    if (!response.ok) {
      throw new ChannelRequestError(
        response.status,
        json.error?.code,
        retryAfterMsOf(response.headers.get('retry-after'), Date.now()),
      );
    }
    return json;
  };
  const idOf = (address: ConversationAddress) =>
    encodeURIComponent(String((address.conversation as { id: string }).id));
  return {
    async send(address, card) {
      const sent = (await call('POST', `/v3/conversations/${idOf(address)}/activities`, {
        type: 'message',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
      })) as { id?: string };
      return sent.id;
    },
    async update(address, activityId, card) {
      await call('PUT', `/v3/conversations/${idOf(address)}/activities/${activityId}`, {
        type: 'message',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
      });
    },
    async createPersonalConversation(_from, member: PersonalChatMember) {
      const created = (await call('POST', '/v3/conversations', {
        isGroup: false,
        members: [{ id: member.userId }],
        tenantId: member.tenantId,
        channelData: { tenant: { id: member.tenantId } },
      })) as { id: string };
      return {
        serviceUrl,
        conversation: { id: created.id, conversationType: 'personal', tenantId: member.tenantId },
        user: { id: member.userId },
      };
    },
    async *pagesOf(team) {
      let token: string | undefined;
      do {
        const query = `pageSize=500${token ? `&continuationToken=${token}` : ''}`;
        const page = (await call(
          'GET',
          `/v3/conversations/${encodeURIComponent(team.teamId)}/pagedmembers?${query}`,
        )) as { members: Array<{ id: string; aadObjectId?: string }>; continuationToken?: string };
        yield page.members.map((m): RosterMember => ({
          userId: m.id,
          ...(m.aadObjectId ? { aadObjectId: m.aadObjectId } : {}),
        }));
        token = page.continuationToken;
      } while (token);
    },
  };
}
