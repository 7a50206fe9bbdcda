import assert from 'node:assert/strict';
import path from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { referralActions, type ReferralActionDeps } from '../../../src/bot/actions/referralActions';
import { referralFormStores } from '../../../src/referrals/form';
import { VerbTable } from '../../../src/bot/actions/actionTable';
import { welcomeActions } from '../../../src/bot/actions/welcomeActions';
import { turnErrorHandler } from '../../../src/bot/adapter';
import { CardCatalog } from '../../../src/bot/cards/cardCatalog';
import { ConversationMemory } from '../../../src/bot/conversationMemory';
import { DareCoachBot } from '../../../src/bot/dareCoachBot';
import { TenantGuard } from '../../../src/bot/tenantGuard';
import { loadCoachingPack } from '../../../src/content/coaching/loadCoachingPack';
import {
  StoredConversationDirectory,
  type RememberedConversation,
} from '../../../src/conversations/conversationDirectory';
import type { Storage } from '../../../src/kernel/documentStore';
import {
  deliverPartition,
  outboxShardCount,
  purgePartition,
} from '../../../src/referrals/records/referralStores';
import { InMemoryStorage } from '../../../src/storage/memory/InMemoryStorage';
import { RecordRetention } from '../../../src/tenants/retention';
import { StoredTenantDirectory, type TenantSettings } from '../../../src/tenants/tenantSettings';
import { cardOf, invokeCardOf, runTurn, textsOf } from '../botHarness';
import { aCardAction, aMessage, fakeTenantId } from '../builders';
import { capturedLogger } from '../capturedLogs';
import { ManualClock } from './deliveryFakes';

type Card = Record<string, unknown>;

export const aTeamsProfile = { name: 'Alex Example', email: 'alex.example@council.example.org' };

export interface ReferralHarnessOptions {
  readonly clock?: ManualClock;
  /** Shared storage: a second harness over it is the same user after closing Teams. */
  readonly storage?: Storage;
  readonly deps?: Partial<ReferralActionDeps>;
  /** Council contacts to store for the test tenant. */
  readonly contacts?: TenantSettings['contacts'];
}

/**
 * The bot with the welcome and referral verbs, on botbuilder's TestAdapter with memory storage:
 * composed here as the lead will in composition.ts (the real DareCoachBot, tenant guard and
 * conversation memory), with a fake Teams profile lookup and the real safety net.
 */
export function aReferralHarness(options: ReferralHarnessOptions = {}) {
  const logs = capturedLogger();
  const clock = options.clock ?? new ManualClock('2026-11-23T10:00:00.000Z');
  const storage = options.storage ?? new InMemoryStorage({ clock });
  const cards = CardCatalog.load(path.resolve('cards'));
  const conversations = new StoredConversationDirectory(
    storage.collection<RememberedConversation>('conversations'),
    clock,
  );
  const tenantStore = storage.collection<TenantSettings>('tenants');
  const tenants = new StoredTenantDirectory(tenantStore);
  const pack = loadCoachingPack();
  const wakes: number[] = [];
  const deps: ReferralActionDeps = {
    ...referralFormStores(storage, clock, new RecordRetention(tenants)),
    clock,
    tenants,
    conversations,
    lookupProfile: async () => aTeamsProfile,
    wakeDelivery: () => wakes.push(clock.now().getTime()),
    safety: { net: pack.safety, alert: pack.safetyAlert },
    ...options.deps,
  };
  const bot = new DareCoachBot({
    cards,
    actions: VerbTable.of(
      welcomeActions(async () => undefined),
      referralActions(deps),
    ),
    textResponders: [],
    // The compose-box search is another feature's; this harness never queries it.
    wordingSearch: async () => ({
      composeExtension: { type: 'message', text: 'Not in this harness.' },
    }),
    logger: logs.logger.child({ component: 'bot' }),
  });
  const adapter = new TestAdapter((turn) => bot.run(turn));
  adapter.use(new TenantGuard([], logs.logger));
  adapter.use(new ConversationMemory(conversations, logs.logger));
  adapter.onTurnError = turnErrorHandler(logs.logger.child({ component: 'adapter' }));
  return {
    adapter,
    storage,
    clock,
    logs,
    cards,
    deps,
    wakes,
    user: new TeamsUser(adapter),
    async setContacts(contacts: TenantSettings['contacts']) {
      await tenants.save(fakeTenantId, { contacts });
    },
    async setRetention(retention: TenantSettings['retention']) {
      await tenants.save(fakeTenantId, { contacts: {}, retention });
    },
    /** Referrals stored and outbox entries waiting: both must stay 0 until a valid Send. */
    async counts(): Promise<{ referrals: number; outbox: number }> {
      const referrals = (await deps.stores.referrals.listPartition(fakeTenantId)).length;
      let outbox = 0;
      for (let shard = 0; shard < outboxShardCount; shard += 1) {
        outbox += (await deps.stores.outbox.listPartition(deliverPartition(shard))).length;
        outbox += (await deps.stores.outbox.listPartition(purgePartition(shard))).length;
      }
      return { referrals, outbox };
    },
  };
}

