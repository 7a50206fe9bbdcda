import assert from 'node:assert/strict';
import { createLanguage, oneEditApart } from '../../../src/safety/language';
import {
  compilePattern,
  findMatches,
  type CompiledPattern,
  type NegationRules,
} from '../../../src/safety/patterns';

const sets = { child: ['kid', 'child', 'little+one'] };
const rules: NegationRules = {
  negators: new Set(['no', 'not', 'never']),
  notNegating: new Map([['no', new Set(['longer'])]]),
  window: 6,
};
const analyse = createLanguage({
  spelling: { ptnr: 'partner', wont: "won't" },
  fuzzyWords: ['kicked', 'strangled'],
  clauseBreaks: ['but', 'though'],
});

function compiled(phrase: string): CompiledPattern {
  const result = compilePattern(phrase, sets);
  if (typeof result === 'string') throw new Error(result);
  return result;
}

/** Whether the phrase matches anywhere in the text, sentence by sentence. */
const matches = (phrase: string, text: string, negation?: NegationRules) =>
  analyse(text).some((s) => findMatches(compiled(phrase), s, negation).length > 0);

describe('safety language layer', () => {
  it('splits sentences and gives lemmas, contractions expanded', () => {
    const [first, second] = analyse("He KILLED the dog. She won't go!");
    assert.deepEqual(
      first?.map((t) => t.lemma),
      ['he', 'kill', 'the', 'dog'],
    );
    assert.deepEqual(
      second?.map((t) => t.lemma),
      ['she', 'will', 'not', 'go'],
    );
  });

  it('reads text-speak and one-letter typos of danger words', () => {
    assert.deepEqual(
      analyse('ptnr kikced her, strangld her')[0]?.map((t) => t.word),
      ['partner', 'kicked', 'her', 'strangled', 'her'],
    );
  });

  it('never turns one real word into another by a changed letter', () => {
    assert.equal(oneEditApart('sitting', 'hitting'), false);
    assert.equal(oneEditApart('kikced', 'kicked'), true);
    assert.equal(oneEditApart('strangld', 'strangled'), true);
    assert.equal(oneEditApart('kicke', 'kicked'), false, 'a dropped letter counts for 7+ letters');
  });

  it('names a child by age or school year', () => {
    for (const text of ['the 3yo', 'their 14-year-old', 'a 12 yr old', 'year 9', 'M (4)'])
      assert.ok(
        analyse(text)[0]?.some((t) => t.word === 'child'),
        text,
      );
    assert.ok(!analyse('3 years ago')[0]?.some((t) => t.word === 'child'));
  });

  it('starts a new clause at a comma, "but" or "though"', () => {
    const clauses = analyse('no knife, he hit her but she left')[0]?.map((t) => t.clause);
    assert.deepEqual(clauses, [0, 0, 1, 1, 1, 2, 2, 2]);
  });
});

describe('safety phrase patterns', () => {
  it('matches any inflection through the lemma', () => {
    assert.ok(matches('kill her', 'he said he killed her'));
    assert.ok(matches('kill her', 'kills her'));
    assert.ok(matches('kid', 'the kids were there'));
  });

  it('matches stems on whole words only', () => {
    assert.ok(matches('strangl*', 'he strangled her'));
    assert.ok(!matches('kill*', 'she has good skills'));
  });

  it('allows up to four words in a gap and twelve in a long gap, within a sentence', () => {
    assert.ok(matches('hand .. neck', 'his hand was round her neck'));
    assert.ok(!matches('hand .. neck', 'his hand was resting on the back of her neck'));
    assert.ok(matches('hand ... neck', 'his hand was resting on the back of her neck'));
    assert.ok(!matches('hand ... neck', 'his hand hurt. Her neck too.'));
  });

  it('matches word sets, numbers and multi-word alternatives', () => {
    assert.ok(matches('@child .. scared', 'the little one is scared'));
    assert.ok(matches('# calls', 'he made 80+ calls'));
    assert.ok(matches('end+up|wind+up dead', 'she will end up dead'));
    assert.ok(!matches('end+up|wind+up dead', 'she will end dead'));
  });

  it('lets a negation cancel a match in its own clause only', () => {
    assert.ok(!matches('knife', 'there was no knife', rules));
    assert.ok(!matches('scared of him', 'she is not scared of him', rules));
    assert.ok(matches('knife', 'no drink. He had a knife', rules));
    assert.ok(matches('knife', 'no drink, but he had a knife', rules));
    assert.ok(matches('knife', 'no drink, he had a knife', rules));
    assert.ok(matches('live with him', 'she no longer wants to live with him', rules));
    assert.ok(matches('knife', 'there was no knife'), 'without negation rules every match counts');
  });

  it('reports malformed phrases', () => {
    assert.match(compilePattern('.. knife', sets) as string, /start and end with a word/);
    assert.match(compilePattern('knife  gun', sets) as string, /double/);
    assert.match(compilePattern('@nope', sets) as string, /unknown word set/);
    assert.match(compilePattern('kni-fe', sets) as string, /malformed/);
    assert.match(compilePattern('a .. .. b', sets) as string, /two gaps/);
  });
});
