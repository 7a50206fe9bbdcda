import type { WordingLibrary } from '../content/wording/schema';
import type { SituationGuide } from './stepView';

/**
 * A "what if…" answer's words from the wording library: the situation's first phrasing (what to
 * say and why it works). The full situation opens below with "More wording for this".
 */
export function situationGuide(library: WordingLibrary): SituationGuide {
  const first = new Map(library.situations.map((s) => [s.id, s.phrasings[0]]));
  return (situation) => {
    const phrasing = first.get(situation);
    return phrasing && { words: phrasing.words, why: phrasing.why };
  };
}
