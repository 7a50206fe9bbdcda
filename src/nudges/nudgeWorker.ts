import { randomUUID } from 'node:crypto';
import type { StoredItem } from '../kernel/documentStore';
import { ErrorCodes, isAppError } from '../kernel/errors';
import type { BackoffPolicy } from '../referrals/delivery/backoff';
import { expandNudge, type ExpansionDeps } from './expansion';
import { nudgeKey } from './stores';
import type { NudgeRecord } from './model';
import {
  drainCountKeys,
  noCounts,
  OccurrenceDrain,
  type DrainCounts,
  type SenderDeps,
} from './nudgeSender';
import { SlidingWindowLimiter } from './pacing';
import { SenderLeases } from './senderLease';

export interface NudgeWorkerOptions {
  /** Names this instance in leases; a restarted instance with the same id resumes at once. */
  readonly holder: string;
  /**
   * Requests per second per tenant (Teams: 50 per app per tenant; conversation creation counts),
   * as Teams counts them: at most this many in any sliding second (see SlidingWindowLimiter).
   */
  readonly ratePerSecond: number;
  readonly maxInFlight: number;
  readonly maxAttempts: number;
  readonly leaseMs: number;
  /** A holder that finishes nothing for this long is taken over. */
  readonly stallMs: number;
  /** How often an idle instance looks for nudges left unfinished (another instance's crash). */
  readonly pollMs: number;
  readonly backoff: BackoffPolicy;
}

export const defaultNudgeWorkerOptions: Omit<NudgeWorkerOptions, 'holder'> = {
  ratePerSecond: 50,
  maxInFlight: 32,
  maxAttempts: 8,
  leaseMs: 30_000,
  stallMs: 3 * 60_000,
  pollMs: 20_000,
  // 5xx and 429s without Retry-After: the first retry within half a second (a 502/503/504 is
  // usually gone by then), doubling to a minute; a 429 with Retry-After waits exactly that.
  backoff: { baseDelayMs: 500, maxDelayMs: 60_000, minDelayMs: 100 },
};

export type NudgeWorkerDeps = SenderDeps &
  Omit<ExpansionDeps, 'stores' | 'clock' | 'conversations' | 'teams'>;

/** One tenant's pass: what was expanded and sent. */
export interface TenantPass extends DrainCounts {
  readonly held: boolean;
  expanded: number;
}

/**
 * Drives nudges: for a tenant, takes its sender lease, expands each nudge still expanding (once:
 * deterministic ids), then drains its deliveries at the tenant's rate, renewing the lease with its
 * progress; a nudge with nothing pending is marked done. Woken by "send now" on this instance, and
 * by a poll that finds nudges left unfinished anywhere (a crash, a stalled instance).
 */