/** Runs one turn and returns what the bot sent back, an invoke's answer as an invokeResponse. */
export type TurnRunner = (activity: Partial<Activity>) => Promise<Array<Partial<Activity>>>;

interface Button {
  readonly title: string;
  readonly verb: string;
  readonly data: Record<string, unknown>;
  readonly sendsInputs: boolean;
}

function walk(node: unknown, visit: (n: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

/** Every input on a card with what Teams would send for it as it stands. */
export function inputsOf(card: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  walk(card, (n) => {
    if (typeof n.type !== 'string' || !n.type.startsWith('Input.') || typeof n.id !== 'string')
      return;
    if (n.type === 'Input.Toggle')
      out[n.id] = n.value === n.valueOn ? n.valueOn : (n.valueOff ?? 'false');
    else
      out[n.id] = typeof n.value === 'string' || typeof n.value === 'number' ? String(n.value) : '';
  });
  return out;
}

/** The red messages under each input: input id → message. */
export function fieldErrorsOf(card: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  walk(card, (n) => {
    if (n.type !== 'Container' || !Array.isArray(n.items)) return;
    const items = n.items as Array<Record<string, unknown>>;
    const input = items.find((i) => typeof i.type === 'string' && i.type.startsWith('Input.'));
    const error = items.find((i) => i.type === 'RichTextBlock');
    if (input && error) {
      const run = (error.inlines as Array<Record<string, unknown>>)[0];
      out[String(input.id)] = typeof run?.text === 'string' ? run.text : '';
    }
  });
  return out;
}

/** The ids of every input on a card. */
export function inputIdsOf(card: unknown): string[] {
  return Object.keys(inputsOf(card));
}

/**
 * A practitioner in Teams, as the bot sees them: presses buttons on the card in view, sending
 * every input on the card (as Teams does for `associatedInputs: auto`) with the changes given,
 * and receives new messages (receipts, safety cards).
 */
export class TeamsUser {
  card: Card | undefined;
  newCards: Card[] = [];
  /** Every card that arrived as a new message, by activity id (updates land here too). */
  readonly messages = new Map<string, Card>();
  private readonly kept = new Map<string, Card>();

  /** On botbuilder's TestAdapter, or any turn runner (the reliability suite's, over HTTP). */
  constructor(private readonly adapter: TestAdapter | TurnRunner) {}

  async say(text: string): Promise<Card | undefined> {
    await this.turn(aMessage(text));
    this.card = this.newCards.at(-1) ?? this.card;
    return this.card;
  }

  async press(title: RegExp | string, changes: Record<string, unknown> = {}): Promise<Card> {
    const button = this.button(title);
    const inputs = button.sendsInputs ? { ...inputsOf(this.card), ...changes } : changes;
    return this.send(button.verb, { ...button.data, ...inputs });
  }

  /** Sends an `Action.Execute` with any data: what a tampered or very old client could send. */
  async send(verb: string, data: unknown): Promise<Card> {
    const replies = await this.turn(aCardAction(verb, data));
    const response = replies.at(-1);
    assert.equal(response?.type, 'invokeResponse', 'an Action.Execute gets an invoke response');
    const updated = invokeCardOf(response ?? {});
    assert.ok(updated, 'the pressed card is replaced in place');
    this.card = updated;
    return updated;
  }

  keep(name: string): void {
    assert.ok(this.card);
    this.kept.set(name, this.card);
  }

  async pressOn(
    name: string,
    title: RegExp | string,
    changes: Record<string, unknown> = {},
  ): Promise<Card> {
    this.card = this.kept.get(name);
    return this.press(title, changes);
  }

  buttons(): Button[] {
    const out: Button[] = [];
    walk(this.card, (n) => {
      if (n.type === 'Action.Execute' && typeof n.verb === 'string') {
        out.push({
          title: String(n.title),
          verb: n.verb,
          data: (n.data as Record<string, unknown>) ?? {},
          sendsInputs: n.associatedInputs !== 'none',
        });
      }
    });
    return out;
  }

  button(title: RegExp | string): Button {
    const all = this.buttons();
    const match = all.find((b) =>
      typeof title === 'string' ? b.title === title : title.test(b.title),
    );
    assert.ok(match, `no button ${String(title)} among: ${all.map((b) => b.title).join(' | ')}`);
    return match;
  }

  text(): string {
    return textsOf(this.card).join('\n');
  }

  errors(): Record<string, string> {
    return fieldErrorsOf(this.card);
  }

  private async turn(activity: Partial<Activity>): Promise<Array<Partial<Activity>>> {
    const replies =
      typeof this.adapter === 'function'
        ? await this.adapter(activity)
        : await runTurn(this.adapter, activity);
    this.newCards = [];
    for (const reply of replies) {
      const card = cardOf(reply);
      if (!card) continue;
      this.newCards.push(card);
      if (reply.id) this.messages.set(reply.id, card);
    }
    return replies;
  }
}
