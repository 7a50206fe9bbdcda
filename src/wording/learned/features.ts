/**
 * The re-ranker's features: the query's analysed terms (stems after spelling correction, synonym
 * groups and the library's phrases, as the search reads them), each pair of neighbouring terms
 * ("never_touch"), and every word as typed ("w:strangled", "w:me", "w:again"): the search drops
 * small words and folds "strangled" into "grab", but they tell close situations apart.
 */
export function rerankFeatures(terms: readonly string[], words: readonly string[]): string[] {
  const features = new Set(terms);
  for (let i = 1; i < terms.length; i += 1) features.add(`${terms[i - 1]}_${terms[i]}`);
  for (const word of words) features.add(`w:${word}`);
  return [...features];
}
