import { loadWordingLibrary } from '../../../../src/content/wording/loadLibrary';
import { createWordingSearch } from '../../../../src/wording/search';
import { defaultRankerSettings } from '../../../../src/wording/ranking';
import { labelledQueries } from '../labelledQueries';
const library = loadWordingLibrary();
const s = createWordingSearch(library, { ...defaultRankerSettings, minScore: 0, minScoreWithoutFamily: 0 });
for (const q of labelledQueries.offTopic.tuning) {
  const o = s.search(q);
  const top = o.kind === 'matches' ? o.results[0] : undefined;
  console.log(`OFF ${(top?.score ?? 0).toFixed(2).padStart(7)} ${top?.situationId ?? '-'}  ${q}`);
}
const correct: number[] = [];
for (const q of labelledQueries.tuning) {
  const o = s.search(q.query);
  if (o.kind === 'matches' && o.results[0]?.situationId === q.expected) correct.push(o.results[0].score);
}
correct.sort((x, y) => x - y);
console.log('lowest correct tuning top-1 scores:', correct.slice(0, 12).map((x) => x.toFixed(1)).join(' '));
