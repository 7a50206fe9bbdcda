import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadWordingLibrary, parseWordingLibrary } from '../../../src/content/wording/loadLibrary';
import type { SituationId } from '../../../src/content/wording/schema';
import { createWordingSearch, type SearchOutcome } from '../../../src/wording/search';
import { aLibraryWithKeywords, aSource } from './support/builders';

function topOf(outcome: SearchOutcome): SituationId | undefined {
  return outcome.kind === 'matches' ? outcome.results[0]?.situationId : undefined;
}

describe('wording search', () => {
  const library = loadWordingLibrary();
  const search = createWordingSearch(library);

  describe('ranking practitioner descriptions', () => {
    const cases: ReadonlyArray<readonly [string, SituationId]> = [
      ['he says she winds him up', 'blames'],
      ['he keeps saying it was only a push', 'minimises'],
      ["he won't talk while she's in the room", 'opening'],
      ['he flat out denied it', 'denies'],
      ['he was kicking off and swearing at me', 'angry'],
      ['what happens if he says yes to the programme', 'open-to-help'],
      ["he reckons she's the abusive one", 'says-victim'],
      ["they've split up", 'separated'],
      ['need an interpreter for dad', 'language-culture'],
      ['he smokes weed all day', 'substance-mental-health'],
    ];
    for (const [query, expected] of cases) {
      it(`"${query}" → ${expected}`, () => assert.equal(topOf(search.search(query)), expected));
    }

    it('ranks best first and never returns more than the limit', () => {
      const outcome = search.search('he says it was only a push and she started it', { limit: 2 });
      assert.equal(outcome.kind, 'matches');
      if (outcome.kind !== 'matches') return;
      assert.ok(outcome.results.length <= 2);
      const scores = outcome.results.map((r) => r.score);
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
      );
    });

    it('starts at the phrasing that fits the query, within the matched situation', () => {
      const outcome = search.search('he says it was a one off');
      assert.equal(outcome.kind, 'matches');
      if (outcome.kind !== 'matches') return;
      const [best] = outcome.results;
      assert.equal(best?.situationId, 'minimises');
      assert.equal(best?.bestPhrasingId, 'minimises-one-off');
    });
  });

  describe('misspellings and slang', () => {
    it('finds the situation through a misspelling, and says how it read it', () => {
      const outcome = search.search('he got really agtated with me');
      assert.equal(topOf(outcome), 'angry');
      if (outcome.kind !== 'matches') return;
      assert.match(outcome.results[0]?.explanation.summary ?? '', /read as “agitated”/);
    });

    it('handles a misspelt separation and a misspelt referral', () => {
      assert.equal(topOf(search.search('they seperated last year')), 'separated');
      assert.equal(topOf(search.search('he agreed to a referal')), 'open-to-help');
    });

    it('knows slang for drink and drugs', () => {
      assert.equal(
        topOf(search.search('he was off his face on the bevvy')),
        'substance-mental-health',
      );
    });
  });

  describe('synonyms', () => {
    it('explains a synonym match in the library’s words', () => {
      const outcome = search.search('he says he only shoved her');
      assert.equal(topOf(outcome), 'minimises');
      if (outcome.kind !== 'matches') return;
      const matched = outcome.results[0]?.explanation.matched ?? [];
      assert.ok(
        matched.some((m) => m.route === 'synonym' && m.label === 'push' && m.readAs === 'shove'),
      );
    });
  });

  describe('explanations', () => {
    it('say which keywords and phrases matched', () => {
      const outcome = search.search('he keeps saying it was only a push');
      if (outcome.kind !== 'matches') return assert.fail('expected a match');
      const best = outcome.results[0];
      assert.match(best?.explanation.summary ?? '', /^Matched because: “only a push”/);
      assert.ok(best?.explanation.matched.every((m) => m.fields.length > 0));
    });

    it('never repeat what was typed: a name in the query does not reach the card', () => {
      for (const q of [
        'Darren says Kayleigh winds him up',
        'Mr Smyth says it was only a push, Smyth',
      ]) {
        const outcome = search.search(q);
        if (outcome.kind !== 'matches') return assert.fail('expected a match');
        const text = JSON.stringify(outcome.results.map((r) => r.explanation));
        assert.doesNotMatch(text, /darren|kayleigh|smyth/i);
      }
    });
  });

  describe('generalising beyond the keywords', () => {
    it('tells who is abused from who is abusive', () => {
      assert.equal(topOf(search.search("he says he's being abused at home")), 'says-victim');
      assert.notEqual(topOf(search.search('he admits he has been abusive to her')), 'says-victim');
    });

    it('reads who walks on eggshells: him around her, not her around him', () => {
      assert.equal(
        topOf(search.search('he says he is walking on eggshells around her')),
        'says-victim',
      );
      assert.notEqual(topOf(search.search('mum walks on eggshells when he drinks')), 'says-victim');
    });

    it('does not take "he uses" for drug use', () => {
      assert.notEqual(
        topOf(search.search('he uses his faith to justify it')),
        'substance-mental-health',
      );
    });

    it('reads regional words in a denial', () => {
      assert.equal(topOf(search.search('he said nowt happened, it is all made up')), 'denies');
    });

    it('reads who did what whatever the partner is called', () => {
      assert.equal(topOf(search.search('he says his missus hits him')), 'says-victim');
      assert.equal(topOf(search.search('dad says mum pushes him about')), 'says-victim');
    });

    it('returns the nearest situations for an on-topic description with weak evidence', () => {
      const outcome = search.search('he keeps banging on about his rights as a father');
      assert.equal(outcome.kind, 'matches');
    });

    it('counts a word found only in the phrasings’ text as a hint, never as the reason alone', () => {
      // "atmosphere" is only in a phrasing's text: with nobody in the family named, no match and
      // no menu either.
      const outcome = search.search('atmosphere');
      assert.ok(outcome.kind === 'no-match' && outcome.nearest.length === 0);
    });

    it('explains with the deciding words first and never lists a hint beside them', () => {
      const outcome = search.search('he says she winds him up and the atmosphere is awful');
      if (outcome.kind !== 'matches') return assert.fail('expected a match');
      const best = outcome.results[0];
      assert.equal(best?.situationId, 'blames');
      assert.ok(
        best?.explanation.matched.every((m) =>
          m.fields.some((f) => f !== 'content' && f !== 'keywordWords'),
        ),
      );
    });
  });

  describe('no good match', () => {
    it('keeps family business that is not about what happened off the cards', () => {
      for (const q of [
        'he needs help filling in a housing form',
        "he's looking for a new job",
        'dad wants to change the time of our next appointment',
        'his son starts secondary school in september',
        'she asked about the nursery place',
      ]) {
        assert.equal(search.search(q).kind, 'no-match', q);
      }
    });

    it('offers no menu for small talk: nothing in the situations’ own words', () => {
      for (const q of ['thanks', 'good morning', 'hi there', 'what is the weather like']) {
        const outcome = search.search(q);
        assert.ok(outcome.kind === 'no-match' && outcome.nearest.length === 0, q);
      }
    });

    it('says so for empty, meaningless and office queries, so the caller shows the menu', () => {
      for (const q of [
        '',
        '   ',
        'asdfghjkl',
        'he said that',
        'can you help me with my timesheet',
        'is the printer working',
        // Words of the library's phrases, in office sense: "out of order", "sort me out".
        'the printer is out of order',
        'can you sort me out a laptop',
        'how do i reply to this email',
      ]) {
        assert.equal(search.search(q).kind, 'no-match', q);
      }
    });

    it('tells "nothing searchable" from "nothing good enough"', () => {
      const empty = search.search('and then he said');
      const weak = search.search('how do i book annual leave');
      assert.ok(empty.kind === 'no-match' && empty.reason === 'no-terms');
      assert.ok(weak.kind === 'no-match' && weak.reason === 'below-threshold');
      assert.ok(weak.nearest.length > 0);
    });
  });

  describe('determinism', () => {
    it('breaks exact ties by library order, whatever order the words come in', () => {
      const tied = parseWordingLibrary(
        aSource(
          aLibraryWithKeywords({
            denies: ['sunflower'],
            blames: ['sunflower'],
            minimises: ['sunflower'],
          }),
        ),
      );
      const tiedSearch = createWordingSearch(tied);
      const outcome = tiedSearch.search('he talks about sunflower');
      assert.equal(outcome.kind, 'matches');
      if (outcome.kind !== 'matches') return;
      assert.deepEqual(
        outcome.results.map((r) => r.situationId),
        ['denies', 'minimises', 'blames'],
      );
      assert.equal(new Set(outcome.results.map((r) => r.score)).size, 1);
    });

    it('gives the same answer every time, and two indexes built from one library agree', () => {
      const other = createWordingSearch(library);
      fc.assert(
        fc.property(fc.string({ maxLength: 60 }), (q) => {
          const a = JSON.stringify(search.search(q));
          assert.equal(JSON.stringify(search.search(q)), a);
          assert.equal(JSON.stringify(other.search(q)), a);
        }),
        { numRuns: 200 },
      );
    });

    it('never throws, whatever is typed', () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.constantFrom(
              'he',
              'she',
              'only',
              'push',
              "won't",
              '{{x}}',
              '${y}',
              'é',
              '—',
              ' ',
              'agtated',
              'in',
              'room',
            ),
            { maxLength: 12 },
          ),
          (words) => {
            search.search(words.join(' '));
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
