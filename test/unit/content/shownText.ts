import { walkStrings, type SourceFile } from '../../../src/content/loadPack';

/** One string of content as staff see it, with where it is. */
export interface Shown {
  /** File and JSON path, e.g. "src/content/coaching/prepare.json steps.0.whatToDo". */
  readonly where: string;
  /** The nearest field name ("whatToDo", "questions", "avoid"). */
  readonly field: string;
  readonly text: string;
}

/** Fields holding ids, references or trigger syntax, at any depth: never shown to staff. */
const hiddenFields = new Set([
  'about',
  'phrases',
  'requiresAlso',
  'wordSets',
  'negation',
  'id',
  'next',
  'trigger',
  'principles',
  'firstStep',
  'mode',
  'wording',
  'facts',
  'review',
]);

/** Every string of these content files that staff may see. */
export function shownStrings(sources: readonly SourceFile[]): Shown[] {
  const out: Shown[] = [];
  for (const source of sources) {
    walkStrings(source.data, [], (text, path) => {
      if (path.some((key) => hiddenFields.has(String(key)))) return;
      const field = [...path].reverse().find((key) => typeof key === 'string');
      out.push({ where: `${source.file} ${path.join('.')}`, field: String(field), text });
    });
  }
  return out;
}
