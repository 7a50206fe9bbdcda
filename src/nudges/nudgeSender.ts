import type { CardSender, ConversationAddress } from '../conversations/cardSender';
import type { ConversationDirectory } from '../conversations/conversationDirectory';
import type { CardJson } from '../kernel/cardRenderer';
import type { Clock } from '../kernel/clock';
import type { StoredItem } from '../kernel/documentStore';
import { ErrorCodes, isAppError } from '../kernel/errors';
import type { Logger } from '../logging/logger';
import { retryDelayMs, type BackoffPolicy } from '../referrals/delivery/backoff';
import type { RandomSource } from '../referrals/delivery/ports';
import type { InstalledTeams } from '../teams/installedTeams';
import { PermanentlyUnreachable, verdictOn } from './deliveryOutcome';
import {
  deliveryPartition,
  type DeliveryRecord,
  type DeliveryStatus,
  type NudgeRecord,
  type PermanentReason,
} from './model';
import type { Sleeper, SlidingWindowLimiter } from './pacing';
import type { HeldLease } from './senderLease';
import type { NudgeStores } from './stores';

export interface SenderDeps {
  readonly stores: NudgeStores;
  readonly sender: CardSender;
  readonly teams: InstalledTeams;
  readonly conversations: ConversationDirectory;
  /** The cards an occurrence's recipients get: the same for all, or each their own (a quiz). */
  readonly cardFor: (nudge: NudgeRecord) => Promise<(delivery: DeliveryRecord) => CardJson>;
  readonly clock: Clock;
  readonly sleeper: Sleeper;
  readonly random: RandomSource;
  readonly logger: Logger;
}

export interface SenderOptions {
  /** Requests in flight at once (each still waits for its token). */
  readonly maxInFlight: number;
  /** Attempts per recipient before it is marked failed (RetriesExhausted). */
  readonly maxAttempts: number;
  readonly backoff: BackoffPolicy;
}

/** What one drain of an occurrence did. */
export interface DrainCounts {
  sent: number;
  failed: number;
  /** Found "attempting" (a holder stopped mid-send) and settled as possibly delivered. */
  uncertain: number;
  requests: number;
  throttled: number;
  retried: number;
}

export const drainCountKeys = [
  'sent',
  'failed',
  'uncertain',
  'requests',
  'throttled',
  'retried',
] as const satisfies ReadonlyArray<keyof DrainCounts>;

/** All counts at zero. */
export function noCounts(): DrainCounts {
  return { sent: 0, failed: 0, uncertain: 0, requests: 0, throttled: 0, retried: 0 };
}

interface Pending {
  /** The record as last read or written (its ETag guards the next write). */
  item: StoredItem<DeliveryRecord>;
  readyAt: number;
  attempts: number;
  /** The personal chat opened from the team, once opened (a retry does not open it again). */
  address?: ConversationAddress;
}

/**
 * Drains one occurrence's pending deliveries through the tenant's limiter while the lease is
 * held: each recipient once (marked "attempting" just before the request, then written sent or
 * failed, all with If-Match), retrying what Teams asks to be retried and marking the rest failed
 * with the reason; one bad recipient never stops the batch. After a crash, a record still pending
 * is simply sent by the next drain; one left "attempting" is settled uncertain, not resent.
 */
export class OccurrenceDrain {
  readonly counts: DrainCounts = noCounts();
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private waiting: Array<() => void> = [];
  private cards: ((delivery: DeliveryRecord) => CardJson) | undefined;

  constructor(
    private readonly deps: SenderDeps,
    private readonly options: SenderOptions,
    private readonly bucket: SlidingWindowLimiter,
    private readonly lease: HeldLease,
    private readonly nudge: NudgeRecord,
    /** Called after each recipient is finished (sent or failed), for the lease's progress. */
    private readonly onFinished: () => void,
  ) {}

  /** Resolves when nothing is pending (or the lease was lost): true when all are finished. */
  async run(): Promise<boolean> {
    const { nudge } = this;
    const partition = deliveryPartition(nudge.tenantId, nudge.nudgeId, nudge.occurrence);
    const items = await this.deps.stores.deliveries.listPartition(partition);
    const now = this.deps.clock.now().getTime();
    for (const item of items) {
      if (item.value.status === 'pending') {
        this.queue.push({ item, readyAt: now, attempts: item.value.attempts });
      }
    }
    // Settled beside the sending (different records): a restart loses no time to it.
    // (Its failure is held, not left unhandled, until the sending is over.)
    const settling = this.settleUncertain(
      items.filter((i) => i.value.status === 'attempting'),
    ).then(
      () => undefined,
      (err: unknown) => ({ err }),
    );
    if (this.queue.length > 0) {
      this.cards = await this.deps.cardFor(nudge);
      const workers = Array.from({ length: this.options.maxInFlight }, () => this.work());
      await Promise.all(workers);
    }
    const failed = await settling;
    if (failed) throw failed.err;
    return this.queue.length === 0 && this.inFlight === 0;
  }

