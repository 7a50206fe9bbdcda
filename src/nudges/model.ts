import type { ConversationAddress } from '../conversations/cardSender';
import { fingerprint } from '../kernel/hash';

/**
 * What a nudge carries: one tip from the pack, the confidence check-in, or a quiz (adaptive: each
 * recipient gets their own question, chosen at expansion and kept on their delivery record).
 */
export type NudgeContent =
  | { readonly kind: 'tip'; readonly tipId: string }
  | { readonly kind: 'checkIn' }
  | { readonly kind: 'quiz' };

/** Who a nudge goes to: a team the bot is installed in, or everyone who has talked to the bot. */
export type NudgeAudience =
  { readonly kind: 'team'; readonly teamId: string } | { readonly kind: 'everyone' };

/** expanding: recipients being listed; sending: deliveries being drained; done: none pending. */
export type NudgeState = 'expanding' | 'sending' | 'done';

/** How a nudge names the manager who sent it: a fingerprint, never the id itself. */
export function sentByOf(tenantId: string, managerId: string): string {
  return fingerprint(`${tenantId}:${managerId}`);
}

/** One send of a nudge (part 1 sends once, "now"; schedules add occurrences). */
export interface NudgeRecord {
  readonly tenantId: string;
  readonly nudgeId: string;
  readonly occurrence: string;
  /** The schedule this occurrence came from (absent for a send-now). */
  readonly scheduleId?: string;
  readonly content: NudgeContent;
  readonly audience: NudgeAudience;
  /** A fingerprint of the manager who sent it (`sentByOf`, never the id itself). */
  readonly sentBy: string;
  readonly state: NudgeState;
  readonly createdAt: string;
  /** When expansion finished, and how many recipients it found (opted out ones included). */
  readonly expandedAt?: string;
  readonly recipients?: number;
  readonly doneAt?: string;
}

/** Why a recipient was not reached; permanent (never retried for this occurrence). */
export const permanentReasons = [
  'ConversationBlockedByUser',
  'BotDisabledByAdmin',
  'BotNotInConversationRoster',
  'AppUninstalled',
  'NotFound',
  'Forbidden',
  'BadRequest',
  'RetriesExhausted',
  'OptedOut',
  'NoConversation',
] as const;
export type PermanentReason = (typeof permanentReasons)[number];

/**
 * pending: to send. attempting: a send is (or was, when its holder stopped) in flight. uncertain:
 * found attempting after a crash; possibly delivered, not resent (Teams has no idempotency key).
 */
export type DeliveryStatus = 'pending' | 'attempting' | 'sent' | 'failed' | 'uncertain';

/** How a recipient is reached: their stored personal chat, or a new one opened from a team. */
export type DeliveryRoute =
  | { readonly kind: 'conversation'; readonly address: ConversationAddress }
  | { readonly kind: 'team'; readonly teamId: string };

/** One recipient of one occurrence: its id is derived from (nudge, occurrence, recipient). */
export interface DeliveryRecord {
  readonly tenantId: string;
  readonly nudgeId: string;
  readonly occurrence: string;
  /** The recipient's channel user id (29:...), needed to open a personal chat with them. */
  readonly userId: string;
  readonly aadObjectId?: string;
  readonly route: DeliveryRoute;
  readonly status: DeliveryStatus;
  readonly reason?: PermanentReason;
  /** A quiz nudge: the quiz chosen for this recipient at expansion (a resend sends the same one). */
  readonly quizId?: string;
  readonly attempts: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When the record counts as gone (its retention), whether or not the store has deleted it. */
  readonly expiresAt: string;
}

/** The partition of one occurrence's deliveries. */
export const deliveryPartition = (tenantId: string, nudgeId: string, occurrence: string): string =>
  `${tenantId}:${nudgeId}:${occurrence}`;

/** The deterministic id of a delivery: re-running an expansion writes the same ids. */
export function recipientKeyOf(recipient: {
  readonly userId: string;
  readonly aadObjectId?: string;
}): string {
  return (recipient.aadObjectId ?? recipient.userId).toLowerCase();
}
