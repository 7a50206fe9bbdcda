import { loadWordingLibrary } from '../../../src/content/wording/loadLibrary';
import { situationIds } from '../../../src/content/wording/schema';
import { createReranker } from '../../../src/wording/learned/model';
import { libraryExamples, trainWordingModel } from '../../../src/wording/learned/train';
import { createWordingSearch } from '../../../src/wording/search';
import { Analyser } from '../../../src/wording/text/analyser';
import { queryExamples, trainingSets } from './trainingSet';
const library = loadWordingLibrary();
const analyser = new Analyser(library);
const sets = trainingSets();
const leftName = process.argv[2] ?? 'new-situations-held-out-1';
const left = sets.find((s) => s.name === leftName)!;
const about = { what: '', trainedOn: '0'.repeat(64), trainedWith: '' };
const model = trainWordingModel(
  [...libraryExamples(library), ...queryExamples(sets.filter((s) => s !== left))],
  [...situationIds],
  analyser,
  about,
);
const search = createWordingSearch(library, undefined, createReranker(model));
for (const { query, expected } of left.queries) {
  const o = search.search(query, { limit: 3 });
  const top =
    o.kind === 'matches'
      ? o.results.map((r) => `${r.situationId}(${(r.learned ?? 0).toFixed(2)})`).join(', ')
      : `NO MATCH (${o.nearest.map((r) => r.situationId).join(',')})`;
  if (o.kind !== 'matches' || o.results[0]?.situationId !== expected)
    console.log(`[${expected}] "${query}" → ${top}`);
}
