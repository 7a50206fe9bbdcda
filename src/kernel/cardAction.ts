/**
 * A button on any card: always `Action.Execute`, so the card it sits on can be updated in place.
 * Feature view models use it; the bot renders it. Data values stay flat so every card action
 * can be parsed by a schema at the edge.
 */
export interface CardAction {
  readonly title: string;
  readonly verb: string;
  readonly data: Readonly<Record<string, string | number | boolean>>;
}
