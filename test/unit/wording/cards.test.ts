import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  loadPrincipleSummaries,
  loadWordingLibrary,
} from '../../../src/content/wording/loadLibrary';
import { genericLocalContacts } from '../../../src/tenants/localContacts';
import { wordingActionSchemas, wordingVerbs, type WordingVerb } from '../../../src/wording/actions';
import { createWordingSearch } from '../../../src/wording/search';
import {
  messageExtensionResults,
  situationsMenuView,
  situationView,
  type WordingCardModels,
} from '../../../src/wording/views';
import { actionsOf, problemsOf, render, textsOf, type WordingCardName } from './support/cards';

const library = loadWordingLibrary();
const principles = loadPrincipleSummaries();
const search = createWordingSearch(library);
const maxCardBytes = 24 * 1024;
const verbs: readonly string[] = Object.values(wordingVerbs);

function assertGoodCard(name: WordingCardName, card: Record<string, unknown>): void {
  assert.equal(card.type, 'AdaptiveCard');
  assert.equal(card.version, '1.5');
  assert.deepEqual(problemsOf(card), [], name);
  const json = JSON.stringify(card);
  assert.ok(!json.includes('${'), `unbound expression in ${name}`);
  assert.ok(Buffer.byteLength(json) < maxCardBytes, `${name} too large`);
  assert.ok(
    textsOf(card).every((t) => t.trim() !== ''),
    `${name} has an empty text block`,
  );
  for (const action of actionsOf(card)) {
    assert.equal(action.type, 'Action.Execute');
    if (action.verb === 'welcome.show') continue; // the way back to the main menu
    assert.ok(verbs.includes(String(action.verb)), `unknown verb ${String(action.verb)}`);
    const parsed = wordingActionSchemas[action.verb as WordingVerb].safeParse(action.data);
    assert.ok(parsed.success, `${String(action.verb)} data ${JSON.stringify(action.data)}`);
  }
}

describe('wording card templates', () => {
  it('render the situations menu, with and without a notice', () => {
    for (const notice of ['', 'I could not find wording that clearly fits.']) {
      const card = render('wording-situations', situationsMenuView(library, notice));
      assertGoodCard('wording-situations', card);
      assert.equal(actionsOf(card).length, library.situations.length + 1, 'and the main menu');
      assert.equal(textsOf(card).includes(notice), notice !== '');
    }
  });

  it('render every phrasing of every situation, with why shown and hidden, before and after a vote', () => {
    for (const situation of library.situations) {
      for (const phrasing of situation.phrasings) {
        for (const showWhy of [false, true]) {
          for (const voted of [undefined, 'helpful'] as const) {
            const view = situationView(library, genericLocalContacts, principles, {
              situationId: situation.id,
              phrasingId: phrasing.id,
              showWhy,
              ...(voted ? { voted } : {}),
            });
            assert.equal(view.card, 'wording-situation');
            if (view.card !== 'wording-situation') return;
            const card = render('wording-situation', view.data);
            assertGoodCard('wording-situation', card);
            const texts = textsOf(card);
            assert.equal(texts.includes('Why it works'), showWhy);
            assert.equal(texts.includes('Was this wording helpful?'), voted === undefined);
          }
        }
      }
    }
  });

  it('render a search result with its reason and runners-up', () => {
    const outcome = search.search('he says it was only a push and she started it');
    assert.equal(outcome.kind, 'matches');
    if (outcome.kind !== 'matches') return;
    const [best, ...others] = outcome.results;
    const view = situationView(library, genericLocalContacts, principles, {
      situationId: best!.situationId,
      phrasingId: best!.bestPhrasingId,
      matchedBecause: best!.explanation.summary,
      alternatives: others,
    });
    if (view.card !== 'wording-situation') return assert.fail('expected a situation card');
    const card = render('wording-situation', view.data);
    assertGoodCard('wording-situation', card);
    assert.ok(textsOf(card).some((t) => t.startsWith('Matched because:')));
  });

  it('render message-extension previews without any button (safe to post in any chat)', () => {
    for (const preview of messageExtensionResults(library, genericLocalContacts, undefined)) {
      const card = render('wording-preview', preview.card);
      assertGoodCard('wording-preview', card);
      assert.deepEqual(actionsOf(card), []);
    }
  });

  it('keep text typed into data literal: binding is not evaluation', () => {
    const menu = situationsMenuView(library, '${1+1} {{mash.phone}}');
    assert.ok(textsOf(render('wording-situations', menu)).includes('${1+1} {{mash.phone}}'));
  });

  it('have sample data for the shared template test (test/fixtures/wording/card-samples)', () => {
    for (const name of ['wording-situations', 'wording-situation', 'wording-preview'] as const) {
      const file = path.resolve('test/fixtures/wording/card-samples', `${name}.json`);
      const samples = JSON.parse(readFileSync(file, 'utf8')) as WordingCardModels[typeof name][];
      assert.ok(samples.length > 0);
      for (const sample of samples) assertGoodCard(name, render(name, sample));
    }
  });
});
