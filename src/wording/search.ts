/**
 * Free-text search over the wording library: "he says she winds him up" → "He blames her, drink
 * or stress", with the reasons it matched.
 *
 * Why MiniSearch rather than our own BM25: it is small, dependency-free, well maintained and
 * deterministic, gives BM25+ scoring with per-field boosts and per-term weights, and its radix tree
 * gives bounded edit-distance lookups for misspellings. What decides quality here is not the
 * scoring formula but the analysis, so that is ours: contractions, a conservative stemmer, the
 * people in a description reduced to "he" and "she" (so "his partner hits him" reads like "she
 * hits him"), synonym groups and multi-word phrases kept in the content pack, and spelling
 * correction towards the library's own words (correcting before synonyms, so "agtated" can still
 * mean "hostile"). Everything runs in process, with no network.
 *
 * Ranking in three layers, each explainable in the library's words:
 *  - deciding fields (title, description, keywords, the phrasings' "when" lines): the evidence that
 *    a situation fits;
 *  - supporting fields (the single words of multi-word keywords, the phrasings' full text): they
 *    rank close calls and fill the runners-up when practitioners use words the keywords do not
 *    list, but never decide a match alone;
 *  - a no-match decision from the kind of evidence, not only its score: a word of this domain
 *    ("denies", "interpreter") is enough; everyday words ("help", "job", "the kids") need a family
 *    context and no sign of office business ("a housing form").
 * The BM25+ score of every index term in every field is read from MiniSearch once at start, so a
 * search is a few map lookups (well under a millisecond). A learned re-ranker (./learned), when
 * given, then refines the order of the situations found; it never decides whether there is a match.
 */
import MiniSearch from 'minisearch';
import type { SituationId, WordingLibrary } from '../content/wording/schema';
import { Analyser, type Analysis } from './text/analyser';
import { phraseJoiner } from './text/lexicon';
import { tokenize } from './text/normalise';
import { stem } from './text/stem';
import { stopwords } from './text/stopwords';
import {
  defaultRankerSettings,
  situationFields,
  type RankerSettings,
  type SituationField,
} from './ranking';
import { explain, type MatchExplanation } from './explain';
import type { WordingReranker } from './learned/model';

export interface SituationMatch {
  readonly situationId: SituationId;
  readonly title: string;
  /** The search's own score; comparable between situations of one query, not between queries. */
  readonly score: number;
  /** The learned re-ranker's probability for this situation, when a re-ranker is used. */
  readonly learned?: number;
  /** The phrasing to show first: the one whose own text best fits the query. */
  readonly bestPhrasingId: string;
  readonly explanation: MatchExplanation;
}

export type SearchOutcome =
  | { readonly kind: 'matches'; readonly results: readonly SituationMatch[] }
  | {
      readonly kind: 'no-match';
      /** "no-terms": nothing searchable was typed; "below-threshold": nothing fitted well enough. */
      readonly reason: 'no-terms' | 'below-threshold';
      /**
       * The weak candidates, best first, for logs and the bench; do not present them as matches.
       * Empty when no word of the query is in any situation's deciding fields ("thanks").
       */
      readonly nearest: readonly SituationMatch[];
    };

export interface WordingSearch {
  /** Ranks situations for a practitioner's description; at most `limit` results (default 3). */
  search(query: string, options?: { readonly limit?: number }): SearchOutcome;
}

interface Evidence {
  /** No query term is in a deciding field of any situation. */
  readonly none: boolean;
  /** Some matched term is more than an everyday word. */
  readonly specific: boolean;
  readonly phrase: boolean;
  /** The words inside matched phrases: part of the evidence, so never a sign of office business. */
  readonly phraseKeys: ReadonlySet<string>;
  /** Distinct query terms that matched. */
  readonly count: number;
  /** Query terms, not everyday words, found only in the supporting fields. */
  readonly hints: number;
}

interface ScoredSituation {
  readonly id: string;
  readonly score: number;
  /** Query term → the fields it was found in. */
  readonly match: Readonly<Record<string, readonly SituationField[]>>;
}

