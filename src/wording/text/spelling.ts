import SearchableMap from 'minisearch/SearchableMap';
import { stem } from './stem';

/** A misspelt word and the library word it was read as. */
export interface Correction {
  readonly typed: string;
  readonly readAs: string;
}

/** Whether `b` is `a` with two neighbouring letters swapped ("agrue" / "argue"). */
function swapsTwoLetters(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) diff.push(i);
  const [i, j] = diff;
  return diff.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
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
    // Two edits for long words; for shorter ones only a swap of two neighbouring letters
    // ("agrue"), which edit distance counts as two.
    const maxDistance = word.length >= 8 ? 2 : 1;
    let best: { word: string; distance: number } | undefined;
    for (const [candidate, [, distance]] of this.targets.fuzzyGet(word, 2)) {
      if (distance > maxDistance && !swapsTwoLetters(word, candidate)) continue;
      // A correction keeps the first letter, which people rarely get wrong: "missed" is a word
      // of its own, not a misspelt "pissed".
      if (candidate[0] !== word[0]) continue;
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
