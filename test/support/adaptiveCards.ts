import assert from 'node:assert/strict';
import path from 'node:path';
import * as AC from 'adaptivecards';
import { CardCatalog } from '../../src/bot/cards/cardCatalog';

/** Teams refuses cards over about 28 KB; stay well under. */
export const maxCardBytes = 24 * 1024;

let catalog: CardCatalog | undefined;

/** The real card catalogue over cards/, loaded once: tests render exactly as the bot does. */
export function cardCatalog(): CardCatalog {
  catalog ??= CardCatalog.load(path.resolve('cards'));
  return catalog;
}

/** Renders a template by name with sample data, as the bot does (bound, never evaluated). */
export function renderCard(name: string, data: object): Record<string, unknown> {
  return cardCatalog().renderAny(name, data);
}

/** Every problem the Adaptive Cards SDK reports when it parses the card as schema 1.5. */
export function problemsOf(card: object): string[] {
  const context = new AC.SerializationContext(new AC.Version(1, 5));
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

/** A chart whose data is series: `[{ legend, values: [{ x, y }] }]` (line, grouped bars). */
const seriesChart =
  (type: string) =>
  (e: Record<string, unknown>): string[] => {
    const data = e.data;
    if (!Array.isArray(data)) return [`${type} has no data array`];
    return data.flatMap((series: unknown, i) => {
      const s = series as { legend?: unknown; values?: unknown };
      if (typeof s.legend !== 'string') return [`${type} data[${i}] has no legend`];
      if (!Array.isArray(s.values)) return [`${type} data[${i}] has no values array`];
      return s.values.flatMap((v: unknown, j) => {
        const point = v as { x?: unknown; y?: unknown };
        return ['string', 'number'].includes(typeof point.x) && typeof point.y === 'number'
          ? []
          : [`${type} data[${i}].values[${j}] is not { x: string | number, y: number }`];
      });
    });
  };

/** Teams' chart elements the cards use, checked against their documented shape (Teams docs, "Charts in Adaptive Cards"). */
const teamsCharts: Record<string, (element: Record<string, unknown>) => string[]> = {
  'Chart.Line': seriesChart('Chart.Line'),
  'Chart.VerticalBar.Grouped': seriesChart('Chart.VerticalBar.Grouped'),
  'Chart.VerticalBar': (e) => {
    const data = e.data;
    if (!Array.isArray(data)) return ['Chart.VerticalBar has no data array'];
    return data.flatMap((v: unknown, i) => {
      const point = v as { x?: unknown; y?: unknown };
      return ['string', 'number'].includes(typeof point.x) && typeof point.y === 'number'
        ? []
        : [`Chart.VerticalBar data[${i}] is not { x: string | number, y: number }`];
    });
  },
};

/**
 * The card with each Teams chart element checked against its documented shape and replaced by its
 * fallback (dropped for "drop"), as a client without charts renders it. The Adaptive Cards SDK at
 * 1.5 does not know Teams' chart elements, so it would only report them as unknown.
 */
export function withChartsChecked(card: unknown, problems: string[] = []): unknown {
  if (Array.isArray(card)) {
    return card.map((c) => withChartsChecked(c, problems)).filter((c) => c !== undefined);
  }
  if (card === null || typeof card !== 'object') return card;
  const record = card as Record<string, unknown>;
  const check = typeof record.type === 'string' ? teamsCharts[record.type] : undefined;
  if (check) {
    problems.push(...check(record));
    if (typeof record.title !== 'string' && record.title !== undefined)
      problems.push(`${String(record.type)} title is not text`);
    const fallback = record.fallback;
    return fallback === 'drop' || fallback === undefined
      ? undefined
      : withChartsChecked(fallback, problems);
  }
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, withChartsChecked(value, problems)]),
  );
}

/** Every object anywhere in a card whose type starts with "Action.". */
export function actionsOf(
  node: unknown,
  out: Array<Record<string, unknown>> = [],
): Array<Record<string, unknown>> {
  if (Array.isArray(node)) node.forEach((n) => actionsOf(n, out));
  else if (node !== null && typeof node === 'object') {
    const record = Object.fromEntries(Object.entries(node));
    if (typeof record.type === 'string' && record.type.startsWith('Action.')) out.push(record);
    Object.values(record).forEach((v) => actionsOf(v, out));
  }
  return out;
}

const allowedActions = [
  'Action.Execute',
  'Action.ToggleVisibility',
  'Action.OpenUrl',
  'Action.ShowCard',
];

/**
 * What every rendered card must be: Adaptive Card 1.5 the SDK parses without a problem, no
 * unbound `${...}` left, small enough for Teams, and buttons that are `Action.Execute` with a verb
 * (or client-side only actions).
 */
export function assertValidCard(card: Record<string, unknown>, name: string): void {
  assert.equal(card.version, '1.5', `${name} is version 1.5`);
  const chartProblems: string[] = [];
  const withoutCharts = withChartsChecked(card, chartProblems) as object;
  assert.deepEqual(chartProblems, [], `${name}'s Teams charts have their documented shape`);
  assert.deepEqual(problemsOf(withoutCharts), [], `${name} parses without problems`);
  const json = JSON.stringify(card);
  assert.ok(!json.includes('${'), `unbound template expression in ${name}`);
  assert.ok(Buffer.byteLength(json) < maxCardBytes, `${name} is too large for Teams`);
  for (const action of actionsOf(card)) {
    assert.ok(
      allowedActions.includes(String(action.type)),
      `unexpected ${String(action.type)} in ${name}`,
    );
    if (action.type === 'Action.Execute') {
      assert.ok(
        typeof action.verb === 'string' && action.verb !== '',
        `every Action.Execute in ${name} has a verb`,
      );
    }
  }
}
