import type { WordingLibrary } from '../../content/wording/schema';
import { tokenize } from './normalise';
import { stem } from './stem';
import { commonWords, stopwords } from './stopwords';

/** One token of analysed text: the search key and the surface word it came from. */
export interface Token {
  readonly key: string;
  readonly surface: string;
  /** Set when a synonym replaced the word: the library's variant it matched ("shove"). */
  readonly libraryForm?: string;
}

/** A multi-word pattern: stemmed keys to match in order, with fillers ("a", "the", "is") ignored. */
export interface PhraseRule {
  readonly keys: readonly string[];
  /** The search term the phrase produces. */
  readonly term: string;
  /** Synonym phrases replace their words ("split up" → separate); keyword phrases add a term. */
  readonly kind: 'synonym' | 'keyword';
  /** The library's own wording, for explanations. */
  readonly label: string;
}

export interface SynonymEntry {
  readonly term: string;
  /** The library's variant as written ("shove"), for explanations. */
  readonly variant: string;
}

/**
 * Everything the analyser knows, built from the library alone: synonym and phrase tables, the
 * vocabulary misspellings are corrected towards, and a readable label for each search term.
 */
export interface Lexicon {
  readonly singleSynonyms: ReadonlyMap<string, SynonymEntry>;
  readonly synonymPhrases: readonly PhraseRule[];
  readonly keywordPhrases: readonly PhraseRule[];
  /** Surface words worth correcting a misspelling to (from keywords, synonyms, titles, ...). */
  readonly correctionTargets: readonly string[];
  /** Every surface word known to be spelt right, including ones that carry no meaning here. */
  readonly knownWords: ReadonlySet<string>;
  /** Stems of the known words, so an inflection ("leaves") of a known word is not "corrected". */
  readonly knownStems: ReadonlySet<string>;
  readonly labels: ReadonlyMap<string, string>;
}

// Words dropped before phrases are matched, so "she's violent" and "she is violent" meet.
const fillers = new Set(['a', 'an', 'the', 'be']);

/** Surface tokens of a text, stemmed, with fillers removed (the stream phrases match against). */
export function stemStream(text: string): Token[] {
  return tokenize(text)
    .map((surface) => ({ key: stem(surface), surface }))
    .filter((t) => !fillers.has(t.key));
}

export const phraseJoiner = '_';

function termFor(keys: readonly string[]): string {
  return keys.join(phraseJoiner);
}

/** The number of tokens `rule` spans when it matches `stream` at `start`; 0 when it does not. */
export function matchAt(rule: PhraseRule, stream: readonly Token[], start: number): number {
  for (let k = 0; k < rule.keys.length; k += 1) {
    if (stream[start + k]?.key !== rule.keys[k]) return 0;
  }
  return rule.keys.length;
}

/** Replaces single-word synonyms, then synonym phrases (longest first, left to right). */
export function applySynonyms(
  stream: readonly Token[],
  singles: ReadonlyMap<string, SynonymEntry>,
  phrases: readonly PhraseRule[],
): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < stream.length;) {
    let matched = false;
    for (const rule of phrases) {
      const span = matchAt(rule, stream, i);
      if (span > 0) {
        const surface = stream
          .slice(i, i + span)
          .map((t) => t.surface)
          .join(' ');
        out.push({ key: rule.term, surface, libraryForm: rule.label });
        i += span;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const token = stream[i];
    if (token) {
      const synonym = singles.get(token.key);
      out.push(
        synonym
          ? { key: synonym.term, surface: token.surface, libraryForm: synonym.variant }
          : token,
      );
    }
    i += 1;
  }
  return out;
}

function byLengthThenText(a: PhraseRule, b: PhraseRule): number {
  return b.keys.length - a.keys.length || a.term.localeCompare(b.term);
}

/** Builds the lexicon from the library's synonyms, keywords and text. */
export function buildLexicon(library: WordingLibrary): Lexicon {
  const labels = new Map<string, string>();
  const label = (term: string, text: string): void => {
    if (!labels.has(term)) labels.set(term, text);
  };

  // Synonyms: canonical term keys first (a multi-word canonical is itself one term).
  const singleSynonyms = new Map<string, SynonymEntry>();
  const synonymPhrases: PhraseRule[] = [];
  for (const group of library.synonyms) {
    const term = termFor(stemStream(group.term).map((t) => t.key));
    label(term, group.term);
    const canonicalKeys = stemStream(group.term).map((t) => t.key);
    if (canonicalKeys.length > 1) {
      synonymPhrases.push({ keys: canonicalKeys, term, kind: 'synonym', label: group.term });
    }
    for (const variant of group.variants) {
      const keys = stemStream(variant).map((t) => t.key);
      if (keys.length === 1 && keys[0] !== undefined) {
        if (keys[0] !== term) singleSynonyms.set(keys[0], { term, variant });
      } else if (keys.length > 1) {
        synonymPhrases.push({ keys, term, kind: 'synonym', label: variant });
      }
    }
  }
  synonymPhrases.sort(byLengthThenText);

  // Keyword phrases are written in the same words a query uses, so they go through synonyms too.
  const keywordPhrases: PhraseRule[] = [];
  const seen = new Set<string>();
  for (const situation of library.situations) {
    for (const keyword of situation.keywords) {
      const keys = applySynonyms(stemStream(keyword), singleSynonyms, synonymPhrases).map(
        (t) => t.key,
      );
      const term = termFor(keys);
      if (keys.length === 1) label(term, keyword);
      if (keys.length > 1 && !seen.has(term)) {
        seen.add(term);
        keywordPhrases.push({ keys, term, kind: 'keyword', label: keyword });
        label(term, keyword);
      }
    }
  }
  keywordPhrases.sort(byLengthThenText);

  // Vocabulary: words that carry meaning here are correction targets; all words seen are known.
  const targets = new Set<string>();
  const known = new Set<string>([...stopwords, ...commonWords]);
  const meaningful = [
    ...library.synonyms.flatMap((g) => [g.term, ...g.variants]),
    ...library.situations.flatMap((s) => [
      s.title,
      s.description,
      ...s.keywords,
      ...s.phrasings.map((p) => p.when),
    ]),
  ];
  for (const text of meaningful) {
    for (const word of tokenize(text)) {
      if (!stopwords.has(word) && /^[a-z]+$/.test(word) && word.length >= 3) targets.add(word);
      known.add(word);
    }
  }
  for (const p of library.situations.flatMap((s) => s.phrasings)) {
    for (const word of tokenize(`${p.words} ${p.why} ${p.avoid}`)) known.add(word);
  }
  // Single words get a label from the first place they appear, so explanations use library words.
  for (const text of meaningful) {
    for (const token of applySynonyms(stemStream(text), singleSynonyms, synonymPhrases)) {
      label(token.key, token.surface);
    }
  }

  return {
    singleSynonyms,
    synonymPhrases,
    keywordPhrases,
    correctionTargets: [...targets].sort(),
    knownWords: known,
    knownStems: new Set([...known].map(stem)),
    labels,
  };
}
