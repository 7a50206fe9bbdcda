import type { Activity, ActivityTypes, ConversationReference } from 'botbuilder';
import type { ConversationKind } from '../conversations/conversationDirectory';
import { AppError, ErrorCodes } from '../kernel/errors';

/**
 * Who a turn is for: tenant and user. The tenant guard refuses activities without them before any
 * handler runs, so a missing one here is a bug: fail loudly rather than share an "unknown" partition.
 */
export function identityOf(activity: Partial<Activity>): { tenantId: string; userId: string } {
  const tenantId = tenantOf(activity);
  const userId = activity.from?.aadObjectId ?? activity.from?.id;
  if (!tenantId || !userId) {
    throw new AppError(
      ErrorCodes.activityUnidentified,
      'An activity reached a handler without a tenant or user.',
    );
  }
  return { tenantId, userId };
}

/** The Teams tenant an activity comes from, wherever the channel put it. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = channelData?.tenant?.id;
  const id =
    typeof fromChannelData === 'string' ? fromChannelData : activity.conversation?.tenantId;
  return id ? id.toLowerCase() : undefined;
}

export function conversationKindOf(activity: Partial<Activity>): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

/**
 * A conversation reference with display names removed: we need ids and the service URL to reach
 * someone later, not what they are called.
 */
export function minimalReference(
  reference: Partial<ConversationReference>,
): Record<string, unknown> {
  return {
    channelId: reference.channelId,
    serviceUrl: reference.serviceUrl,
    locale: reference.locale,
    conversation: reference.conversation && {
      id: reference.conversation.id,
      conversationType: reference.conversation.conversationType,
      tenantId: reference.conversation.tenantId,
      isGroup: reference.conversation.isGroup,
    },
    bot: reference.bot && { id: reference.bot.id },
    user: reference.user && { id: reference.user.id, aadObjectId: reference.user.aadObjectId },
  };
}

/** Whether an activity is of one of these types (botbuilder types `type` as a string, not its enum). */
export function isActivityOf(
  activity: Partial<Activity>,
  ...types: ReadonlyArray<`${ActivityTypes}`>
): boolean {
  return types.some((type) => type === activity.type);
}
