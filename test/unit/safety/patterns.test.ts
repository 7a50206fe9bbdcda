import assert from 'node:assert/strict';
import { normaliseWords } from '../../../src/safety/normalise';
import {
  compilePattern,
  patternMatches,
  type CompiledPattern,
  type NegationRules,
} from '../../../src/safety/patterns';

const sets = { child: ['kid', 'kids', 'child*'] };
const rules: NegationRules = {
  negators: new Set(['no', 'not', 'never', 'isnt']),
  fillers: new Set(['a', 'the', 'any', 'sign', 'of', 'at', 'all']),
  notNegating: new Map([['no', new Set(['longer'])]]),
  window: 4,
};

function compiled(phrase: string): CompiledPattern {
  const result = compilePattern(phrase, sets);
  if (typeof result === 'string') throw new Error(result);
  return result;
}

const matches = (phrase: string, text: string, negation?: NegationRules) =>
  patternMatches(compiled(phrase), normaliseWords(text), negation);

describe('normaliseWords', () => {
  const table: ReadonlyArray<readonly [string, string[]]> = [
    ["She's LEAVING him!", ['shes', 'leaving', 'him']],
    ['didn’t  choke ‘her’', ['didnt', 'choke', 'her']],
    ['ex-partner, café…', ['ex', 'partner', 'cafe']],
    ["he'll kill", ['hell', 'kill']],
    ['', []],
    ['?!', []],
  ];
  for (const [text, words] of table) {
    it(`"${text}" → ${words.join(' ')}`, () => assert.deepEqual(normaliseWords(text), words));
  }
});

describe('trigger patterns', () => {
  it('matches whole words; a stem matches word starts only', () => {
    assert.ok(matches('kill*', 'he killed'));
    assert.ok(!matches('kill*', 'a new skill'));
    assert.ok(!matches('gun', 'gunner'));
    assert.ok(matches('gun', 'a gun.'));
  });

  it('matches alternatives, any-word and gaps of up to three words', () => {
    assert.ok(matches('hit|hits the @child', 'he hits the kids'));
    assert.ok(matches('by _ neck', 'by the neck'));
    assert.ok(matches('threat* .. kill', 'threatened to kill'));
    assert.ok(matches('threat* .. kill', 'threatened that he would kill'));
    assert.ok(!matches('threat* .. kill', 'threatened that one day he really would kill'));
  });

  it('ignores a negated match only when negation rules apply', () => {
    assert.ok(!matches('knife', 'no knife', rules));
    assert.ok(!matches('knife', 'no sign of a knife', rules));
    assert.ok(matches('knife', 'no knife', undefined));
    assert.ok(matches('knife', 'not sure but he has a knife', rules));
  });

  it('treats a negator inside a gap just before the next word as negation', () => {
    assert.ok(!matches('she .. scared', 'she is not scared', rules));
    assert.ok(!matches('she .. scared', 'she isnt at all scared', rules));
    assert.ok(matches('she .. scared', 'she is so scared', rules));
  });

  it('does not count "no longer" as a negation', () => {
    assert.ok(matches('together', 'no longer together', rules));
  });

  it('refuses malformed phrases with a reason', () => {
    const bad: ReadonlyArray<readonly [string, RegExp]> = [
      ['.. kill', /start and end with a word/],
      ['kill ..', /start and end with a word/],
      ['kill  her', /double, leading or trailing space/],
      ['kill .. .. her', /two gaps/],
      ['@nope kill', /unknown word set @nope/],
      ["she's", /malformed word/],
      ['k*ll', /malformed word/],
    ];
    for (const [phrase, reason] of bad) {
      const result = compilePattern(phrase, sets);
      assert.equal(typeof result, 'string', phrase);
      assert.match(String(result), reason);
    }
  });
});
