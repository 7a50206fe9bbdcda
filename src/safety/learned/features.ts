import type { Sentence } from '../language';
import { negatedAt, type NegationRules } from '../patterns';

/**
 * The features the learned layer reads: each lemma, and each pair of neighbouring lemmas in a
 * sentence ("hit_her"), each with the token positions that carry it so a finding can name the
 * words that drove it. A word a negation reaches (by the rules' own negation scope: same clause,
 * within the window) is read as a different word ("not:leave"), so "she isn't leaving him" does
 * not look like leaving. Computed from the same sentences the rules read.
 */
export interface Feature {
  readonly name: string;
  /** [sentence, token] positions of the words behind the feature. */
  readonly at: readonly (readonly [number, number])[];
}

export function featuresOf(sentences: readonly Sentence[], negation: NegationRules): Feature[] {
  const byName = new Map<string, [number, number][]>();
  const add = (name: string, ...at: [number, number][]) => {
    const list = byName.get(name);
    if (list) list.push(...at);
    else byName.set(name, [...at]);
  };
  sentences.forEach((sentence, s) => {
    const words = sentence.map((token, t) =>
      negatedAt(sentence, t, negation) ? `not:${token.lemma}` : token.lemma,
    );
    words.forEach((word, t) => {
      add(word, [s, t]);
      const previous = words[t - 1];
      if (previous !== undefined) add(`${previous}_${word}`, [s, t - 1], [s, t]);
    });
  });
  return [...byName].map(([name, at]) => ({ name, at }));
}
