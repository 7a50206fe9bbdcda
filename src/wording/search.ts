/**
 * Free-text search over the wording library: "he says she winds him up" → "He blames her, drink
 * or stress", with the reasons it matched.
 *
 * Why MiniSearch rather than our own BM25: it is small, dependency-free, well maintained and
 * deterministic, gives BM25+ scoring with per-field boosts and per-term weights, reports which
 * terms matched in which fields (the raw material of an explanation), and its radix tree gives
 * bounded edit-distance lookups for misspellings. What decides quality here is not the scoring
 * formula but the analysis, so that is ours: contractions, a conservative stemmer, synonym groups
 * and multi-word phrases kept in the content pack, and spelling correction towards the library's
 * own words (correcting before synonyms, so "agtated" can still mean "hostile"). Everything runs
 * in process, with no network.
 */
import MiniSearch from 'minisearch';
import type { SituationId, WordingLibrary } from '../content/wording/schema';
import { Analyser } from './text/analyser';
import { phraseJoiner } from './text/lexicon';
import { stem } from './text/stem';
import { defaultRankerSettings, situationFields, type RankerSettings } from './ranking';
import { explain, type MatchExplanation } from './explain';

export interface SituationMatch {
  readonly situationId: SituationId;
  readonly title: string;
  /** BM25+ score; comparable between situations of one query, not between queries. */
  readonly score: number;
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
      /** The weak candidates, best first, for logs and the bench; do not present them as matches. */
      readonly nearest: readonly SituationMatch[];
    };

export interface WordingSearch {
  /** Ranks situations for a practitioner's description; at most `limit` results (default 3). */
  search(query: string, options?: { readonly limit?: number }): SearchOutcome;
}

interface SituationDoc {
  readonly id: SituationId;
  readonly title: string;
  readonly description: string;
  readonly keywords: string;
  readonly when: string;
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

/** Builds the in-memory index once (at start); `search` is then pure and synchronous. */
export function createWordingSearch(
  library: WordingLibrary,
  settings: RankerSettings = defaultRankerSettings,
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
      text
        .split(itemBreak)
        .flatMap((item) =>
          field === 'keywords' ? analyser.keywordTerms(item) : analyser.indexTerms(item),
        ),
    ),
  ];
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
    tokenize: indexTokenize,
    processTerm: (term) => term,
    searchOptions,
  });
  situations.addAll(
    library.situations.map((s) => ({
      id: s.id,
      title: s.title,
      description: s.description,
      keywords: s.keywords.join(itemBreak),
      when: s.phrasings.map((p) => p.when).join(itemBreak),
    })),
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

  return {
    search(query, options = {}) {
      const limit = options.limit ?? 3;
      const analysis = analyser.analyseQuery(query);
      if (analysis.terms.length === 0) return { kind: 'no-match', reason: 'no-terms', nearest: [] };

      const text = analysis.terms.map((t) => t.term).join(' ');
      const firstPhrasing = bestPhrasings(text);
      const ranked = situations
        .search(text, { boost: { ...settings.fieldBoosts } })
        .map((r) => ({ id: String(r.id), score: r.score, match: r.match }))
        .sort(
          (a, b) =>
            Math.round(b.score * scorePrecision) - Math.round(a.score * scorePrecision) ||
            (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
        )
        .slice(0, limit)
        .map((r): SituationMatch => {
          const situation = library.situations.find((s) => s.id === r.id);
          if (!situation) throw new Error(`Index holds unknown situation ${r.id}`);
          return {
            situationId: situation.id,
            title: situation.title,
            score: r.score,
            bestPhrasingId: firstPhrasing.get(situation.id) ?? situation.phrasings[0]?.id ?? '',
            explanation: explain(analysis.terms, r.match, analyser.lexicon.labels),
          };
        });

      const top = ranked[0];
      const minScore = analysis.mentionsFamily ? settings.minScore : settings.minScoreWithoutFamily;
      if (top === undefined || top.score < minScore) {
        return { kind: 'no-match', reason: 'below-threshold', nearest: ranked };
      }
      return { kind: 'matches', results: ranked };
    },
  };
}