interface SituationDoc {
  readonly id: SituationId;
  readonly title: string;
  readonly description: string;
  readonly keywords: string;
  readonly when: string;
  /** Already analysed: the single words of multi-word keywords, space-separated. */
  readonly keywordWords: string;
  readonly content: string;
}

interface PhrasingDoc {
  readonly id: string;
  readonly situationId: SituationId;
  readonly when: string;
  readonly words: string;
}

// Separates list items inside one field so a phrase can never span two keywords.
const itemBreak = '\n';
// Scores are compared after rounding, so floating-point noise cannot reorder equal scores.
const scorePrecision = 1e9;

/**
 * Builds the in-memory index once (at start); `search` is then pure and synchronous. With a
 * `reranker`, the situations the search found are put in order by their score (scaled so the best
 * is 1) plus the reranker's weight times its probability; whether there is a match at all is still
 * decided by the search's own evidence and score.
 */
export function createWordingSearch(
  library: WordingLibrary,
  settings: RankerSettings = defaultRankerSettings,
  reranker?: WordingReranker,
): WordingSearch {
  const analyser = new Analyser(library);
  const weak = new Map(
    Object.entries(settings.weakWords).map(([word, weight]) => [stem(word), weight] as const),
  );
  // Each term counts once per field: listing "separate", "separated" and "separating" is for
  // people reading the data, and must not triple the weight of one stem. A situation is a set of
  // evidence, not prose whose repetitions mean emphasis.
  const indexTokenize = (text: string, field?: string): string[] => [
    ...new Set(
      field === 'keywordWords'
        ? text.split(' ').filter((t) => t !== '')
        : text
            .split(itemBreak)
            .flatMap((item) =>
              field === 'keywords' ? analyser.keywordTerms(item) : analyser.indexTerms(item),
            ),
    ),
  ];
  // Which terms each situation field holds, so their scores can be read once at start.
  const fieldTerms = new Map<SituationField, Set<string>>();
  const situationTokenize = (text: string, field?: string): string[] => {
    const terms = indexTokenize(text, field);
    const f = field as SituationField;
    const known = fieldTerms.get(f) ?? new Set<string>();
    for (const t of terms) known.add(t);
    fieldTerms.set(f, known);
    return terms;
  };
  const searchOptions = {
    tokenize: (text: string) => text.split(' ').filter((t) => t !== ''),
    processTerm: (term: string) => term,
    fuzzy: false,
    prefix: false,
    bm25: settings.bm25,
    boostTerm: (term: string) =>
      term.includes(phraseJoiner) ? settings.phraseBoost : (weak.get(term) ?? 1),
  } as const;

  const situations = new MiniSearch<SituationDoc>({
    fields: [...situationFields],
    tokenize: situationTokenize,
    processTerm: (term) => term,
    searchOptions,
  });
  situations.addAll(
    library.situations.map((s) => {
      const ownTerms = new Set(s.keywords.flatMap((k) => analyser.keywordTerms(k)));
      const keywordWords = new Set(
        s.keywords.flatMap((k) => analyser.keywordWords(k)).filter((t) => !ownTerms.has(t)),
      );
      return {
        id: s.id,
        title: s.title,
        description: s.description,
        keywords: s.keywords.join(itemBreak),
        when: s.phrasings.map((p) => p.when).join(itemBreak),
        keywordWords: [...keywordWords].join(' '),
        content: s.phrasings
          .map((p) => `${p.words}${itemBreak}${p.why}${itemBreak}${p.avoid}`)
          .join(itemBreak),
      };
    }),
  );

  const phrasings = new MiniSearch<PhrasingDoc>({
    fields: ['when', 'words'],
    storeFields: ['situationId'],
    tokenize: indexTokenize,
    processTerm: (term) => term,
    searchOptions,
  });
  phrasings.addAll(
    library.situations.flatMap((s) =>
      s.phrasings.map((p) => ({ id: p.id, situationId: s.id, when: p.when, words: p.words })),
    ),
  );

  // A field weighted 0 is left out of the search, so it neither scores nor counts as matched.
  const searchedFields = situationFields.filter((f) => settings.fieldBoosts[f] > 0);
  const order = new Map<string, number>(library.situations.map((s, i) => [s.id, i]));
  const phrasingOrder = new Map(
    library.situations.flatMap((s) => s.phrasings.map((p, i) => [p.id, i] as const)),
  );

  function bestPhrasings(query: string): Map<string, string> {
    const best = new Map<string, { id: string; score: number }>();
    for (const r of phrasings.search(query, { boost: { when: 2, words: 1 } })) {
      const situationId = String(r.situationId);
      const id = String(r.id);
      const current = best.get(situationId);
      const score = Math.round(r.score * scorePrecision);
      if (
        current === undefined ||
        score > current.score ||
        (score === current.score &&
          (phrasingOrder.get(id) ?? 0) < (phrasingOrder.get(current.id) ?? 0))
      ) {
        best.set(situationId, { id, score });
      }
    }
    return new Map([...best].map(([k, v]) => [k, v.id]));
  }

  const supporting = new Set<SituationField>(settings.supportingFields);
  const deciding = (fields: Iterable<SituationField>): boolean =>
    [...fields].some((f) => !supporting.has(f));

  // Every index term's BM25+ score in each situation and field, read from MiniSearch once at
  // start (one field at a time): the index never changes, so a search is then map lookups.
  const postings = new Map<string, Map<string, Map<SituationField, number>>>();
  for (const field of searchedFields) {
    for (const term of fieldTerms.get(field) ?? []) {
      for (const r of situations.search(term, {
        fields: [field],
        boost: { [field]: settings.fieldBoosts[field] },
      })) {
        const perSituation = postings.get(term) ?? new Map<string, Map<SituationField, number>>();
        const fields = perSituation.get(String(r.id)) ?? new Map<SituationField, number>();
        fields.set(field, r.score);
        perSituation.set(String(r.id), fields);
        postings.set(term, perSituation);
      }
    }
  }

  /**
   * Each situation's score: the query terms' BM25+ scores summed over terms and fields, times
   * (terms found in its deciding fields) ^ coordination, so that a situation matching more of what
   * was said ranks higher. A word found only in a phrasing's full text adds its score, not breadth.
   */
  function scoreSituations(terms: readonly string[]): ScoredSituation[] {
    const totals = new Map<
      string,
      { sum: number; count: number; match: Record<string, SituationField[]> }
    >();
    for (const term of new Set(terms)) {
      for (const [id, fields] of postings.get(term) ?? []) {
        const total = totals.get(id) ?? { sum: 0, count: 0, match: {} };
        for (const score of fields.values()) total.sum += score;
        if (deciding(fields.keys())) total.count += 1;
        total.match[term] = [...fields.keys()];
        totals.set(id, total);
      }
    }
    return [...totals].map(([id, { sum, count, match }]) => ({
      id,
      score: sum * Math.max(1, count) ** settings.coordination,
      match,
    }));
  }

  const termsOf = (words: readonly string[]): Set<string> =>
    new Set(words.flatMap((w) => analyser.indexTerms(w)));
  const everyday = termsOf(settings.everydayWords);
  const offTopic = termsOf(settings.offTopicWords);
  const paperwork = termsOf(settings.paperworkWords);
  const fillerKeys = new Set([...stopwords].map(stem));
  const isEveryday = (term: string): boolean =>
    term.split(phraseJoiner).every((key) => everyday.has(key) || fillerKeys.has(key));

  /** What the query's matched terms, over all situations, are evidence of. */
  function evidenceOf(match: Readonly<Record<string, readonly SituationField[]>>): Evidence {
    const all = Object.keys(match);
    const decidingTerms = all.filter((t) => deciding(match[t] ?? []));
    const phrases = decidingTerms.filter((t) => t.includes(phraseJoiner));
    return {
      none: decidingTerms.length === 0,
      specific: decidingTerms.some((t) => !isEveryday(t)),
      phrase: phrases.length > 0,
      phraseKeys: new Set(phrases.flatMap((t) => t.split(phraseJoiner))),
      count: decidingTerms.length,
      hints: all.filter((t) => !decidingTerms.includes(t) && !isEveryday(t)).length,
    };
  }

  const mentionsOfficeBusiness = (analysis: Analysis, except: ReadonlySet<string>): boolean =>
    analysis.terms.some((t) => offTopic.has(t.term) && !except.has(t.term));

  /**
   * With nothing in the deciding fields, a description of a family whose words still appear in the
   * phrasings' text gets the nearest situations rather than the menu: practitioners use words the
   * keywords do not list.
   */
  function hintsEnough(evidence: Evidence, analysis: Analysis): boolean {
    return (
      settings.minHints > 0 &&
      analysis.mentionsFamily &&
      evidence.hints >= settings.minHints &&
      !mentionsOfficeBusiness(analysis, new Set())
    );
  }

  /**
   * Whether the best candidate is a match or only the nearest of weak ones. Words of this domain
   * ("denies", "interpreter", "split up") are enough with little score; everyday words ("help",
   * "job", "change", "the kids") only when the text is about a family, holds two of them or a
   * phrase, and says nothing of forms, appointments or other office and household business.
   */
  function goodEnough(score: number, evidence: Evidence, analysis: Analysis): boolean {
    if (evidence.none) return hintsEnough(evidence, analysis);
    const office = mentionsOfficeBusiness(analysis, evidence.phraseKeys);
    if (evidence.specific) {
      // One lone word beside paperwork is the paperwork ("when his universal credit is paid").
      const lone = evidence.count === 1 && !evidence.phrase;
      if (lone && analysis.terms.some((t) => paperwork.has(t.term))) return false;
      return (
        score >= (analysis.mentionsFamily ? settings.minScore : settings.minScoreWithoutFamily)
      );
    }
    return (
      analysis.mentionsFamily &&
      (evidence.phrase || evidence.count >= settings.minEverydayTerms) &&
      !office &&
      score >= settings.minScore
    );
  }

  return {
    search(query, options = {}) {
      const limit = options.limit ?? 3;
      const analysis = analyser.analyseQuery(query);
      if (analysis.terms.length === 0) return { kind: 'no-match', reason: 'no-terms', nearest: [] };

      const terms = analysis.terms.map((t) => t.term);
      const firstPhrasing = bestPhrasings(terms.join(' '));
      const scored = scoreSituations(terms).sort(
        (a, b) =>
          Math.round(b.score * scorePrecision) - Math.round(a.score * scorePrecision) ||
          (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
      );
      const bestScore = scored[0]?.score ?? 0;
      const learned = reranker?.probabilities(terms, tokenize(query));
      if (reranker !== undefined && learned !== undefined && bestScore > 0) {
        const rank = (r: ScoredSituation): number =>
          Math.round(
            (r.score / bestScore + reranker.weight * (learned.get(r.id) ?? 0)) * scorePrecision,
          );
        // A stable sort: equal ranks keep the search's own order.
        scored.sort((a, b) => rank(b) - rank(a));
      }
      // What the query's words are evidence of, in any situation: "he threatened to have my job"
      // is about a threat even when "job" ranks another situation first.
      const allMatches: Record<string, SituationField[]> = {};
      for (const r of scored) {
        for (const [term, fields] of Object.entries(r.match))
          allMatches[term] = [...(allMatches[term] ?? []), ...fields];
      }
      const evidence = evidenceOf(allMatches);
      // Nothing in the situations' own words: not even a near miss worth a menu ("thanks").
      if (evidence.none && !hintsEnough(evidence, analysis))
        return { kind: 'no-match', reason: 'below-threshold', nearest: [] };

      const ranked = scored.slice(0, limit).map((r): SituationMatch => {
        const situation = library.situations.find((s) => s.id === r.id);
        if (!situation) throw new Error(`Index holds unknown situation ${r.id}`);
        const probability = learned?.get(situation.id);
        return {
          situationId: situation.id,
          title: situation.title,
          score: r.score,
          ...(probability === undefined ? {} : { learned: probability }),
          bestPhrasingId: firstPhrasing.get(situation.id) ?? situation.phrasings[0]?.id ?? '',
          explanation: explain(analysis.terms, r.match, analyser.lexicon.labels, supporting),
        };
      });
      if (ranked.length === 0 || !goodEnough(bestScore, evidence, analysis)) {
        return { kind: 'no-match', reason: 'below-threshold', nearest: ranked };
      }
      return { kind: 'matches', results: ranked };
    },
  };
}
