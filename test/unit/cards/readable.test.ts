import assert from 'node:assert/strict';
import { genericLocalContacts } from '../../../src/tenants/localContacts';
import { everyCard } from './everyCard';

type Node = Record<string, unknown>;

function* nodes(node: unknown): Generator<Node> {
  if (Array.isArray(node)) for (const n of node) yield* nodes(n);
  else if (node !== null && typeof node === 'object') {
    yield node as Node;
    for (const value of Object.values(node)) yield* nodes(value);
  }
}

describe('every card is readable and accessible', () => {
  let cards: Array<{ name: string; card: object }>;
  before(async () => {
    cards = await everyCard(genericLocalContacts);
  });

  it('uses no text in the Warning colour (yellow on white cannot be read)', () => {
    const warning = cards.flatMap(({ name, card }) =>
      [...nodes(card)].some((n) => n.color === 'Warning') ? [name] : [],
    );
    assert.deepEqual([...new Set(warning)], []);
  });

  it('labels every input', () => {
    const unlabelled = cards.flatMap(({ name, card }) =>
      [...nodes(card)]
        .filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.'))
        .filter((n) => typeof n.label !== 'string' || n.label.trim() === '')
        .map((n) => `${name}: ${String(n.id)}`),
    );
    assert.deepEqual([...new Set(unlabelled)], []);
  });

  it('marks headings as headings: bold text that is not a sentence or a coloured line', () => {
    const unmarked = cards.flatMap(({ name, card }) =>
      [...nodes(card)]
        .filter((n) => n.type === 'TextBlock' && n.weight === 'Bolder' && n.color === undefined)
        .filter((n) => typeof n.text === 'string' && !/[.!?:]$/.test(n.text.trim()))
        .filter((n) => n.style !== 'heading')
        .map((n) => `${name}: ${String(n.text)}`),
    );
    assert.deepEqual([...new Set(unmarked)], []);
  });
});
