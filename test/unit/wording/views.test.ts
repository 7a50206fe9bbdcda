import assert from 'node:assert/strict';
import {
  loadPrincipleSummaries,
  loadWordingLibrary,
} from '../../../src/content/wording/loadLibrary';
import { genericLocalContacts, type LocalContacts } from '../../../src/tenants/localContacts';
import { wordingActionSchemas, wordingVerbs, type WordingVerb } from '../../../src/wording/actions';
import { createWordingSearch } from '../../../src/wording/search';
import {
  messageExtensionResults,
  searchResultView,
  situationsMenuView,
  situationView,
  type WordingCardAction,
  type WordingSituationCardData,
  type WordingView,
} from '../../../src/wording/views';

const library = loadWordingLibrary();
const principles = loadPrincipleSummaries();
const search = createWordingSearch(library);
const contacts: LocalContacts = {
  ...genericLocalContacts,
  victimServiceName: 'Riverside Women’s Aid',
  daLeadContact: 'the Riverside DA lead',
};

function situationData(view: WordingView): WordingSituationCardData {
  assert.equal(view.card, 'wording-situation');
  if (view.card !== 'wording-situation') throw new Error('unreachable');
  return view.data;
}

/** The action's data must be what the bot will parse at the edge for that verb. */
function assertParses(action: WordingCardAction): void {
  const schema = wordingActionSchemas[action.verb];
  const parsed = schema.safeParse(action.data);
  assert.ok(parsed.success, `${action.verb} ${JSON.stringify(action.data)}`);
}

function actionsOf(data: WordingSituationCardData): WordingCardAction[] {
  return [...data.navigation, ...data.feedback, ...data.missingSend, ...data.more];
}

