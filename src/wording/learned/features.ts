/**
 * The re-ranker's features: the query's analysed terms (stems after spelling correction, synonym
 * groups and the library's phrases, as the search reads them) and each pair of neighbouring terms
 * ("never_touch"), so "never ... again" and "never touched her" can be told apart.
 */
export function rerankFeatures(terms: readonly string[]): string[] {
  const features = new Set(terms);
  for (let i = 1; i < terms.length; i += 1) features.add(`${terms[i - 1]}_${terms[i]}`);
  return [...features];
}
