/**
 * The ranker's settings in one place, with the reason for each. Tuned only against the tuning half
 * of test/fixtures/wording/queries.json (npm run bench:wording prints both halves).
 */
export interface RankerSettings {
  /** Per-field weight. Keywords are written for search; phrasings' "when" lines describe the
   * moment in the practitioner's own terms; titles and descriptions are short and precise. */
  readonly fieldBoosts: Readonly<Record<SituationField, number>>;
  /** BM25+ parameters. A low `b` because keyword lists differ in length by design: a longer list
   * should not make each of its keywords count for less. */
  readonly bm25: { readonly k: number; readonly b: number; readonly d: number };
  /** Multi-word phrases are the strongest evidence ("she started it" versus "started"). */
  readonly phraseBoost: number;
  /** Words that are keywords but also everyday filler ("only", "just", "never"): they count,
   * at this weight, so that they tip a close call without outweighing a real keyword. Written as
   * library words; stemmed when the index is built. */
  readonly weakWords: Readonly<Record<string, number>>;
  /** Below this best score there is no good match: the caller shows the situations menu. Set from
   * fresh tuning batches (correct but weak matches scored 3.8–5.5) and family-context off-topic
   * queries ("the kids have a dentist appointment": 2.2–3.1). */
  readonly minScore: number;
  /** The same, for a query that names nobody in the family ("help with my timesheet"): a lone
   * everyday word that happens to be a keyword ("help", "work") is not enough on its own. */
  readonly minScoreWithoutFamily: number;
}

export type SituationField = 'title' | 'description' | 'keywords' | 'when';

export const situationFields: readonly SituationField[] = [
  'title',
  'description',
  'keywords',
  'when',
];

export const defaultRankerSettings: RankerSettings = {
  fieldBoosts: { title: 1, description: 1, keywords: 3, when: 0.75 },
  bm25: { k: 1.2, b: 0.3, d: 0.5 },
  phraseBoost: 2.5,
  weakWords: { only: 0.5, just: 0.5, never: 0.5, abuse: 0.5 },
  minScore: 3.5,
  minScoreWithoutFamily: 24,
};
