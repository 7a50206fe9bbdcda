import { loadWordingLibrary } from '../../../../src/content/wording/loadLibrary';
import { Analyser } from '../../../../src/wording/text/analyser';
import { createWordingSearch } from '../../../../src/wording/search';
import { labelledQueries } from '../labelledQueries';
const library = loadWordingLibrary();
const analyser = new Analyser(library);
const search = createWordingSearch({ ...library }, { fieldBoosts: { title: 1.5, description: 1, keywords: 2, when: 0.75 }, bm25: { k: 1.2, b: 0.3, d: 0.5 }, phraseBoost: 1.5, minScore: 0 });
const rows: string[] = [];
const extra = process.argv.slice(2);
for (const q of [...labelledQueries.tuning.map((x) => x.query), ...labelledQueries.offTopic.tuning.map((x) => 'OFF ' + x), ...extra]) {
  const query = q.replace(/^OFF /, '');
  const a = analyser.analyseQuery(query);
  const o = search.search(query);
  const top = o.kind === 'matches' ? o.results[0] : o.nearest[0];
  const matched = top ? top.explanation.matched.length : 0;
  rows.push(`${(top?.score ?? 0).toFixed(2).padStart(7)}  cov ${matched}/${a.terms.length}  ${q}`);
}
rows.sort((x, y) => parseFloat(x) - parseFloat(y));
console.log(rows.slice(0, 25).join('\n'));
