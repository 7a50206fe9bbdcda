import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { AppError } from '../../kernel/errors';
import { contactPlaceholders } from '../../tenants/localContacts';
import principlesPack from '../principles.json';
import shippedLibrary from './library.json';
import { checkLibrary, type LibraryReferences } from './checks';
import { wordingLibrarySchema, type WordingLibrary } from './schema';

/** Stable code for a content pack that cannot be used; the process should not start with it. */
export const contentInvalid = 'CONTENT_INVALID';

/** Where the shipped library lives, as named in error messages. */
export const libraryFile = 'src/content/wording/library.json';

/** The principle ids and placeholders the shipped content may refer to. */
export function defaultReferences(): LibraryReferences {
  return {
    principleIds: new Set(principlesPack.principles.map((p) => p.id)),
    placeholders: new Set(Object.keys(contactPlaceholders)),
  };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '') || '(root)';
}

const maxListed = 10;

function invalid(source: string, problems: readonly { path: string; problem: string }[]): AppError {
  const listed = problems.slice(0, maxListed).map((p) => `${p.path}: ${p.problem}`);
  const more = problems.length > maxListed ? ` (and ${problems.length - maxListed} more)` : '';
  return new AppError(contentInvalid, `Wording library ${source} is invalid: ${listed.join('; ')}${more}.`, {
    catastrophic: true,
  });
}

function issuesOf(error: z.ZodError): { path: string; problem: string }[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), problem: issue.message }));
}

/**
 * Validates library data: shape first (zod), then cross-references. Throws CONTENT_INVALID naming
 * `source` and the JSON path of every problem, so a content reviewer can fix the data directly.
 */
export function parseWordingLibrary(
  raw: unknown,
  source: string,
  refs: LibraryReferences = defaultReferences(),
): WordingLibrary {
  const parsed = wordingLibrarySchema.safeParse(raw);
  if (!parsed.success) throw invalid(source, issuesOf(parsed.error));
  const problems = checkLibrary(parsed.data, refs);
  if (problems.length > 0) throw invalid(source, problems);
  return parsed.data;
}

/** Reads and validates a library file from disk (for reviewing a draft pack before it ships). */
export function readWordingLibraryFile(file: string, refs?: LibraryReferences): WordingLibrary {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new AppError(contentInvalid, `Wording library ${file} is not readable JSON.`, {
      catastrophic: true,
      cause,
    });
  }
  return parseWordingLibrary(raw, file, refs);
}

/** The library that ships with the bot: validated once at start. */
export function loadWordingLibrary(): WordingLibrary {
  return parseWordingLibrary(shippedLibrary, libraryFile);
}
