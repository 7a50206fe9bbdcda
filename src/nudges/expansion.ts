import type { ConversationAddress } from '../conversations/cardSender';
import type { ConversationDirectory } from '../conversations/conversationDirectory';
import type { Clock } from '../kernel/clock';
import { ErrorCodes, isAppError } from '../kernel/errors';
import { documentIdFor } from '../kernel/hash';
import type { InstalledTeam, InstalledTeams } from '../teams/installedTeams';
import type { TtlFor } from '../tenants/retention';
import {
  deliveryPartition,
  recipientKeyOf,
  type DeliveryRecord,
  type DeliveryRoute,
  type NudgeRecord,
} from './model';
import { optOutId, optOutPartition, type NudgeStores } from './stores';

/** A member of a team's roster, as Teams lists it. */
export interface RosterMember {
  /** The channel user id (29:...). */
  readonly userId: string;
  readonly aadObjectId?: string;
}

/** A team's roster, page by page (Teams' paged members: a few hundred at a time). */
export interface TeamRosters {
  pagesOf(team: InstalledTeam): AsyncIterable<readonly RosterMember[]>;
}

export interface ExpansionDeps {
  readonly stores: NudgeStores;
  readonly conversations: ConversationDirectory;
  readonly teams: InstalledTeams;
  readonly rosters: TeamRosters;
  readonly clock: Clock;
  /** The council's retention of nudge deliveries, in seconds. */
  readonly ttlFor: TtlFor;
  /** For a quiz nudge: the quiz for each recipient (`quizChooser`); without it, no quiz is kept. */
  readonly chooseQuiz?: (
    nudge: NudgeRecord,
  ) => Promise<(recipient: RosterMember) => string | undefined>;
}

/** A delivery's id: the same (nudge, occurrence, recipient) always gives the same id. */
export function deliveryIdOf(nudge: NudgeRecord, recipient: RosterMember): string {
  return documentIdFor(`${nudge.nudgeId}\n${nudge.occurrence}\n${recipientKeyOf(recipient)}`);
}

interface Recipient extends RosterMember {
  readonly route: DeliveryRoute;
}

/** Everyone the nudge is for, with the way to reach each. */
async function* recipientsOf(
  deps: ExpansionDeps,
  nudge: NudgeRecord,
): AsyncGenerator<readonly Recipient[]> {
  const personal = (await deps.conversations.listForTenant(nudge.tenantId)).filter(
    (c) => c.kind === 'personal',
  );
  if (nudge.audience.kind === 'everyone') {
    const seen = new Set<string>();
    const recipients: Recipient[] = [];
    for (const c of personal) {
      const userId = (c.reference.user as { id?: unknown } | undefined)?.id;
      if (typeof userId !== 'string') continue;
      const member = { userId, ...(c.userObjectId ? { aadObjectId: c.userObjectId } : {}) };
      const key = recipientKeyOf(member);
      if (seen.has(key)) continue;
      seen.add(key);
      recipients.push({ ...member, route: { kind: 'conversation', address: c.reference } });
    }
    yield recipients;
    return;
  }
  const team = await deps.teams.find(nudge.tenantId, nudge.audience.teamId);
  if (!team) return;
  const chats = new Map<string, ConversationAddress>();
  for (const c of personal)
    if (c.userObjectId) chats.set(c.userObjectId.toLowerCase(), c.reference);
  for await (const page of deps.rosters.pagesOf(team)) {
    yield page.map((member) => {
      const address = member.aadObjectId ? chats.get(member.aadObjectId.toLowerCase()) : undefined;
      const route: DeliveryRoute = address
        ? { kind: 'conversation', address }
        : { kind: 'team', teamId: team.teamId };
      return { ...member, route };
    });
  }
}

/**
 * Writes one delivery record per recipient, each with its deterministic id: run again (after a
 * crash, or by a second instance) it writes nothing new, so no one is added twice. Those who said
 * "stop refreshers" are recorded as not sent, with the reason. Resolves to how many recipients.
 */
export async function expandNudge(
  deps: ExpansionDeps,
  nudge: NudgeRecord,
  onProgress: (count: number) => void = () => undefined,
): Promise<number> {
  const now = deps.clock.now();
  // Stopped, or snoozed past this send; a snooze that has run out no longer counts.
  const optedOut = new Set(
    (await deps.stores.optOuts.listPartition(optOutPartition(nudge.tenantId)))
      .filter((o) => o.value.until === undefined || Date.parse(o.value.until) > now.getTime())
      .map((o) => o.id),
  );
  const ttlSeconds = await deps.ttlFor(nudge.tenantId);
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000).toISOString();
  const partitionKey = deliveryPartition(nudge.tenantId, nudge.nudgeId, nudge.occurrence);
  // Chosen now and kept on the record: a resend after a crash sends the same quiz.
  const quizOf =
    nudge.content.kind === 'quiz' && deps.chooseQuiz ? await deps.chooseQuiz(nudge) : undefined;
  let count = 0;
  for await (const page of recipientsOf(deps, nudge)) {
    for (let i = 0; i < page.length; i += expansionBatch) {
      await Promise.all(
        page.slice(i, i + expansionBatch).map(async (recipient) => {
          const opted = optedOut.has(optOutId(recipientKeyOf(recipient)));
          const quizId = opted ? undefined : quizOf?.(recipient);
          const record: DeliveryRecord = {
            tenantId: nudge.tenantId,
            nudgeId: nudge.nudgeId,
            occurrence: nudge.occurrence,
            userId: recipient.userId,
            ...(recipient.aadObjectId ? { aadObjectId: recipient.aadObjectId } : {}),
            route: recipient.route,
            status: opted ? 'failed' : 'pending',
            ...(opted ? { reason: 'OptedOut' as const } : {}),
            ...(quizId ? { quizId } : {}),
            attempts: 0,
            createdAt: now.toISOString(),
            updatedAt: now.toISOString(),
            expiresAt,
          };
          try {
            await deps.stores.deliveries.create(
              { partitionKey, id: deliveryIdOf(nudge, recipient) },
              record,
              { ttlSeconds },
            );
          } catch (err) {
            // Already expanded (a re-run, or the same person twice in a roster): keep the first.
            if (!isAppError(err, ErrorCodes.storeConflict)) throw err;
          }
        }),
      );
      count += Math.min(expansionBatch, page.length - i);
      onProgress(count);
    }
  }
  return count;
}

/** Records written at once while expanding. */
const expansionBatch = 25;
