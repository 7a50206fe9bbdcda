import { loadWordingLibrary } from '../../../../src/content/wording/loadLibrary';
import { createWordingSearch } from '../../../../src/wording/search';
import { Analyser } from '../../../../src/wording/text/analyser';
import { labelledQueries } from '../labelledQueries';
const library = loadWordingLibrary();
const a = new Analyser(library);
const s = createWordingSearch(library);
for (const half of ['tuning', 'heldOut'] as const) {
  let noTerms = 0, noFamily = 0, noMatch = 0, noMatchNoFamily = 0, nonAscii = 0, corrections = 0;
  for (const q of labelledQueries[half]) {
    const an = a.analyseQuery(q.query);
    if (an.terms.length === 0) noTerms++;
    if (!an.mentionsFamily) noFamily++;
    if (/[^\x00-\x7f]/.test(q.query)) nonAscii++;
    corrections += an.corrections.length;
    const o = s.search(q.query);
    if (o.kind === 'no-match') { noMatch++; if (!an.mentionsFamily) noMatchNoFamily++; }
  }
  console.log(half, { n: labelledQueries[half].length, noTerms, noFamily, noMatch, noMatchNoFamily, nonAscii, corrections });
}
