import type { JsonPath } from '../loadPack';
import type { WordingLibrary } from './schema';
import { situationIds } from './schema';

/** What the library may refer to outside itself (placeholders are checked by the shared loader). */
export interface LibraryReferences {
  readonly principleIds: ReadonlySet<string>;
}

export type ReportIssue = (path: JsonPath, problem: string) => void;

function duplicates(values: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const v of values) (seen.has(v) ? repeated : seen).add(v);
  return repeated;
}

/**
 * Cross-reference checks the schema cannot express: every situation exactly once (the
 * walk-through links to them by id), phrasing ids unique across the library (feedback is counted
 * by them), principle ids that exist, and synonym words in one group only (otherwise what a word
 * means to the search would depend on the order of the file).
 */
export function checkLibrary(
  library: WordingLibrary,
  refs: LibraryReferences,
  report: ReportIssue,
): void {
  const ids: readonly string[] = library.situations.map((s) => s.id);
  for (const id of duplicates(ids))
    report(['situations', ids.lastIndexOf(id), 'id'], `situation "${id}" appears twice`);
  for (const id of situationIds) {
    if (!ids.includes(id)) report(['situations'], `situation "${id}" is missing`);
  }

  const repeated = duplicates(library.situations.flatMap((s) => s.phrasings.map((p) => p.id)));
  library.situations.forEach((situation, si) => {
    situation.phrasings.forEach((phrasing, pi) => {
      const at = ['situations', si, 'phrasings', pi];
      if (repeated.has(phrasing.id))
        report([...at, 'id'], `phrasing id "${phrasing.id}" is used more than once`);
      phrasing.principles.forEach((principle, ri) => {
        if (!refs.principleIds.has(principle))
          report([...at, 'principles', ri], `unknown principle id "${principle}"`);
      });
    });
  });

  const owner = new Map<string, number>();
  library.synonyms.forEach((group, gi) => {
    [group.term, ...group.variants].forEach((word, wi) => {
      const key = word.trim().toLowerCase();
      const first = owner.get(key);
      if (first !== undefined && first !== gi) {
        const path: JsonPath =
          wi === 0 ? ['synonyms', gi, 'term'] : ['synonyms', gi, 'variants', wi - 1];
        report(path, `"${word}" already belongs to synonyms[${first}]`);
      } else {
        owner.set(key, gi);
      }
    });
  });
}
