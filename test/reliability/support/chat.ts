import type { Activity } from 'botbuilder';
import { TeamsUser, type TurnRunner } from '../../support/referrals/formHarness';
import type { Connector } from './connector';

/** A practitioner's identity and personal chat, all obviously fake. */
export interface ChatIdentity {
  readonly userId: string;
  readonly aadObjectId: string;
  readonly conversationId: string;
}

export function anIdentity(n: number, prefix = 'rel'): ChatIdentity {
  const hex = n.toString(16).padStart(12, '0');
  return {
    userId: `29:fake-${prefix}-user-${n}`,
    aadObjectId: `00000000-0000-4000-8000-${hex}`,
    conversationId: `a:fake-${prefix}-conversation-${n}`,
  };
}

export interface HttpTurnResult {
  readonly status: number;
  readonly replies: Array<Partial<Activity>>;
}

/**
 * Posts one activity to the bot over HTTP as this practitioner, and collects what came back: the
 * connector posts made for this conversation during the request (botbuilder sends a turn's
 * replies before it answers) and, for an invoke, its HTTP answer as an invokeResponse activity.
 */
export function httpTurns(
  bot: () => string,
  connector: Connector,
  who: ChatIdentity,
  timeoutMs = 70_000,
): { run: TurnRunner; post: (activity: Partial<Activity>) => Promise<HttpTurnResult> } {
  const post = async (activity: Partial<Activity>): Promise<HttpTurnResult> => {
    const before = connector.repliesTo(who.conversationId).length;
    const body: Partial<Activity> = {
      ...activity,
      serviceUrl: connector.url,
      from: { id: who.userId, aadObjectId: who.aadObjectId, name: 'Testy McFakeface' },
      conversation: {
        ...(activity.conversation ?? { conversationType: 'personal', isGroup: false, name: '' }),
        id: who.conversationId,
      },
    };
    const res = await fetch(`${bot()}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const replies: Array<Partial<Activity>> = connector
      .repliesTo(who.conversationId)
      .slice(before)
      .map((r) => r.body as Partial<Activity>);
    if (activity.type === 'invoke') {
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      replies.push({ type: 'invokeResponse', value: { status: res.status, body: parsed } });
    }
    return { status: res.status, replies };
  };
  const run: TurnRunner = async (activity) => {
    const result = await post(activity);
    if (result.status >= 500) throw new Error(`HTTP ${result.status}`);
    return result.replies;
  };
  return { run, post };
}

/** A TeamsUser (the referral form's test user) talking to the bot process over HTTP. */
export function httpUser(bot: () => string, connector: Connector, who: ChatIdentity): TeamsUser {
  return new TeamsUser(httpTurns(bot, connector, who).run);
}
