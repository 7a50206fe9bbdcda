/**
 * tsx test/bench/wording/writeCardSamples.ts — regenerates the sample data the shared template
 * test renders (test/fixtures/wording/card-samples/<card>.json) from the real view models, so
 * the samples can never drift from what the bot sends.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  loadPrincipleSummaries,
  loadWordingLibrary,
} from '../../../src/content/wording/loadLibrary';
import { genericLocalContacts } from '../../../src/tenants/localContacts';
import { createWordingSearch } from '../../../src/wording/search';
import { loadWordingReranker } from '../../../src/wording/learned/loadModel';
import {
  messageExtensionResults,
  searchResultView,
  situationsMenuView,
  situationView,
} from '../../../src/wording/views';

const library = loadWordingLibrary();
const principles = loadPrincipleSummaries();
const search = createWordingSearch(library, undefined, loadWordingReranker(library));
const { positionals } = parseArgs({ allowPositionals: true });
const dir = path.resolve(positionals[0] ?? 'test/fixtures/wording/card-samples');

const situationCards = [
  situationView(library, genericLocalContacts, principles, { situationId: 'opening' }),
  situationView(library, genericLocalContacts, principles, {
    situationId: 'says-victim',
    phrasingId: 'victim-seek-advice',
    showWhy: true,
  }),
  situationView(library, genericLocalContacts, principles, {
    situationId: 'angry',
    voted: 'helpful',
  }),
  searchResultView(
    library,
    genericLocalContacts,
    principles,
    search.search('he keeps saying it was only a push'),
  ),
].flatMap((v) => (v.card === 'wording-situation' ? [v.data] : []));

const samples = {
  'wording-situations': [
    situationsMenuView(library),
    situationsMenuView(
      library,
      'I could not find wording that clearly fits what you typed. Here are all the situations; pick the closest.',
    ),
  ],
  'wording-situation': situationCards,
  'wording-preview': messageExtensionResults(
    library,
    genericLocalContacts,
    search.search('he says she winds him up'),
  ).map((p) => p.card),
};

mkdirSync(dir, { recursive: true });
for (const [name, data] of Object.entries(samples)) {
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(data, null, 2) + '\n');
  console.log(
    `wrote ${path.relative(process.cwd(), path.join(dir, `${name}.json`))} (${data.length} samples)`,
  );
}
