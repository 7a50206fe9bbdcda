import SearchableMap from 'minisearch/SearchableMap';
import { stem } from './stem';

/** A misspelt word and the library word it was read as. */
export interface Correction {
  readonly typed: string;
  readonly readAs: string;
}

/**
 * Corrects misspellings towards the library's own vocabulary, using MiniSearch's radix tree for
 * bounded edit-distance lookups. Correcting before stemming and synonyms matters: "agtated" must
 * become "agitated" before it can be recognised as a synonym of "hostile".
 */
export class SpellingCorrector {
  private readonly targets = new SearchableMap<true>();

  constructor(
    targets: readonly string[],
    private readonly known: ReadonlySet<string>,
    private readonly knownStems: ReadonlySet<string>,
  ) {
    for (const word of targets) this.targets.set(word, true);
  }

  /** The word to search for instead of `word`, or undefined when it needs no correction. */
  correct(word: string): Correction | undefined {
    // Short words have too many real-word neighbours ("came" is not "care"); numbers are never typos.
    if (word.length < 5 || !/^[a-z]+$/.test(word) || this.known.has(word)) return undefined;
    if (this.knownStems.has(stem(word))) return undefined;
    const maxDistance = word.length >= 8 ? 2 : 1;
    let best: { word: string; distance: number } | undefined;
    for (const [candidate, [, distance]] of this.targets.fuzzyGet(word, maxDistance)) {
      // A two-edit correction must keep the first letter, which people rarely get wrong.
      if (distance === 2 && candidate[0] !== word[0]) continue;
      if (best === undefined || this.better(word, candidate, distance, best))
        best = { word: candidate, distance };
    }
    return best && { typed: word, readAs: best.word };
  }

  // Deterministic preference: fewer edits, same first letter, closer length, then alphabetical.
  private better(
    typed: string,
    candidate: string,
    distance: number,
    best: { word: string; distance: number },
  ): boolean {
    if (distance !== best.distance) return distance < best.distance;
    const firstC = candidate[0] === typed[0];
    const firstB = best.word[0] === typed[0];
    if (firstC !== firstB) return firstC;
    const lenC = Math.abs(candidate.length - typed.length);
    const lenB = Math.abs(best.word.length - typed.length);
    if (lenC !== lenB) return lenC < lenB;
    return candidate < best.word;
  }
}