  private async work(): Promise<void> {
    while (this.lease.held) {
      const next = this.nextReady();
      if (next === 'empty') {
        if (this.inFlight === 0) return;
        await new Promise<void>((resolve) => this.waiting.push(resolve));
        continue;
      }
      if (typeof next === 'number') {
        await this.deps.sleeper.sleep(next);
        continue;
      }
      this.inFlight += 1;
      try {
        await this.deliver(next);
      } finally {
        this.inFlight -= 1;
        // Whoever waits for work looks again: a retry may have been queued, or all is done.
        const waiting = this.waiting;
        this.waiting = [];
        waiting.forEach((wake) => wake());
      }
    }
  }

  /** The next recipient due, or how long until one is, or nothing left to take. */
  private nextReady(): Pending | number | 'empty' {
    if (this.queue.length === 0) return 'empty';
    const now = this.deps.clock.now().getTime();
    let earliest = 0;
    for (let i = 0; i < this.queue.length; i += 1) {
      const pending = this.queue[i]!;
      if (pending.readyAt <= now) {
        this.queue.splice(i, 1);
        return pending;
      }
      if (i === 0 || pending.readyAt < earliest) earliest = pending.readyAt;
    }
    return Math.max(1, earliest - now);
  }

  private async deliver(pending: Pending): Promise<void> {
    let outcome: { status: 'sent' } | { status: 'failed'; reason: PermanentReason } | undefined;
    try {
      const address = pending.address ?? (await this.addressOf(pending));
      const slot = await this.bucket.take();
      try {
        if (!this.lease.held) return this.requeue(pending, 0);
        // Write-ahead: from here until its outcome is written, a crash leaves this recipient
        // "attempting", which the next holder settles as uncertain rather than sending again.
        if (!(await this.markAttempting(pending))) return;
        this.counts.requests += 1;
        await this.deps.sender.send(address, this.cards?.(pending.item.value) ?? {});
      } finally {
        slot.answered();
      }
      outcome = { status: 'sent' };
    } catch (err) {
      const verdict = this.afterFailure(pending, err);
      if ('retryInMs' in verdict) {
        // Teams refused it: back to pending before it waits, so that a crash during the wait
        // sends it later instead of reporting it uncertain.
        if (pending.item.value.status === 'attempting') {
          const written = await this.write(pending, 'pending').catch(() => 'kept' as const);
          if (written === 'moved') return;
        }
        return this.requeue(pending, verdict.retryInMs);
      }
      outcome = verdict;
    }
    // Written apart from the send: a failed write must never send the card again.
    if (outcome)
      await this.finish(pending, outcome.status, 'reason' in outcome ? outcome.reason : undefined);
  }

  /** A permanent failure's outcome, or how long to wait before trying again. */
  private afterFailure(
    pending: Pending,
    err: unknown,
  ): { status: 'failed'; reason: PermanentReason } | { retryInMs: number } {
    const verdict = verdictOn(err);
    if (verdict.kind === 'permanent') return { status: 'failed', reason: verdict.reason };
    pending.attempts += 1;
    if (pending.attempts >= this.options.maxAttempts) {
      return { status: 'failed', reason: 'RetriesExhausted' };
    }
    // A 429 costs exactly the Retry-After Teams asked for, for the whole tenant (the limit is the
    // tenant's); without one, and for 5xx, capped exponential backoff with jitter.
    const delay =
      verdict.throttled && verdict.retryAfterMs !== undefined
        ? Math.max(0, verdict.retryAfterMs)
        : retryDelayMs(
            pending.attempts,
            this.deps.random,
            this.options.backoff,
            verdict.retryAfterMs,
          );
    if (verdict.throttled) {
      this.counts.throttled += 1;
      this.bucket.pauseUntil(this.deps.clock.now().getTime() + delay);
    }
    this.counts.retried += 1;
    return { retryInMs: delay };
  }

