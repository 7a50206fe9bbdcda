import assert from 'node:assert/strict';
import { loadWordingLibrary } from '../../../src/content/wording/loadLibrary';
import { Analyser } from '../../../src/wording/text/analyser';
import { stemStream } from '../../../src/wording/text/lexicon';
import { tokenize } from '../../../src/wording/text/normalise';
import { stem } from '../../../src/wording/text/stem';

describe('wording text analysis', () => {
  describe('tokenize', () => {
    it('expands contractions typed with or without the apostrophe, and curly quotes', () => {
      assert.deepEqual(tokenize("He won't talk"), ['he', 'will', 'not', 'talk']);
      assert.deepEqual(tokenize('he doesnt speak much english'), [
        'he',
        'does',
        'not',
        'speak',
        'much',
        'english',
      ]);
      assert.deepEqual(tokenize('She\u2019s left, it\u2019s over'), ['she', 'left', 'it', 'over']);
    });

    it('reads informal and regional spellings as the plain words', () => {
      assert.deepEqual(tokenize('dunno, nowt like that'), [
        'do',
        'not',
        'know',
        'nothing',
        'like',
        'that',
      ]);
      assert.deepEqual(tokenize('cos he was gonna'), ['because', 'he', 'was', 'going', 'to']);
    });

    it('reads the text-speak of hurried notes as the plain words', () => {
      assert.deepEqual(tokenize('wot r u askin w anger agn'), [
        'what',
        'are',
        'you',
        'askin',
        'with',
        'anger',
        'again',
      ]);
      assert.deepEqual(tokenize('reads her txts, referal made'), [
        'reads',
        'her',
        'texts',
        'referral',
        'made',
      ]);
    });

    it('folds case and accents and splits on punctuation', () => {
      assert.deepEqual(tokenize('Café—RÔLE, non-molestation'), [
        'cafe',
        'role',
        'non',
        'molestation',
      ]);
    });
  });

  describe('stem', () => {
    const sameStem = [
      ['shove', 'shoved', 'shoving', 'shoves'],
      ['blame', 'blamed', 'blames', 'blaming'],
      ['control', 'controlling', 'controlled'],
      ['minimise', 'minimize', 'minimising', 'minimizing'],
      ['deny', 'denied', 'denies', 'denying'],
      ['make', 'made', 'making'],
      ['leave', 'leaving', 'left'],
      ['hit', 'hits', 'hitting'],
    ];
    for (const forms of sameStem) {
      it(`gives ${forms.join(', ')} one key`, () => {
        assert.equal(new Set(forms.map(stem)).size, 1, forms.map(stem).join(' '));
      });
    }

    it('meets -ence nouns with their -ent adjectives, agent nouns and American spellings', () => {
      assert.equal(stem('violence'), stem('violent'));
      assert.equal(stem('finances'), stem('finance'));
      assert.equal(stem('drinker'), stem('drink'));
      assert.equal(stem('behavior'), stem('behaviour'));
      assert.equal(stem('families'), stem('family'));
    });

    it('keeps different short words apart', () => {
      assert.notEqual(stem('care'), stem('car'));
      assert.notEqual(stem('hope'), stem('hop'));
    });

    it('keeps words apart that suffix stripping would merge into opposites', () => {
      // He does it ("abusive") or it is done to him ("abused"); a front desk is not receptive.
      assert.notEqual(stem('abusive'), stem('abused'));
      assert.equal(stem('abused'), stem('abuse'));
      assert.notEqual(stem('reception'), stem('receptive'));
    });
  });

  describe('query analysis', () => {
    const analyser = new Analyser(loadWordingLibrary());
    const terms = (q: string) => analyser.analyseQuery(q).terms;

    it('reads synonyms and says which library variant it recognised', () => {
      const push = terms('he shoved her').find((t) => t.route === 'synonym');
      assert.equal(push?.readAs, 'shove');
      assert.equal(push?.term, 'push');
    });

    it('keeps "being" in phrases: a passive is not the bare verb ("being bullied" is not "bullied")', () => {
      assert.ok(terms('he says he is being bullied').some((t) => t.term === 'victim'));
      assert.ok(!terms('he bullied her').some((t) => t.term === 'victim'));
    });

    it('matches multi-word synonyms as one term ("winds him up" means provoke)', () => {
      const t = terms('he says she winds him up');
      assert.deepEqual(
        t.map((x) => x.term),
        ['provok'],
      );
    });

    it('tells who did what: "she hits him" is a different phrase from "he hits her"', () => {
      const phrases = (q: string) =>
        terms(q)
          .filter((t) => t.route === 'phrase')
          .map((t) => t.term);
      assert.notDeepEqual(
        phrases('he says she is hitting him'),
        phrases('he says he is hitting her'),
      );
    });

    it('corrects misspellings towards library words, but not real words or short ones', () => {
      const { corrections } = analyser.analyseQuery(
        'he got agtated and they seperated, he came back',
      );
      assert.deepEqual(
        corrections.map((c) => `${c.typed}→${c.readAs}`),
        ['agtated→agitated', 'seperated→separated'],
      );
    });

    it('reads the people in a description as "he" and "she", however they are named', () => {
      const keys = (text: string) => stemStream(text).map((t) => t.key);
      assert.deepEqual(keys('his partner hits him'), keys('she hits him'));
      assert.deepEqual(keys('mum hits dad'), keys('she hits him'));
      assert.deepEqual(keys('he pushed his wife'), keys('he pushed her'));
      assert.deepEqual(keys('her partner'), ['he']);
      assert.deepEqual(keys('his gf hits him'), keys('she hits him'), 'shorthand for a girlfriend');
      assert.deepEqual(keys('her bf'), ['he']);
      assert.deepEqual(keys("mum's new fella"), keys("mum's new boyfriend"));
      assert.notDeepEqual(keys('he hits her'), keys('she hits him'));
      assert.ok(keys('staying at his mum').includes('mum'), 'his own mother is not his partner');
      assert.ok(keys('he wants to kill himself').includes('himself'), 'himself is not "him"');
    });

    it('never corrects a real word into another by changing its first letter', () => {
      const { corrections } = analyser.analyseQuery('she missed the appointment');
      assert.deepEqual(corrections, []);
    });

    it('gives no two synonym groups the same words once analysed', () => {
      const library = loadWordingLibrary();
      const owner = new Map<string, string>();
      for (const group of library.synonyms) {
        for (const variant of [group.term, ...group.variants]) {
          const key = stemStream(variant)
            .map((t) => t.key)
            .join(' ');
          const first = owner.get(key);
          assert.ok(
            first === undefined || first === group.term,
            `"${variant}" (${group.term}) reads as "${key}", like a variant of ${first}`,
          );
          owner.set(key, group.term);
        }
      }
    });

    it('drops words that say nothing about the situation', () => {
      assert.deepEqual(terms('he says that he was there and then'), []);
    });

    it('has no dead entries: every keyword and synonym variant yields a search term', () => {
      const library = loadWordingLibrary();
      for (const s of library.situations) {
        for (const k of s.keywords)
          assert.ok(analyser.keywordTerms(k).length > 0, `${s.id}: "${k}"`);
      }
      for (const g of library.synonyms) {
        for (const v of g.variants)
          assert.ok(analyser.indexTerms(v).length > 0, `${g.term}: "${v}"`);
      }
    });

    it('notices whether a query is about a family at all', () => {
      assert.equal(analyser.analyseQuery('he says it was nothing').mentionsFamily, true);
      assert.equal(analyser.analyseQuery('is the printer working').mentionsFamily, false);
    });
  });
});
