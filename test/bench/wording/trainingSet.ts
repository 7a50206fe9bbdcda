import { createHash } from 'node:crypto';
import type { WordingLibrary } from '../../../src/content/wording/schema';
import type { LabelledText } from '../../../src/wording/learned/train';
import { readLabelledSets, type LabelledSet } from './labelledQueries';

/**
 * What the wording re-ranker is trained on: the tuning half only. The held-out half is never read
 * here: a model that had seen it would make its reading meaningless.
 */
export function trainingSets(): LabelledSet[] {
  return readLabelledSets().filter((s) => s.half === 'tuning' && s.queries.length > 0);
}

export function queryExamples(sets: readonly LabelledSet[]): LabelledText[] {
  return sets.flatMap((s) => s.queries.map((q) => ({ text: q.query, label: q.expected })));
}

/** sha256 of the training queries and the library (its words are training examples and features). */
export function trainingFingerprint(sets: readonly LabelledSet[], library: WordingLibrary): string {
  const hash = createHash('sha256');
  for (const s of [...sets].sort((x, y) => (x.name < y.name ? -1 : 1))) {
    hash.update(JSON.stringify([s.half, s.name, s.queries]));
  }
  hash.update(JSON.stringify(library));
  return hash.digest('hex');
}
