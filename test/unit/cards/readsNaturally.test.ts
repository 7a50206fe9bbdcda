import assert from 'node:assert/strict';
import { genericLocalContacts } from '../../../src/tenants/localContacts';
import { everyCard, fullContacts } from './everyCard';

/** The words a card shows: text, titles, labels and placeholders, anywhere in it. */
function shownTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => shownTexts(n, out));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string' && ['text', 'title', 'label', 'placeholder'].includes(key))
        out.push(value);
      else shownTexts(value, out);
    }
  }
  return out;
}

/** Three-word phrases of the local details, generic or set: where a filled detail can repeat. */
const detailPhrases = new Set(
  [genericLocalContacts, fullContacts]
    .flatMap((contacts) => Object.values(contacts) as string[])
    .flatMap((value) => {
      const words = wordsOf(value);
      return words.slice(0, -2).map((_, i) => words.slice(i, i + 3).join(' '));
    }),
);

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z']+/g, ' ')
    .trim()
    .split(' ');
}

/**
 * What reads wrongly in one shown text, as short descriptions. A text counts as a sentence (and
 * so must start with a capital) when it ends like one; labels and values ("To: the partnership")
 * need not.
 */
function problemsIn(text: string): string[] {
  const problems: string[] = [];
  if (/\([^)]*\(/.test(text)) problems.push('brackets inside brackets');
  if (/\)\s*\(/.test(text)) problems.push('brackets after brackets');
  if (/[.?!]\s*[.?]/.test(text.replace(/\.\.\.|…/g, ''))) problems.push('doubled punctuation');
  const sentenceStart = /[.?!]$/.test(text.trim()) ? /(?:^|[.?!]\s+)[a-z]/ : /[.?!]\s+[a-z]/;
  if (sentenceStart.test(text)) problems.push('a sentence starting in lower case');
  for (const sentence of text.split(/(?<=[.?!;:])\s+/)) {
    const words = wordsOf(sentence);
    const seen = new Set<string>();
    for (let i = 0; i + 3 <= words.length; i++) {
      const phrase = words.slice(i, i + 3).join(' ');
      if (seen.has(phrase) && detailPhrases.has(phrase)) problems.push(`"${phrase}" twice`);
      seen.add(phrase);
    }
  }
  return problems;
}

describe('every card reads naturally', () => {
  for (const [which, contacts] of [
    ['with no local contacts set (the generic fallbacks)', genericLocalContacts],
    ['with every local contact set', fullContacts],
  ] as const) {
    it(which, async () => {
      const cards = await everyCard(contacts);
      assert.ok(cards.length > 100, 'every step, summary, safety card and wording card');
      const found = new Set<string>();
      for (const { name, card } of cards) {
        for (const text of shownTexts(card)) {
          for (const problem of problemsIn(text)) found.add(`${name}: ${problem}: ${text}`);
        }
      }
      assert.deepEqual([...found], []);
    });
  }

  it('the checks catch what they are for', () => {
    assert.deepEqual(problemsIn('Talk to your lead (your lead (or manager)).'), [
      'brackets inside brackets',
    ]);
    assert.deepEqual(problemsIn('Contact the MASH (MASH) (the number in your procedures).'), [
      'brackets after brackets',
    ]);
    assert.deepEqual(problemsIn('Step 1: Is it safe to ask?.'), ['doubled punctuation']);
    assert.deepEqual(problemsIn('Call 999 .? Then'), ['doubled punctuation']);
    assert.deepEqual(problemsIn('That matters. the partnership helps.'), [
      'a sentence starting in lower case',
    ]);
    assert.deepEqual(
      problemsIn('Talk to your domestic abuse lead or your manager or your manager.'),
      ['"or your manager" twice'],
    );
    assert.deepEqual(problemsIn('How do you think, and what do you think?'), []);
    assert.deepEqual(problemsIn('To: the partnership'), []);
    assert.deepEqual(problemsIn('Talk to your lead today. Call 999 now.'), []);
  });
});
