import type { TurnContext } from 'botbuilder';
import type { z } from 'zod';
import { coachingVerbs } from '../../coaching/actions';
import type { CardJson } from '../../kernel/cardRenderer';
import { AppError, ErrorCodes } from '../../kernel/errors';
import { nudgeVerbs, welcomeVerbs } from '../../kernel/verbs';
import type { Logger } from '../../logging/logger';
import { outcomeVerbs } from '../../outcomes/confidenceCheckIn';
import { scheduleVerbs } from '../../nudges/schedules/verbs';
import { referralVerbs } from '../../referrals/form/actions';
import { wordingVerbs } from '../../wording/actions';
import type { CardCatalog } from '../cards/cardCatalog';

/** Every verb a card or command may carry, by the feature that declares it. */
export const verbGroups = {
  welcome: welcomeVerbs,
  nudges: nudgeVerbs,
  schedules: scheduleVerbs,
  coaching: coachingVerbs,
  wording: wordingVerbs,
  referral: referralVerbs,
  outcomes: outcomeVerbs,
} as const;

type Groups = typeof verbGroups;
/** A declared verb: a typo is a compile error, not a button that answers "out of date". */
export type Verb = { [G in keyof Groups]: Groups[G][keyof Groups[G]] }[keyof Groups];

/** What every action handler may use; built once per turn by the bot. */
export interface ActionContext {
  readonly turn: TurnContext;
  readonly tenantId: string;
  /** The Entra object id (or channel id) of the person who pressed the button or typed. */
  readonly userId: string;
  readonly cards: CardCatalog;
  readonly logger: Logger;
}

/** A rendered Adaptive Card: it replaces the pressed card in place, or is sent as a new message. */
export type { CardJson };

export type ActionOutcome =
  | { readonly kind: 'card'; readonly card: CardJson }
  /** A short message shown by Teams while the pressed card stays as it is. */
  | { readonly kind: 'message'; readonly text: string }
  | { readonly kind: 'invalidData'; readonly fields: readonly string[] };

/** What a handler answers with: a card (in place of the pressed one) or a short message. */
export type Reply = Exclude<ActionOutcome, { kind: 'invalidData' }>;

export const showCard = (card: CardJson): Reply => ({ kind: 'card', card });

/** One verb, declared once: its data schema (parsed at the edge) and the handler of typed data. */
export interface VerbHandler<D = unknown> {
  readonly verb: Verb;
  readonly schema: z.ZodType<D, unknown>;
  handle(context: ActionContext, data: D): Reply | Promise<Reply>;
  /** What to answer when the data does not parse; the bot's "out of date" notice when absent. */
  refused?(context: ActionContext): Reply | Promise<Reply>;
}

/** A verb's handler, its data type checked against its schema and then erased for the table. */
export function onVerb<D>(
  verb: Verb,
  schema: z.ZodType<D, unknown>,
  handle: (context: ActionContext, data: D) => Reply | Promise<Reply>,
  refused?: (context: ActionContext) => Reply | Promise<Reply>,
): VerbHandler {
  return {
    verb,
    schema,
    handle: (context, data) => handle(context, data as D),
    ...(refused ? { refused } : {}),
  };
}

/** The same handler for every verb of a feature's schema map (its keys typed by the feature). */
export function onVerbs<V extends Verb, D>(
  schemas: { readonly [K in V]: z.ZodType<D, unknown> },
  handle: (context: ActionContext, data: D, verb: V) => Reply | Promise<Reply>,
  refused?: (context: ActionContext, verb: V) => Reply | Promise<Reply>,
): VerbHandler[] {
  return (Object.keys(schemas) as V[]).map((verb) =>
    onVerb(
      verb,
      schemas[verb],
      (context, data) => handle(context, data, verb),
      refused ? (context) => refused(context, verb) : undefined,
    ),
  );
}

/**
 * The verb → handler table. Built once at start from every feature's handlers: a verb registered
 * twice stops the process (nothing overrides another handler silently).
 */
export class VerbTable {
  private constructor(private readonly handlers: ReadonlyMap<string, VerbHandler>) {}

  static of(...groups: ReadonlyArray<readonly VerbHandler[]>): VerbTable {
    const handlers = new Map<string, VerbHandler>();
    for (const handler of groups.flat()) {
      if (handlers.has(handler.verb)) {
        throw new AppError(
          ErrorCodes.cardActionInvalid,
          `The verb ${handler.verb} is registered twice.`,
          { catastrophic: true },
        );
      }
      handlers.set(handler.verb, handler);
    }
    return new VerbTable(handlers);
  }

  has(verb: string): boolean {
    return this.handlers.has(verb);
  }

  verbs(): string[] {
    return [...this.handlers.keys()];
  }

  /** Looks the verb up and parses its data; the handler only ever sees data its schema accepted. */
  async run(context: ActionContext, verb: string, rawData: unknown): Promise<ActionOutcome> {
    const handler = this.handlers.get(verb);
    if (!handler) return { kind: 'invalidData', fields: ['verb'] };
    const parsed = handler.schema.safeParse(rawData ?? {});
    if (parsed.success) return handler.handle(context, parsed.data);
    if (handler.refused) {
      context.logger.warn('card action data refused', { verb });
      return handler.refused(context);
    }
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(data)');
    return { kind: 'invalidData', fields };
  }
}
