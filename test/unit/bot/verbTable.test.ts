import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  onVerb,
  showCard,
  VerbTable,
  verbGroups,
  type VerbHandler,
} from '../../../src/bot/actions/actionTable';
import {
  backToMenu,
  notice,
  somethingWentWrong,
  welcomeActions,
  welcomeCardData,
} from '../../../src/bot/actions/welcomeActions';
import { coachingVerbs } from '../../../src/coaching/actions';
import {
  loadPrincipleSummaries,
  loadWordingLibrary,
} from '../../../src/content/wording/loadLibrary';
import { AppError, ErrorCodes } from '../../../src/kernel/errors';
import { welcomeVerbs } from '../../../src/kernel/verbs';
import { buildSafetyAlert } from '../../../src/safety';
import { genericLocalContacts } from '../../../src/tenants/localContacts';
import { createWordingSearch } from '../../../src/wording/search';
import { searchResultView, situationsMenuView, situationView } from '../../../src/wording/views';
import { cardCatalog } from '../../support/adaptiveCards';
import { aBotHarness } from '../../support/botHarness';
import { cardSamples as coachingCardSamples } from '../coaching/cardSamples';
import { pack } from '../coaching/builders';
import { referralCardSamples } from '../referrals/form/cardSamples';

/** Every `Action.Execute` verb, and every `Action.Submit` data verb, anywhere on a card. */
function buttonVerbs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => buttonVerbs(n, out));
  else if (node !== null && typeof node === 'object') {
    const record = Object.fromEntries(Object.entries(node));
    if (record.type === 'Action.Execute') out.push(String(record.verb));
    if (record.type === 'Action.Submit') {
      const data = record.data as { verb?: unknown } | undefined;
      out.push(String(data?.verb));
    }
    Object.values(record).forEach((v) => buttonVerbs(v, out));
  }
  return out;
}

/** Buttons naming a verb the table does not answer, as `card: verb`. */
function unregistered(
  table: VerbTable,
  cards: ReadonlyArray<readonly [string, unknown]>,
): string[] {
  return cards.flatMap(([name, card]) =>
    buttonVerbs(card)
      .filter((verb) => !table.has(verb))
      .map((verb) => `${name}: ${verb}`),
  );
}

/** Every card the bot can produce: each template's sample fixtures and the engines' own views. */
function everyRenderedCard(): Array<readonly [string, Record<string, unknown>]> {
  const catalog = cardCatalog();
  const out: Array<readonly [string, Record<string, unknown>]> = [];
  const add = (name: string, data: object) => out.push([name, catalog.renderAny(name, data)]);
  for (const dir of ['test/fixtures/card-samples', 'test/fixtures/wording/card-samples']) {
    for (const file of readdirSync(path.resolve(dir)).filter((f) => f.endsWith('.json'))) {
      const samples = JSON.parse(readFileSync(path.resolve(dir, file), 'utf8')) as object[];
      for (const sample of samples) add(path.basename(file, '.json'), sample);
    }
  }
  for (const samples of [coachingCardSamples(), referralCardSamples()]) {
    for (const [name, list] of Object.entries(samples)) list.forEach((data) => add(name, data));
  }
  const library = loadWordingLibrary();
  const principles = loadPrincipleSummaries();
  add('wording-situations', situationsMenuView(library));
  for (const situation of library.situations) {
    for (const phrasing of situation.phrasings) {
      const view = situationView(library, genericLocalContacts, principles, {
        situationId: situation.id,
        phrasingId: phrasing.id,
        showWhy: true,
        voted: 'helpful',
      });
      add(view.card, view.data);
    }
  }
  const search = createWordingSearch(library);
  for (const text of ['he says she winds him up', 'zzzz qqqq']) {
    const view = searchResultView(library, genericLocalContacts, principles, search.search(text));
    add(view.card, view.data);
  }
  add('welcome', welcomeCardData());
  add('welcome', welcomeCardData({ description: 'Prepare. Step 2 of 7', status: 'paused' }));
  out.push(['notice', notice(catalog, { title: 'A notice', text: 'Text' })]);
  out.push([
    'notice',
    somethingWentWrong(
      catalog,
      new AppError(ErrorCodes.storeUnavailable, 'Storage did not answer.'),
      { verb: coachingVerbs.next, data: { revision: 2 } },
    ),
  ]);
  const alert = buildSafetyAlert(
    pack.safetyAlert,
    pack.safety,
    pack.safety.categoryIds,
    {
      ...genericLocalContacts,
    },
    { continueAction: { verb: coachingVerbs.resume, data: {} } },
  );
  if (alert) add('safety-alert', alert);
  return out;
}

