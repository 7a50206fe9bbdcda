import type { WordingLibrary } from './schema';
import { situationIds } from './schema';

/** A problem found in valid-shaped data, located by its JSON path. */
export interface LibraryProblem {
  readonly path: string;
  readonly problem: string;
}

/** What the library may refer to outside itself. */
export interface LibraryReferences {
  readonly principleIds: ReadonlySet<string>;
  readonly placeholders: ReadonlySet<string>;
}

const placeholderPattern = /\{\{\s*([\w.]+)\s*\}\}/g;

function checkPlaceholders(value: string, path: string, known: ReadonlySet<string>): LibraryProblem[] {
  const problems: LibraryProblem[] = [];
  for (const match of value.matchAll(placeholderPattern)) {
    const name = match[1] ?? '';
    if (!known.has(name)) problems.push({ path, problem: `unknown placeholder {{${name}}}` });
  }
  // Braces left over after the known form is removed are a typo ("{victimService.name}}") that
  // would otherwise reach staff as literal text.
  if (/[{}]/.test(value.replace(placeholderPattern, ''))) {
    problems.push({ path, problem: 'has a stray brace; placeholders are written {{name}}' });
  }
  return problems;
}

function duplicates(values: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const v of values) (seen.has(v) ? repeated : seen).add(v);
  return repeated;
}

/**
 * Cross-reference checks the schema cannot express: every situation exactly once, unique
 * phrasing ids (feedback is counted by them), known principles and placeholders, and synonym
 * variants that belong to one group only (otherwise the search meaning would depend on order).
 */
export function checkLibrary(library: WordingLibrary, refs: LibraryReferences): LibraryProblem[] {
  const problems: LibraryProblem[] = [];
  const ids: readonly string[] = library.situations.map((s) => s.id);
  for (const id of duplicates(ids)) {
    problems.push({ path: `situations[${ids.lastIndexOf(id)}].id`, problem: `situation "${id}" appears twice` });
  }
  for (const id of situationIds) {
    if (!ids.includes(id)) problems.push({ path: 'situations', problem: `situation "${id}" is missing` });
  }

  const phrasingIds = library.situations.flatMap((s) => s.phrasings.map((p) => p.id));
  const repeatedPhrasings = duplicates(phrasingIds);
  library.situations.forEach((situation, si) => {
    const at = `situations[${si}]`;
    problems.push(...checkPlaceholders(situation.title, `${at}.title`, refs.placeholders));
    problems.push(...checkPlaceholders(situation.description, `${at}.description`, refs.placeholders));
    situation.phrasings.forEach((phrasing, pi) => {
      const pAt = `${at}.phrasings[${pi}]`;
      if (repeatedPhrasings.has(phrasing.id)) {
        problems.push({ path: `${pAt}.id`, problem: `phrasing id "${phrasing.id}" is used more than once` });
      }
      phrasing.principles.forEach((principle, ri) => {
        if (!refs.principleIds.has(principle)) {
          problems.push({ path: `${pAt}.principles[${ri}]`, problem: `unknown principle id "${principle}"` });
        }
      });
      for (const field of ['when', 'words', 'why', 'avoid'] as const) {
        problems.push(...checkPlaceholders(phrasing[field], `${pAt}.${field}`, refs.placeholders));
      }
    });
  });

  const owner = new Map<string, number>();
  library.synonyms.forEach((group, gi) => {
    [group.term, ...group.variants].forEach((word, wi) => {
      const key = word.toLowerCase();
      const first = owner.get(key);
      if (first !== undefined && first !== gi) {
        const path = wi === 0 ? `synonyms[${gi}].term` : `synonyms[${gi}].variants[${wi - 1}]`;
        problems.push({ path, problem: `"${word}" already belongs to synonyms[${first}]` });
      } else {
        owner.set(key, gi);
      }
    });
  });
  return problems;
}
