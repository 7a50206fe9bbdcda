import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../kernel/errors';
import { contactPlaceholders } from '../tenants/localContacts';

/**
 * Shared helpers for loading content packs (JSON under src/content/). A broken pack must stop the
 * process with the file and the JSON path of the bad field, so whoever edits the words can find
 * the mistake without reading code.
 */

export const contentPackInvalid = 'CONTENT_PACK_INVALID';

/**
 * A content version: calendar versioning ("2026.11.0"), so staff, reviewers and the partnership
 * can tell which words a feedback count, a review or a referral refers to.
 */
export const contentVersion = z.string().regex(/^\d{4}\.\d{1,2}\.\d+$/, 'must look like 2026.11.0');

/** One content file as loaded: `file` is the repository path used in error messages. */
export interface SourceFile {
  readonly file: string;
  readonly data: unknown;
}

export type JsonPath = readonly PropertyKey[];

export interface ContentIssue {
  readonly file: string;
  /** JSONPath-style location, e.g. `$.steps[2].answers[0].next`. */
  readonly path: string;
  readonly problem: string;
}

/** Shown in full in the message; the rest are counted, and all are on `issues`. */
const issuesInMessage = 5;

export class ContentPackError extends AppError {
  readonly issues: readonly ContentIssue[];

  constructor(issues: readonly ContentIssue[]) {
    const shown = issues
      .slice(0, issuesInMessage)
      .map((i) => `${i.file} at ${i.path}: ${i.problem}`);
    const more =
      issues.length > issuesInMessage ? ` (and ${issues.length - issuesInMessage} more)` : '';
    super(contentPackInvalid, `Content pack is invalid: ${shown.join('; ')}${more}`, {
      catastrophic: true,
    });
    this.name = 'ContentPackError';
    this.issues = issues;
  }
}

export function formatJsonPath(path: JsonPath): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    const name = String(key);
    return /^[A-Za-z_$][\w$]*$/.test(name) ? `${out}.${name}` : `${out}[${JSON.stringify(name)}]`;
  }, '$');
}

/** Collects issues across files so one run reports every mistake, then throws once. */
export class IssueCollector {
  private readonly found: ContentIssue[] = [];

  add(file: string, path: JsonPath, problem: string): void {
    this.found.push({ file, path: formatJsonPath(path), problem });
  }

  get count(): number {
    return this.found.length;
  }

  throwIfAny(): void {
    if (this.found.length > 0) throw new ContentPackError(this.found);
  }
}

/**
 * Parses one file against its schema. On failure every zod issue is recorded with the file and
 * path, and `undefined` is returned so the caller can go on checking the other files.
 */
export function parseContentFile<S extends z.ZodType>(
  schema: S,
  source: SourceFile,
  issues: IssueCollector,
): z.infer<S> | undefined {
  const result = schema.safeParse(source.data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // Point at the unexpected key itself: a typo in a field name is the usual cause.
      for (const key of issue.keys) issues.add(source.file, [...issue.path, key], 'unknown field');
    } else {
      issues.add(source.file, issue.path, issue.message);
    }
  }
  return undefined;
}

const placeholderPattern = /\{\{\s*([\w.]+)\s*\}\}/g;

/**
 * Checks every string in a parsed file for local-detail placeholders: each must be one that
 * tenant settings can fill, and a stray brace (a half-typed placeholder) is an error too, since
 * staff would otherwise see raw template text instead of a phone number.
 */
export function checkPlaceholders(source: SourceFile, issues: IssueCollector): void {
  walkStrings(source.data, [], (text, path) => {
    for (const match of text.matchAll(placeholderPattern)) {
      const name = match[1] ?? '';
      if (!(name in contactPlaceholders)) {
        issues.add(source.file, path, `unknown placeholder {{${name}}}`);
      }
    }
    if (/[{}]/.test(text.replace(placeholderPattern, ''))) {
      issues.add(source.file, path, 'has a brace that is not part of a {{placeholder}}');
    }
  });
}

/** Visits every string value in a JSON value with its path. */
export function walkStrings(
  value: unknown,
  path: readonly PropertyKey[],
  visit: (text: string, path: readonly PropertyKey[]) => void,
): void {
  if (typeof value === 'string') {
    visit(value, path);
  } else if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => walkStrings(item, [...path, index], visit));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) walkStrings(item, [...path, key], visit);
  }
}

/**
 * A shipped JSON file read from disk (beside the module in src/ under tsx, copied to dist/ by
 * tsconfig.build.json), for data too big to keep in the module cache after it is compiled.
 */
export function shippedJson(directory: string, file: string): unknown {
  try {
    return JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as unknown;
  } catch {
    throw new ContentPackError([{ file, path: '$', problem: 'is not readable JSON' }]);
  }
}