describe('the verb table', () => {
  const noData = z.object({});
  const answer = (text: string) => async () => ({ kind: 'message', text }) as const;

  it('refuses a verb registered twice, naming it, when it is built', () => {
    const first = [onVerb(welcomeVerbs.show, noData, answer('first'))];
    const second = [onVerb(welcomeVerbs.show, noData, answer('second'))];
    assert.throws(
      () => VerbTable.of(first, second),
      (err: unknown) =>
        err instanceof AppError &&
        err.catastrophic &&
        /welcome\.show is registered twice/.test(err.message),
    );
  });

  it('refuses a stand-in registered beside the feature that handles the verb', () => {
    const standIn: VerbHandler[] = [
      onVerb(welcomeVerbs.show, noData, async () => showCard({ type: 'AdaptiveCard' })),
    ];
    assert.throws(
      () =>
        VerbTable.of(
          welcomeActions(async () => undefined),
          standIn,
        ),
      /welcome\.show/,
    );
  });

  it('answers every declared verb in the composed bot, and nothing undeclared', () => {
    const { actions } = aBotHarness();
    const declared = Object.values(verbGroups).flatMap((group) => Object.values(group) as string[]);
    assert.deepEqual([...actions.verbs()].sort(), [...new Set(declared)].sort());
  });

  it('gives a handler only data its schema accepted', async () => {
    const seen: unknown[] = [];
    const table = VerbTable.of([
      onVerb(welcomeVerbs.show, z.object({ n: z.coerce.number() }), async (_context, data) => {
        seen.push(data);
        return { kind: 'message', text: 'ok' };
      }),
    ]);
    const context = { logger: { warn: () => undefined } } as never;
    assert.deepEqual(await table.run(context, welcomeVerbs.show, { n: 'x' }), {
      kind: 'invalidData',
      fields: ['n'],
    });
    await table.run(context, welcomeVerbs.show, { n: '3', extra: 'dropped' });
    assert.deepEqual(seen, [{ n: 3 }]);
  });

  describe('every button on every card the bot can produce', () => {
    const { actions } = aBotHarness();
    const cards = everyRenderedCard();

    it('names a registered verb', () => {
      assert.deepEqual(unregistered(actions, cards), []);
    });

    it('covers the cards and most of the verbs (so the check above has something to check)', () => {
      const names = new Set(cards.map(([name]) => name));
      assert.deepEqual([...names].sort(), [...cardCatalog().names()].sort());
      const pressed = new Set(cards.flatMap(([, card]) => buttonVerbs(card)));
      assert.ok(pressed.size >= 30, `only ${pressed.size} verbs on the rendered cards`);
      assert.ok(pressed.has(backToMenu.verb));
    });

    it('would name a card whose button has a verb nobody handles', () => {
      const stray = {
        type: 'AdaptiveCard',
        actions: [{ type: 'Action.Execute', verb: 'coaching.nxet' }],
      };
      const submit = {
        type: 'AdaptiveCard',
        actions: [{ type: 'Action.Submit', data: { verb: 'x.y' } }],
      };
      assert.deepEqual(
        unregistered(actions, [
          ['stray', stray],
          ['submit', submit],
        ]),
        ['stray: coaching.nxet', 'submit: x.y'],
      );
    });
  });
});
