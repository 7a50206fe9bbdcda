import type { z } from 'zod';
import {
  checkPlaceholders,
  IssueCollector,
  parseContentFile,
  type JsonPath,
  type SourceFile,
} from '../loadPack';
import { loadPrinciples, principleSummaries } from '../principles';

interface RefresherItem {
  readonly id: string;
  readonly principles: readonly string[];
}

/** An item as sent: its own fields, and the published sources of its principles. */
export type WithSource<I> = I & { readonly source: string };

/**
 * Validates a file of refresher items (tips, quizzes): its shape, placeholders, unique ids, known
 * principles, and whatever else `check` adds for each item; throws naming the file and JSON path.
 * Each item gains the published sources of its principles.
 */
export function parseRefresherItems<
  F extends { readonly version: string },
  I extends RefresherItem,
>(
  schema: z.ZodType<F>,
  source: SourceFile,
  list: { readonly key: string; readonly of: (file: F) => readonly I[]; readonly noun: string },
  check: (item: I, at: (...rest: PropertyKey[]) => JsonPath, issues: IssueCollector) => void = () =>
    undefined,
): { readonly version: string; readonly items: WithSource<I>[] } {
  const issues = new IssueCollector();
  const principles = principleSummaries(loadPrinciples());
  const file = parseContentFile(schema, source, issues);
  if (file) {
    checkPlaceholders(source, issues);
    const seen = new Set<string>();
    list.of(file).forEach((item, i) => {
      const at = (...rest: PropertyKey[]): JsonPath => [list.key, i, ...rest];
      if (seen.has(item.id))
        issues.add(source.file, at('id'), `duplicate ${list.noun} "${item.id}"`);
      seen.add(item.id);
      item.principles.forEach((p, j) => {
        if (!principles.has(p))
          issues.add(source.file, at('principles', j), `unknown principle "${p}"`);
      });
      check(item, at, issues);
    });
  }
  issues.throwIfAny();
  if (!file) throw new Error(`unreachable: ${source.file} failed without an issue`);
  const items = list.of(file).map((item) => ({
    ...item,
    source: [
      ...new Set(item.principles.flatMap((p) => (principles.get(p)?.source ?? '').split('; '))),
    ].join('; '),
  }));
  return { version: file.version, items };
}
