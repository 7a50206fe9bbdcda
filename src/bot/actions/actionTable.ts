import type { TurnContext } from 'botbuilder';
import type { z } from 'zod';
import type { CardCatalog } from '../cards/cardCatalog';
import type { Logger } from '../../logging/logger';

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
export type CardJson = Record<string, unknown>;

/** One verb: its data schema (parsed at the edge) and the handler that gets typed data. */
export interface ActionDefinition<D> {
  readonly schema: z.ZodType<D>;
  handle(context: ActionContext, data: D): Promise<CardJson>;
}

/** A definition with its data type erased, so definitions of different verbs sit in one table. */
export interface RegisteredAction {
  run(context: ActionContext, rawData: unknown): Promise<ActionOutcome>;
}

export type ActionOutcome =
  | { readonly kind: 'card'; readonly card: CardJson }
  /** A short message shown by Teams while the pressed card stays as it is. */
  | { readonly kind: 'message'; readonly text: string }
  | { readonly kind: 'invalidData'; readonly fields: readonly string[] };

/** Wraps a definition so its data is parsed before the handler sees it. */
export function defineAction<D>(definition: ActionDefinition<D>): RegisteredAction {
  return {
    async run(context, rawData) {
      const parsed = definition.schema.safeParse(rawData ?? {});
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(data)');
        return { kind: 'invalidData', fields };
      }
      return { kind: 'card', card: await definition.handle(context, parsed.data) };
    },
  };
}

export type ActionTable = Readonly<Record<string, RegisteredAction>>;
