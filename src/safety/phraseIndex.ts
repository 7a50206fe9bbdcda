import type { Sentence } from './language';
import { firstWordsOf, matchAt, type CompiledPattern, type NegationRules } from './patterns';

/** Where a phrase may start in a sentence: the phrase's number and the token position. */
export interface Candidate {
  readonly phrase: number;
  readonly start: number;
}

/**
 * Phrases indexed by the words they can start with, so a check looks up each token once instead
 * of trying every phrase at every position (the net holds several hundred phrases).
 */
export class PhraseIndex {
  private readonly byWord = new Map<string, number[]>();
  /** Stems by their first two letters, so a token is checked against a handful only. */
  private readonly byStem = new Map<string, { readonly stem: string; readonly phrase: number }[]>();
  private readonly anywhere: number[] = [];

  constructor(readonly phrases: readonly CompiledPattern[]) {
    phrases.forEach((pattern, phrase) => {
      const first = firstWordsOf(pattern);
      if (first.any) this.anywhere.push(phrase);
      for (const word of new Set(first.exact)) {
        const list = this.byWord.get(word) ?? [];
        list.push(phrase);
        this.byWord.set(word, list);
      }
      for (const stem of first.stems) {
        const key = stem.slice(0, 2);
        const list = this.byStem.get(key) ?? [];
        list.push({ stem, phrase });
        this.byStem.set(key, list);
      }
    });
  }

  /** Phrase starts worth trying in the sentence, in phrase order then position. */
  candidates(tokens: Sentence): Candidate[] {
    const found: Candidate[] = [];
    tokens.forEach((token, start) => {
      const phrases = new Set<number>(this.anywhere);
      for (const p of this.byWord.get(token.word) ?? []) phrases.add(p);
      if (token.lemma !== token.word)
        for (const p of this.byWord.get(token.lemma) ?? []) phrases.add(p);
      for (const key of new Set([token.word.slice(0, 2), token.lemma.slice(0, 2)]))
        for (const { stem, phrase } of this.byStem.get(key) ?? [])
          if (token.word.startsWith(stem) || token.lemma.startsWith(stem)) phrases.add(phrase);
      for (const phrase of phrases) found.push({ phrase, start });
    });
    return found.sort((a, b) => a.phrase - b.phrase || a.start - b.start);
  }

  /** Token positions any phrase covers in the sentence (for idioms and exceptions). */
  coverage(tokens: Sentence): Set<number> {
    const covered = new Set<number>();
    for (const { phrase, start } of this.candidates(tokens)) {
      const pattern = this.phrases[phrase];
      const match = pattern && matchAt(pattern, tokens, start, undefined);
      match?.forEach((i) => covered.add(i));
    }
    return covered;
  }

  /** Whether any phrase matches, not negated, with none of its words in `masked`. */
  matchesAny(
    tokens: Sentence,
    negation: NegationRules | undefined,
    masked: ReadonlySet<number>,
  ): boolean {
    return this.candidates(tokens).some(({ phrase, start }) => {
      const pattern = this.phrases[phrase];
      const match = pattern && matchAt(pattern, tokens, start, negation);
      return match !== undefined && !match.some((i) => masked.has(i));
    });
  }
}
