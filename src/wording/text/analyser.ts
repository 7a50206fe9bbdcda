import {
  applySynonyms,
  buildLexicon,
  isPerson,
  namesPerson,
  stemStream,
  type Lexicon,
  type Token,
} from './lexicon';
import { tokenize } from './normalise';
import { SpellingCorrector, type Correction } from './spelling';
import { familyWords, stopwords } from './stopwords';
import type { WordingLibrary } from '../../content/wording/schema';

/** How a search term was reached from what was typed: the raw material of an explanation. */
export type MatchRoute = 'word' | 'synonym' | 'phrase' | 'spelling';

export interface AnalysedTerm {
  readonly term: string;
  readonly route: MatchRoute;
  /** For synonyms and spellings: the library word the typed word was read as. */
  readonly readAs?: string;
}

export interface Analysis {
  readonly terms: readonly AnalysedTerm[];
  readonly corrections: readonly Correction[];
  /** Whether the text mentions a person in the family or the abuse ("he", "her", "the kids"). */
  readonly mentionsFamily: boolean;
}

/**
 * The one analysis pipeline, used for the library (at index time) and for queries, so both meet
 * on the same terms: tokenize → (queries only) correct spelling → stem → synonyms → keyword
 * phrases → drop stopwords.
 */
export class Analyser {
  readonly lexicon: Lexicon;
  private readonly speller: SpellingCorrector;

  constructor(library: WordingLibrary) {
    this.lexicon = buildLexicon(library);
    this.speller = new SpellingCorrector(
      this.lexicon.correctionTargets,
      this.lexicon.knownWords,
      this.lexicon.knownStems,
    );
  }

  /** Search terms of library text (no spelling correction: the library is the vocabulary). */
  indexTerms(text: string): string[] {
    return this.analyse(text, false).terms.map((t) => t.term);
  }

  /**
   * Search terms of one keyword. A multi-word keyword counts only as its phrase, so "she threatens
   * him" (he says he is the victim) does not make "threaten" a word of that situation.
   */
  keywordTerms(keyword: string): string[] {
    const terms = this.analyse(keyword, false).terms;
    // The keyword's own phrase spans all its words, so it is the longest phrase found in it.
    const phrase = terms
      .filter((t) => t.route === 'phrase')
      .reduce<AnalysedTerm | undefined>(
        (longest, t) =>
          longest === undefined || t.term.length > longest.term.length ? t : longest,
        undefined,
      );
    return phrase ? [phrase.term] : terms.map((t) => t.term);
  }

  /**
   * The single words of a multi-word keyword ("she belittles him" → "belittle"), for the weak
   * field that lets a keyword's words count a little when the whole phrase is not typed.
   * Empty for a one-word keyword, which is a term of its own.
   */
  keywordWords(keyword: string): string[] {
    const terms = this.analyse(keyword, false).terms;
    if (!terms.some((t) => t.route === 'phrase')) return [];
    return terms.filter((t) => t.route !== 'phrase').map((t) => t.term);
  }

  /** Search terms of a query, each with how it was reached; duplicates removed, order kept. */
  analyseQuery(query: string): Analysis {
    const { terms, corrections } = this.analyse(query, true);
    const seen = new Set<string>();
    return {
      terms: terms.filter((t) => !seen.has(t.term) && seen.add(t.term)),
      corrections,
      mentionsFamily: tokenize(query).some((word) => familyWords.has(word)),
    };
  }

  // Library text is analysed many times while the index is built (a keyword for its phrase, its
  // words and its field); it is a fixed set, so its analyses are kept. Queries are not.
  private readonly libraryAnalyses = new Map<string, Omit<Analysis, 'mentionsFamily'>>();

  private analyse(text: string, correct: boolean): Omit<Analysis, 'mentionsFamily'> {
    if (correct) return this.analyseText(text, true);
    const known = this.libraryAnalyses.get(text);
    if (known) return known;
    const analysis = this.analyseText(text, false);
    this.libraryAnalyses.set(text, analysis);
    return analysis;
  }

  private analyseText(text: string, correct: boolean): Omit<Analysis, 'mentionsFamily'> {
    const corrections: Correction[] = [];
    const corrected = new Map<string, string>();
    const words = tokenize(text).map((word) => {
      const fix = correct && !namesPerson(word) ? this.speller.correct(word) : undefined;
      if (!fix) return word;
      corrections.push(fix);
      corrected.set(fix.readAs, word);
      return fix.readAs;
    });
    const stream = stemStream(words.join(' '));
    const { singleSynonyms, synonymPhrases, keywordPhrases } = this.lexicon;
    const canonical = applySynonyms(stream, singleSynonyms, synonymPhrases);

    const terms: AnalysedTerm[] = [];
    canonical.forEach((token) => {
      const route = this.routeOf(token, corrected);
      if (route === undefined) return;
      terms.push(route);
    });
    // Keyword phrases add a term beside their words: "only a push" also counts as "only" + "push".
    for (let i = 0; i < canonical.length; i += 1) {
      for (const rule of keywordPhrases.get(canonical[i]?.key ?? '') ?? []) {
        if (rule.keys.every((key, k) => canonical[i + k]?.key === key)) {
          terms.push({ term: rule.term, route: 'phrase', readAs: rule.label });
        }
      }
    }
    return { terms, corrections };
  }

  private routeOf(token: Token, corrected: ReadonlyMap<string, string>): AnalysedTerm | undefined {
    // People ("he", "her partner") matter only inside phrases, like the pronouns they stand for.
    if (isPerson(token.key)) return undefined;
    if (token.libraryForm === undefined && stopwords.has(token.surface)) return undefined;
    // Explanations only ever carry library words, never what was typed: a query may hold a name.
    if (corrected.has(token.surface))
      return { term: token.key, route: 'spelling', readAs: token.surface };
    if (token.libraryForm !== undefined)
      return { term: token.key, route: 'synonym', readAs: token.libraryForm };
    return { term: token.key, route: 'word' };
  }
}