describe('wording view models', () => {
  describe('the situations menu', () => {
    it('lists every situation with a button that opens it', () => {
      const menu = situationsMenuView(library);
      assert.equal(menu.situations.length, library.situations.length);
      assert.deepEqual(
        menu.situations.map((s) => s.action.data.situationId),
        library.situations.map((s) => s.id),
      );
      for (const s of menu.situations) {
        assert.equal(s.action.verb, wordingVerbs.situation);
        assertParses(s.action);
      }
      assert.equal(menu.notice, '');
      assert.match(menu.safetyLine, /999/);
    });
  });

  describe('one situation', () => {
    it('shows the first phrasing with next but no previous, and why hidden', () => {
      const data = situationData(
        situationView(library, contacts, principles, { situationId: 'denies' }),
      );
      assert.equal(data.position, 'Phrasing 1 of 4');
      assert.equal(data.showWhy, false);
      assert.deepEqual(
        data.navigation.map((a) => a.title),
        ['Next', 'Show me why'],
      );
      assert.equal(data.navigation[0]?.data.phrasingId, library.situations[1]?.phrasings[1]?.id);
    });

    it('shows previous but no next on the last phrasing', () => {
      const last = library.situations[2]!.phrasings.at(-1)!;
      const data = situationData(
        situationView(library, contacts, principles, {
          situationId: 'minimises',
          phrasingId: last.id,
        }),
      );
      assert.deepEqual(
        data.navigation.map((a) => a.title),
        ['Previous', 'Show me why'],
      );
    });

    it('"show me why" toggles why, what to avoid and the principle, and keeps it across next/previous', () => {
      const shown = situationData(
        situationView(library, contacts, principles, { situationId: 'blames', showWhy: true }),
      );
      assert.equal(shown.showWhy, true);
      assert.ok(shown.why.length > 0 && shown.avoid.length > 0);
      assert.deepEqual(
        shown.principles[0],
        principles.get(library.situations[3]!.phrasings[0]!.principles[0]!),
      );
      const toggle = shown.navigation.find((a) => a.verb === wordingVerbs.why);
      assert.equal(toggle?.title, 'Hide why');
      assert.equal(toggle?.data.showWhy, false);
      assert.equal(shown.navigation.find((a) => a.title === 'Next')?.data.showWhy, true);
    });

    it('fills local details from the tenant, leaving no placeholder anywhere', () => {
      for (const situation of library.situations) {
        for (const phrasing of situation.phrasings) {
          const data = situationData(
            situationView(library, contacts, principles, {
              situationId: situation.id,
              phrasingId: phrasing.id,
            }),
          );
          assert.doesNotMatch(JSON.stringify(data), /\{\{\s*[\w.]+\s*\}\}/, phrasing.id);
        }
      }
      const data = situationData(
        situationView(library, contacts, principles, {
          situationId: 'open-to-help',
          phrasingId: 'open-her-support-is-separate',
        }),
      );
      // The partner's service is named to the worker (in what to avoid), never in the words to him.
      assert.match(data.avoid, /Riverside Women’s Aid/);
      assert.doesNotMatch(data.words, /Riverside Women’s Aid/);
    });

    it('offers helpful / not helpful, then thanks instead once voted', () => {
      const before = situationData(
        situationView(library, contacts, principles, { situationId: 'angry' }),
      );
      assert.deepEqual(
        before.feedback.map((a) => a.data.vote),
        ['helpful', 'not-helpful'],
      );
      const after = situationData(
        situationView(library, contacts, principles, { situationId: 'angry', voted: 'helpful' }),
      );
      assert.deepEqual(after.feedback, []);
      assert.match(after.feedbackNote, /without your name/);
    });

    it('builds only actions whose data parses with the schema for their verb', () => {
      const verbs = new Set<WordingVerb>();
      const outcome = search.search('he says it was only a push and she started it');
      const alternatives = outcome.kind === 'matches' ? outcome.results : [];
      for (const situation of library.situations) {
        for (const phrasing of situation.phrasings) {
          for (const [showWhy, voted] of [
            [false, undefined],
            [true, 'not-helpful'],
          ] as const) {
            const data = situationData(
              situationView(library, contacts, principles, {
                situationId: situation.id,
                phrasingId: phrasing.id,
                showWhy,
                matchedBecause: 'Matched because: “x”.',
                alternatives,
                voted,
              }),
            );
            for (const action of actionsOf(data)) {
              assertParses(action);
              verbs.add(action.verb);
            }
          }
        }
      }
      // Ways in from other cards (the menu button, another feature's offer) are not on this card.
      const waysIn: string[] = [wordingVerbs.browse, wordingVerbs.show];
      const own = Object.values(wordingVerbs).filter((verb) => !waysIn.includes(verb));
      assert.deepEqual([...verbs].sort(), own.sort());
    });

    it('clips a long reason so button data stays within what the bot accepts', () => {
      const long = `Matched because: ${'“word”, '.repeat(100)}.`;
      const data = situationData(
        situationView(library, contacts, principles, {
          situationId: 'denies',
          matchedBecause: long,
        }),
      );
      assert.ok(data.matchedBecause.length <= 300);
      for (const action of actionsOf(data)) assertParses(action);
    });

    it('answers a stale situation id with the menu and a notice, and a stale phrasing with the first', () => {
      const stale = situationView(library, contacts, principles, { situationId: 'old-situation' });
      assert.equal(stale.card, 'wording-situations');
      assert.ok(stale.card === 'wording-situations' && /updated/.test(stale.data.notice));
      const first = situationData(
        situationView(library, contacts, principles, {
          situationId: 'separated',
          phrasingId: 'gone',
        }),
      );
      assert.equal(first.position, 'Phrasing 1 of 4');
    });
  });

  describe('search results', () => {
    it('opens the best situation at its best phrasing, says why it matched, and offers the runners-up', () => {
      const data = situationData(
        searchResultView(
          library,
          contacts,
          principles,
          search.search('he keeps saying it was only a push'),
        ),
      );
      assert.equal(data.situationTitle, 'He minimises it');
      assert.match(data.matchedBecause, /^Matched because: “only a push”/);
      assert.equal(data.more.at(-1)?.verb, wordingVerbs.menu);
      assert.equal(
        data.navigation.find((a) => a.title === 'Next')?.data.matchedBecause,
        data.matchedBecause,
      );
    });

    it('shows the menu with a notice when nothing fits, never an empty card', () => {
      const view = searchResultView(library, contacts, principles, search.search('asdfghjkl'));
      assert.equal(view.card, 'wording-situations');
      assert.ok(
        view.card === 'wording-situations' &&
          view.data.notice !== '' &&
          view.data.situations.length === library.situations.length,
      );
    });
  });

  describe('message-extension previews', () => {
    it('lists every situation for an empty or unmatched query', () => {
      assert.equal(
        messageExtensionResults(library, contacts, undefined).length,
        library.situations.length,
      );
      assert.equal(
        messageExtensionResults(library, contacts, search.search('asdfghjkl')).length,
        library.situations.length,
      );
    });

    it('gives one preview per match, with its thumbnail and why it matched', () => {
      const results = messageExtensionResults(
        library,
        contacts,
        search.search('he says she winds him up'),
      );
      assert.ok(results.length >= 1);
      assert.equal(results[0]?.situationId, 'blames');
      assert.equal(results[0]?.thumbnail.title, 'He blames his partner, drink or stress');
      assert.match(results[0]?.card.matchedBecause ?? '', /winds him up/);
      assert.doesNotMatch(JSON.stringify(results), /\{\{/);
    });
  });
});
