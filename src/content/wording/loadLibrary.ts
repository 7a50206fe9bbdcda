import { readFileSync } from 'node:fs';
import {
  checkPlaceholders,
  ContentPackError,
  IssueCollector,
  parseContentFile,
  type SourceFile,
} from '../loadPack';
import { loadPrinciples, principleSummaries, type PrincipleSummary } from '../principles';
import { checkLibrary, type LibraryReferences } from './checks';
import libraryJson from './library.json';
import { wordingLibrarySchema, type WordingLibrary } from './schema';

/** The library as shipped: imported so it travels with the build (dist/) as well as tsx. */
export function bundledWordingSource(): SourceFile {
  return { file: 'src/content/wording/library.json', data: libraryJson };
}

/** The principle ids the shipped content may name. */
export function defaultReferences(): LibraryReferences {
  return { principleIds: new Set(loadPrinciples().principles.map((p) => p.id)) };
}

/**
 * Validates library data: shape (zod), local-detail placeholders, then cross-references. Throws
 * ContentPackError (CONTENT_PACK_INVALID) naming the file and the JSON path of every problem, so
 * whoever edits the wording can fix it without reading code.
 */
export function parseWordingLibrary(
  source: SourceFile,
  refs: LibraryReferences = defaultReferences(),
): WordingLibrary {
  const issues = new IssueCollector();
  const library = parseContentFile(wordingLibrarySchema, source, issues);
  checkPlaceholders(source, issues);
  if (library !== undefined)
    checkLibrary(library, refs, (path, problem) => issues.add(source.file, path, problem));
  issues.throwIfAny();
  if (library === undefined)
    throw new ContentPackError([{ file: source.file, path: '$', problem: 'is invalid' }]);
  return library;
}

/** Reads and validates a library file from disk (to check a draft before it replaces the shipped one). */
export function readWordingLibraryFile(file: string, refs?: LibraryReferences): WordingLibrary {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new ContentPackError([{ file, path: '$', problem: 'is not readable JSON' }]);
  }
  return parseWordingLibrary({ file, data }, refs);
}

/** The library that ships with the bot: load once at start; a broken one stops the process. */
export function loadWordingLibrary(): WordingLibrary {
  return parseWordingLibrary(bundledWordingSource());
}

/** Principle summaries and sources by id, for the "show me why" part of a phrasing card. */
export function loadPrincipleSummaries(): ReadonlyMap<string, PrincipleSummary> {
  return principleSummaries(loadPrinciples());
}
