import { z } from 'zod';
import { contentVersion, IssueCollector, parseContentFile, type SourceFile } from './loadPack';
import principlesJson from './principles.json';

/**
 * The principles every piece of guidance names, and the published sources they come from. A
 * principle names its sources by id; the citation staff see is derived from the source list, so a
 * title is written once, exactly as published, and nothing internal to the project ("content guide
 * stage 3") can reach a card.
 */

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by -');
const text = z.string().trim().min(1, 'must not be empty');

export const principlesFileSchema = z.strictObject({
  version: contentVersion,
  sources: z.array(z.strictObject({ id: slug, citation: text })).min(1),
  principles: z
    .array(z.strictObject({ id: slug, summary: text, sources: z.array(slug).min(1) }))
    .min(1),
});

export type PrinciplesFile = z.infer<typeof principlesFileSchema>;

/** A principle as shown to staff: what it says and where it comes from. */
export interface PrincipleSummary {
  readonly summary: string;
  /** The sources' citations, joined with "; ". */
  readonly source: string;
}

export function bundledPrinciplesSource(): SourceFile {
  return { file: 'src/content/principles.json', data: principlesJson };
}

/**
 * Validates the principles file: shape, then unique ids and sources that exist. Returns undefined
 * (with the issues recorded) when it cannot be used.
 */
export function parsePrinciples(
  source: SourceFile,
  issues: IssueCollector,
): PrinciplesFile | undefined {
  const file = parseContentFile(principlesFileSchema, source, issues);
  if (file === undefined) return undefined;
  const before = issues.count;
  const sourceIds = new Set<string>();
  file.sources.forEach((s, i) => {
    if (sourceIds.has(s.id))
      issues.add(source.file, ['sources', i, 'id'], `duplicate source "${s.id}"`);
    sourceIds.add(s.id);
  });
  const principleIds = new Set<string>();
  file.principles.forEach((p, i) => {
    if (principleIds.has(p.id))
      issues.add(source.file, ['principles', i, 'id'], `duplicate principle "${p.id}"`);
    principleIds.add(p.id);
    p.sources.forEach((s, j) => {
      if (!sourceIds.has(s))
        issues.add(source.file, ['principles', i, 'sources', j], `unknown source "${s}"`);
    });
  });
  return issues.count === before ? file : undefined;
}

/** Each principle's summary and citation, by id. */
export function principleSummaries(file: PrinciplesFile): ReadonlyMap<string, PrincipleSummary> {
  const citations = new Map(file.sources.map((s) => [s.id, s.citation]));
  return new Map(
    file.principles.map((p) => [
      p.id,
      { summary: p.summary, source: p.sources.map((s) => citations.get(s) ?? s).join('; ') },
    ]),
  );
}

/** The shipped principles, validated; throws ContentPackError naming the file and path. */
export function loadPrinciples(): PrinciplesFile {
  const issues = new IssueCollector();
  const file = parsePrinciples(bundledPrinciplesSource(), issues);
  issues.throwIfAny();
  if (file === undefined) throw new Error('unreachable: principles failed without an issue');
  return file;
}