export class NudgeWorker {
  private readonly options: NudgeWorkerOptions;
  private readonly leases: SenderLeases;
  private readonly running = new Map<string, Promise<TenantPass>>();
  private readonly again = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly deps: NudgeWorkerDeps,
    options: Partial<NudgeWorkerOptions> = {},
  ) {
    this.options = { ...defaultNudgeWorkerOptions, holder: randomUUID(), ...options };
    this.leases = new SenderLeases(deps.stores.leases, deps.clock, this.options, deps.logger);
  }

  /** Runs the tenant's nudges now, beside the caller's turn (once at a time per tenant). */
  wake(tenantId: string): void {
    if (this.stopped) return;
    void this.runTenant(tenantId).catch((err: unknown) => {
      this.deps.logger.error('nudge pass failed', { code: codeOf(err) }, err);
    });
  }

  /** One pass for a tenant; concurrent calls share it (and a call during it runs one more after). */
  runTenant(tenantId: string): Promise<TenantPass> {
    const current = this.running.get(tenantId);
    if (current) {
      this.again.add(tenantId);
      return current;
    }
    const pass = this.pass(tenantId).finally(() => {
      this.running.delete(tenantId);
      if (this.again.delete(tenantId) && !this.stopped) this.wake(tenantId);
    });
    this.running.set(tenantId, pass);
    return pass;
  }

  /** Polls for unfinished nudges every `pollMs` (an instance that crashed left them). */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => {
      if (!this.polling) this.polling = this.pollOnce().finally(() => (this.polling = undefined));
    }, this.options.pollMs);
    this.timer.unref();
  }

  /** Stops polling and waits for passes in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.running.values(), this.polling]);
  }

  /** Finds tenants with unfinished nudges and runs each. */
  async pollOnce(): Promise<void> {
    const find = this.deps.stores.nudges.findByField?.bind(this.deps.stores.nudges);
    if (!find) return;
    try {
      const tenants = new Set<string>();
      for (const state of ['expanding', 'sending'] as const) {
        for (const item of await find('state', state, { limit: 100 }))
          tenants.add(item.value.tenantId);
      }
      for (const tenantId of tenants) await this.runTenant(tenantId);
    } catch (err) {
      this.deps.logger.warn('nudge poll failed', { code: codeOf(err) });
    }
  }

  private async pass(tenantId: string): Promise<TenantPass> {
    const result: TenantPass = { held: false, expanded: 0, ...noCounts() };
    const lease = await this.leases.acquire(tenantId, this.options.holder);
    if (!lease) return result;
    const { deps } = this;
    let progress = 0;
    const renewEvery = Math.max(1000, Math.floor(this.options.leaseMs / 3));
    const renewal = setInterval(() => {
      void lease.renew(progress).catch(() => undefined);
    }, renewEvery);
    renewal.unref();
    try {
      const bucket = new SlidingWindowLimiter(
        deps.clock,
        deps.sleeper,
        Math.max(1, Math.floor(this.options.ratePerSecond)),
      );
      const active = (await deps.stores.nudges.listPartition(tenantId))
        .filter((n) => n.value.state !== 'done')
        .sort((a, b) => a.value.createdAt.localeCompare(b.value.createdAt));
      for (let nudge of active) {
        if (!lease.held) break;
        const logger = deps.logger.child({ nudgeId: nudge.value.nudgeId });
        if (nudge.value.state === 'expanding') {
          const count = await expandNudge({ ...deps, clock: deps.clock }, nudge.value, (n) => {
            progress += n > 0 ? 1 : 0;
          });
          result.expanded += count;
          const next = await this.update(nudge, {
            state: 'sending',
            expandedAt: deps.clock.now().toISOString(),
            recipients: count,
          });
          if (!next) continue;
          nudge = next;
          logger.info('nudge expanded', { count });
        }
        const drain = new OccurrenceDrain(
          deps,
          this.options,
          bucket,
          lease,
          nudge.value,
          () => (progress += 1),
        );
        const finished = await drain.run();
        for (const key of drainCountKeys) {
          result[key] += drain.counts[key];
        }
        if (finished && lease.held) {
          await this.update(nudge, { state: 'done', doneAt: deps.clock.now().toISOString() });
          logger.info('nudge sent', { count: drain.counts.sent });
        }
      }
      return { ...result, held: true };
    } finally {
      clearInterval(renewal);
      await lease.release();
    }
  }

  /** Moves a nudge on (If-Match); undefined when another instance moved it first. */
  private async update(
    nudge: StoredItem<NudgeRecord>,
    change: Partial<NudgeRecord>,
  ): Promise<StoredItem<NudgeRecord> | undefined> {
    try {
      return await this.deps.stores.nudges.replace(
        { ...nudgeKey(nudge.value.tenantId, nudge.value.nudgeId), etag: nudge.etag },
        { ...nudge.value, ...change },
      );
    } catch (err) {
      if (isAppError(err, ErrorCodes.storePreconditionFailed)) return undefined;
      throw err;
    }
  }
}

function codeOf(err: unknown): string {
  return isAppError(err) ? err.code : err instanceof Error ? err.name : 'unknown';
}
