import { TestAdapter, type Activity } from 'botbuilder';
import { somethingWentWrong } from '../../src/bot/actions/welcomeActions';
import { turnErrorHandler } from '../../src/bot/adapter';
import { ConversationMemory } from '../../src/bot/conversationMemory';
import { composeBot } from '../../src/composition';
import type { ApplicationParts } from '../../src/composition/parts';
import type { AppConfig } from '../../src/config/config';
import type { Clock } from '../../src/kernel/clock';
import type { Storage } from '../../src/kernel/documentStore';
import { InMemoryStorage } from '../../src/storage/memory/InMemoryStorage';
import { aConfig } from './builders';
import { capturedLogger } from './capturedLogs';

/** The composed bot (same wiring as production) on botbuilder's TestAdapter, with memory storage. */
export function aBotHarness(
  options: {
    config?: AppConfig;
    clock?: Clock;
    storage?: (memory: Storage) => Storage;
    outcomePorts?: ApplicationParts['outcomePorts'];
  } = {},
) {
  const logs = capturedLogger();
  const memory = new InMemoryStorage(options.clock ? { clock: options.clock } : {});
  const storage = options.storage ? options.storage(memory) : memory;
  const clock = options.clock ?? { now: () => new Date('2026-11-23T10:00:00Z') };
  const composed = composeBot(options.config ?? aConfig(), {
    logger: logs.logger,
    storage,
    clock,
    ...(options.outcomePorts ? { outcomePorts: options.outcomePorts } : {}),
  });
  const adapter = new TestAdapter((turn) => composed.bot.run(turn));
  composed.middleware.forEach((m) => adapter.use(m));
  adapter.onTurnError = turnErrorHandler(logs.logger.child({ component: 'adapter' }), (err) =>
    somethingWentWrong(composed.cards, err),
  );
  const memoryMiddleware = composed.middleware.find((m) => m instanceof ConversationMemory);
  return {
    adapter,
    storage,
    logs,
    ...composed,
    /** Waits for conversation references being written beside the turns. */
    settled: () => memoryMiddleware?.settled() ?? Promise.resolve(),
  };
}

/** The card an activity carries, or undefined. */
export function cardOf(activity: Partial<Activity>): Record<string, unknown> | undefined {
  const attachment = activity.attachments?.[0];
  return attachment?.contentType === 'application/vnd.microsoft.card.adaptive'
    ? (attachment.content as Record<string, unknown>)
    : undefined;
}

/** The card an `Action.Execute` invoke response carries in place of the pressed card. */
export function invokeCardOf(activity: Partial<Activity>): Record<string, unknown> | undefined {
  const value = activity.value as
    { status?: number; body?: { type?: string; value?: Record<string, unknown> } } | undefined;
  return value?.body?.type === 'application/vnd.microsoft.card.adaptive'
    ? value.body.value
    : undefined;
}

/** Every piece of text a card shows (titles, text blocks, input labels, action titles), for assertions. */
export function textsOf(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'title' || key === 'label') && typeof value === 'string')
          out.push(value);
        else walk(value);
      }
    }
  };
  walk(card);
  return out;
}

/** The verbs of every `Action.Execute` on a card. */
export function verbsOf(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && typeof record.verb === 'string')
        out.push(record.verb);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Runs one turn and returns everything the bot sent in it, in order (invoke response last). */
export async function runTurn(
  adapter: TestAdapter,
  activity: Partial<Activity>,
): Promise<Array<Partial<Activity>>> {
  await adapter.processActivity(activity);
  return adapter.activeQueue.splice(0);
}

export interface CardButton {
  readonly title: string;
  readonly verb: string;
  readonly data: Record<string, unknown>;
}

/** Every `Action.Execute` on a card with its title and data. */
export function buttonsOf(card: unknown): CardButton[] {
  const out: CardButton[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && typeof record.verb === 'string') {
        out.push({
          title: String(record.title),
          verb: record.verb,
          data: (record.data as Record<string, unknown>) ?? {},
        });
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return out;
}
