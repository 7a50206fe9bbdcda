/**
 * tsx test/bench/wording/explainQuery.ts "he says she winds him up" — shows how a query is
 * analysed and ranked, for content reviewers adding keywords and synonyms.
 */
import { parseArgs } from 'node:util';
import { loadWordingLibrary } from '../../../src/content/wording/loadLibrary';
import { Analyser } from '../../../src/wording/text/analyser';
import { createWordingSearch } from '../../../src/wording/search';
import { loadWordingReranker } from '../../../src/wording/learned/loadModel';

const library = loadWordingLibrary();
const analyser = new Analyser(library);
const search = createWordingSearch(library, undefined, loadWordingReranker(library));
const { positionals: queries } = parseArgs({ allowPositionals: true });
for (const query of queries) {
  const analysis = analyser.analyseQuery(query);
  console.log(`\n"${query}"`);
  console.log(
    '  terms:',
    analysis.terms
      .map(
        (t) =>
          `${t.term}${t.route === 'word' ? '' : ` (${t.route}${t.readAs ? `: ${t.readAs}` : ''})`}`,
      )
      .join(', '),
  );
  if (analysis.corrections.length > 0)
    console.log(
      '  spelling:',
      analysis.corrections.map((c) => `${c.typed} → ${c.readAs}`).join(', '),
    );
  const outcome = search.search(query, { limit: 5 });
  const rows = outcome.kind === 'matches' ? outcome.results : outcome.nearest;
  if (outcome.kind === 'no-match') console.log(`  NO MATCH (${outcome.reason})`);
  for (const r of rows) {
    console.log(
      `  ${r.score.toFixed(2).padStart(6)} ${(r.learned ?? 0).toFixed(2)}  ${r.situationId.padEnd(24)} ${r.explanation.summary}  [first: ${r.bestPhrasingId}]`,
    );
    // Which fields each reason was found in (keywordWords and content only support a ranking).
    console.log(
      `          ${' '.repeat(24)} ${r.explanation.matched.map((m) => `${m.label}: ${m.fields.join('/')}`).join('; ')}`,
    );
  }
}
