/**
 * The ranker's settings in one place, with the reason for each. Tuned only against the tuning half
 * of the labelled queries (test/fixtures/wording/tuning); npm run bench:wording also scores the
 * held-out half (test/fixtures/wording/held-out, written blind), which must never be tuned against.
 */
export interface RankerSettings {
  /** Per-field weight. Keywords are written for search; phrasings' "when" lines describe the
   * moment in the practitioner's own terms; titles and descriptions are short and precise; the
   * supporting fields are weak on purpose (see `supportingFields`). */
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
  /** Below this best score there is no good match: the caller shows the situations menu. Whether
   * there is a match at all is decided mostly by the kind of evidence (see `everydayWords`); this
   * only stops a stray weak word. */
  readonly minScore: number;
  /** The same, for a query that names nobody in the family: a word of this domain must carry
   * weight of its own ("will there be an interpreter" is a match; everyday words never are). */
  readonly minScoreWithoutFamily: number;
  /** How much matching more of the query's terms counts: the summed term scores are multiplied by
   * (terms found in deciding fields) ^ coordination. MiniSearch's own scores use 1 (over all
   * fields). */
  readonly coordination: number;
  /** Fields that help rank but never decide that a situation fits: the phrasings' full text (words,
   * why, avoid) and the single words of multi-word keywords ("belittle" from "she belittles him").
   * They widen the vocabulary the search knows without letting everyday prose make a match. */
  readonly supportingFields: readonly SituationField[];
  /** With no deciding evidence, this many non-everyday words found in the supporting fields (in a
   * description of a family, with no office words) still return the nearest situations; 0 never. */
  readonly minHints: number;
  /** Library words that are also everyday words: alone, they show a family's business but not
   * which situation (or any) a practitioner is in ("he needs help with a form", "a new job"). */
  readonly everydayWords: readonly string[];
  /** How many everyday words (with no phrase of the library's) make a match in a description of a
   * family: one is "he needs help with a form"; two is "he wants help with the kids". */
  readonly minEverydayTerms: number;
  /** Words of office and household business: with only everyday evidence, they mean the text is
   * not about what happened ("dad wants to change the time of our appointment"). */
  readonly offTopicWords: readonly string[];
  /** Paperwork: beside it, even one word of this domain is not a match on its own ("when will his
   * universal credit be paid" is about a payment, not money worries). */
  readonly paperworkWords: readonly string[];
}

export type SituationField =
  'title' | 'description' | 'keywords' | 'when' | 'keywordWords' | 'content';

export const situationFields: readonly SituationField[] = [
  'title',
  'description',
  'keywords',
  'when',
  'keywordWords',
  'content',
];

export const defaultRankerSettings: RankerSettings = {
  fieldBoosts: {
    title: 1,
    description: 1,
    keywords: 3,
    when: 0.75,
    keywordWords: 0.5,
    content: 0.1,
  },
  bm25: { k: 1.2, b: 0.3, d: 0.5 },
  phraseBoost: 2.5,
  weakWords: { only: 0.5, just: 0.5, never: 0.5, abuse: 0.5, abusive: 0.5 },
  minScore: 3.5,
  minScoreWithoutFamily: 8,
  coordination: 1,
  supportingFields: ['keywordWords', 'content'],
  minHints: 1,
  minEverydayTerms: 2,
  everydayWords: `help job work change child kid mum family home visit start ask talk
    call phone new next time leave door place move room problem service house behaviour
    happen person people need come way feel around sure`.split(/\s+/),
  offTopicWords: `form forms appointment appointments school schools nursery housing passport meals
    uniform uniforms dentist doctor birthday parking permit permits printer email laptop payslip
    timesheet overtime mileage training meeting minutes system log copy letter office childcare
    cost costs fee fees bus car lift holiday claim application interview cv voucher vouchers
    food bank paid payment payments grant`.split(/\s+/),
  paperworkWords: `form forms application passport payslip timesheet voucher vouchers paid payment
    payments grant fee fees mileage overtime password`.split(/\s+/),
};