  /** The recipient's personal chat: stored, or opened now from the team (a request of its own). */
  private async addressOf(pending: Pending): Promise<ConversationAddress> {
    const { route, tenantId, userId, aadObjectId } = pending.item.value;
    if (route.kind === 'conversation') return route.address;
    const team = await this.deps.teams.find(tenantId, route.teamId);
    if (!team) throw new PermanentlyUnreachable('NoConversation');
    const slot = await this.bucket.take();
    this.counts.requests += 1;
    const address = await this.deps.sender
      .createPersonalConversation(team.reference, { userId, tenantId })
      .finally(() => slot.answered());
    pending.address = address;
    // Next time this person is reached directly; a failure here only costs a creation later.
    const conversationId = (address.conversation as { id?: unknown } | undefined)?.id;
    if (typeof conversationId === 'string') {
      await this.deps.conversations
        .remember({
          tenantId,
          conversationId,
          kind: 'personal',
          ...(aadObjectId ? { userObjectId: aadObjectId } : {}),
          reference: address,
        })
        .catch(() => undefined);
    }
    return address;
  }

  private requeue(pending: Pending, delayMs: number): void {
    pending.readyAt = this.deps.clock.now().getTime() + delayMs;
    this.queue.push(pending);
  }

  /**
   * Writes the recipient's record with If-Match and keeps its new ETag: 'moved' when another holder
   * changed it first. The outcome of a send is written again on a storage hiccup (never sent
   * again); the write-ahead mark is not (the send waits for it).
   */
  private async write(
    pending: Pending,
    status: DeliveryStatus,
    reason?: PermanentReason,
  ): Promise<'written' | 'moved'> {
    const { item } = pending;
    const value: DeliveryRecord = {
      ...item.value,
      status,
      ...(reason ? { reason } : {}),
      attempts: status === 'sent' || status === 'failed' ? pending.attempts + 1 : pending.attempts,
      updatedAt: this.deps.clock.now().toISOString(),
    };
    const key = { partitionKey: item.partitionKey, id: item.id, etag: item.etag };
    const tries = status === 'attempting' ? 1 : outcomeWriteAttempts;
    for (let attempt = 1; ; attempt += 1) {
      try {
        pending.item = await this.deps.stores.deliveries.replace(key, value, {
          ttlSeconds: ttlLeft(item.value.expiresAt, this.deps.clock),
        });
        return 'written';
      } catch (err) {
        if (isAppError(err, ErrorCodes.storePreconditionFailed)) return 'moved';
        if (attempt >= tries) throw err;
        await this.deps.sleeper.sleep(retryDelayMs(attempt, this.deps.random, writeBackoff));
      }
    }
  }

  /** The write-ahead mark; when the record moved under it, looks again before giving it up. */
  private async markAttempting(pending: Pending): Promise<boolean> {
    if ((await this.write(pending, 'attempting')) === 'written') return true;
    const fresh = await this.deps.stores.deliveries.read(pending.item);
    // Still ours to send (our own earlier mark whose answer was lost): take it up again.
    if (fresh && (fresh.value.status === 'pending' || fresh.value.status === 'attempting')) {
      pending.item = fresh;
      return (await this.write(pending, 'attempting')) === 'written';
    }
    return false;
  }

  /** Writes the outcome; a record another holder already finished is left as it is. */
  private async finish(
    pending: Pending,
    status: 'sent' | 'failed',
    reason?: PermanentReason,
  ): Promise<void> {
    await this.write(pending, status, reason);
    if (status === 'sent') this.counts.sent += 1;
    else this.counts.failed += 1;
    this.onFinished();
  }

  /**
   * Recipients a crashed holder was sending to when it stopped: Teams has no idempotency key, so
   * whether each card arrived cannot be known. Sending again risks a duplicate; not sending risks
   * a miss. We do not send again: each is settled "uncertain" and shown to the manager as possibly
   * delivered (counted apart from sent and failed, never dropped). The window is one round trip
   * per recipient in flight (the mark is written just before the request and the outcome just
   * after), so a crash leaves at most a few, usually delivered.
   */
  private async settleUncertain(items: ReadonlyArray<StoredItem<DeliveryRecord>>): Promise<void> {
    let settled = 0;
    await Promise.all(
      items.map(async (item) => {
        const pending: Pending = { item, readyAt: 0, attempts: item.value.attempts };
        if ((await this.write(pending, 'uncertain')) === 'written') {
          settled += 1;
          this.counts.uncertain += 1;
          this.onFinished();
        }
      }),
    );
    if (settled > 0) {
      this.deps.logger.warn('nudge deliveries of unknown outcome not resent', { count: settled });
    }
  }
}

const outcomeWriteAttempts = 5;
const writeBackoff: BackoffPolicy = { baseDelayMs: 200, maxDelayMs: 5_000, minDelayMs: 50 };

/** Seconds the record has left of its retention (at least one). */
function ttlLeft(expiresAt: string, clock: Clock): number {
  return Math.max(1, Math.ceil((Date.parse(expiresAt) - clock.now().getTime()) / 1000));
}
