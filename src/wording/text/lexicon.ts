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
  readonly synonymPhrases: PhraseIndex;
  readonly keywordPhrases: PhraseIndex;
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

/**
 * The people in a description, each reduced to one key, so that a phrase says who did what however
 * they are named: "his partner hits him", "mum hits dad" and "she hits him" all read "she hit he".
 * The father is "he", his partner (or the children's mother) "she". "Her partner" is the father.
 */
const people: Readonly<Record<string, 'he' | 'she'>> = {
  she: 'she',
  her: 'she',
  partner: 'she',
  partners: 'she',
  wife: 'she',
  girlfriend: 'she',
  gf: 'she',
  wifey: 'she',
  missus: 'she',
  mum: 'she',
  mums: 'she',
  mother: 'she',
  he: 'he',
  him: 'he',
  dad: 'he',
  dads: 'he',
  daddy: 'he',
  father: 'he',
  husband: 'he',
  boyfriend: 'he',
  bf: 'he',
  fella: 'he',
  hubby: 'he',
};
/** Whether a typed word names one of the people ("missus", "dad"): never a misspelling. */
export function namesPerson(word: string): boolean {
  return people[word] !== undefined;
}

/** Whether a search key stands for one of the people ("he", "she"). */
export function isPerson(key: string): boolean {
  return key === 'he' || key === 'she';
}

// "his partner", "the dad": the word before a person's name for them adds nothing.
const determiners = new Set(['his', 'her', 'the', 'their']);

function personKey(words: readonly string[], i: number): 'he' | 'she' | undefined {
  const word = words[i] ?? '';
  const person = people[word];
  if (person === undefined) return undefined;
  if (word === 'partner' && words[i - 1] === 'her') return 'he';
  // His own mother is not his partner: "staying at his mum's" keeps its words.
  if (person === 'she' && /^(mum|mums|mother)$/.test(word) && words[i - 1] === 'his')
    return undefined;
  return person;
}

/** Surface tokens of a text, stemmed, with fillers removed (the stream phrases match against). */
export function stemStream(text: string): Token[] {
  const words = tokenize(text);
  const out: Token[] = [];
  words.forEach((surface, i) => {
    const next = words[i + 1];
    const nextIsNamed = next !== undefined && !['he', 'she', 'her', 'him'].includes(next);
    if (determiners.has(surface) && nextIsNamed && personKey(words, i + 1) !== undefined) return;
    const key = personKey(words, i) ?? stem(surface);
    if (!fillers.has(key)) out.push({ key, surface });
  });
  return out;
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

/**
 * Phrase rules grouped by their first key, each group longest first, so matching at a position
 * looks only at the rules that can start there (the tables hold hundreds of rules; a query has a
 * dozen words).
 */
export type PhraseIndex = ReadonlyMap<string, readonly PhraseRule[]>;

export function indexPhrases(rules: readonly PhraseRule[]): PhraseIndex {
  const index = new Map<string, PhraseRule[]>();
  for (const rule of [...rules].sort(byLengthThenText)) {
    const first = rule.keys[0];
    if (first === undefined) continue;
    const group = index.get(first);
    if (group) group.push(rule);
    else index.set(first, [rule]);
  }
  return index;
}

/** Replaces single-word synonyms, then synonym phrases (longest first, left to right). */
export function applySynonyms(
  stream: readonly Token[],
  singles: ReadonlyMap<string, SynonymEntry>,
  phrases: PhraseIndex,
): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < stream.length;) {
    let matched = false;
    for (const rule of phrases.get(stream[i]?.key ?? '') ?? []) {
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
  const synonymRules: PhraseRule[] = [];
  for (const group of library.synonyms) {
    const term = termFor(stemStream(group.term).map((t) => t.key));
    label(term, group.term);
    const canonicalKeys = stemStream(group.term).map((t) => t.key);
    if (canonicalKeys.length > 1) {
      synonymRules.push({ keys: canonicalKeys, term, kind: 'synonym', label: group.term });
    }
    for (const variant of group.variants) {
      const keys = stemStream(variant).map((t) => t.key);
      if (keys.length === 1 && keys[0] !== undefined) {
        if (keys[0] !== term) singleSynonyms.set(keys[0], { term, variant });
      } else if (keys.length > 1) {
        synonymRules.push({ keys, term, kind: 'synonym', label: variant });
      }
    }
  }
  const synonymPhrases = indexPhrases(synonymRules);

  // Keyword phrases are written in the same words a query uses, so they go through synonyms too.
  const keywordRules: PhraseRule[] = [];
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
        keywordRules.push({ keys, term, kind: 'keyword', label: keyword });
        label(term, keyword);
      }
    }
  }
  const keywordPhrases = indexPhrases(keywordRules);

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
  const phrasingTexts = library.situations.flatMap((s) =>
    s.phrasings.map((p) => `${p.words} ${p.why} ${p.avoid}`),
  );
  for (const text of phrasingTexts) {
    for (const word of tokenize(text)) known.add(word);
  }
  // Single words get a label from the first place they appear, so explanations use library words.
  for (const text of [...meaningful, ...phrasingTexts]) {
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
