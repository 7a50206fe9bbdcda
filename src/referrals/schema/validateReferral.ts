import type { z } from 'zod';
import {
  referralSchema,
  referralSections,
  type CurrentReferral,
  type ReferralSection,
  type ReferralSectionName,
} from './referral';
import { at, multiSelectPaths, referralCrossRules, type CrossRule } from './referralFields';

/** Field path ("father.phone", "household.children.0.age") → what to correct, in plain English. */
export type FieldErrors = Record<string, string>;

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export type ReferralValidation =
  { ok: true; referral: CurrentReferral } | { ok: false; errors: FieldErrors };

export interface ValidateOptions {
  /** "Today" for date checks (a date of birth cannot be in the future). */
  readonly now?: Date;
}

/** Key under which a problem with the whole submission (not one field) is reported. */
export const wholeReferralKey = 'referral';

function fieldPath(
  path: readonly PropertyKey[],
  prefix: readonly string[],
  multiSelects: ReadonlySet<string>,
): string {
  const parts = [...prefix, ...path.map(String)];
  const last = parts[parts.length - 1];
  if (last !== undefined && /^\d+$/.test(last) && multiSelects.has(parts.slice(0, -1).join('.'))) {
    parts.pop();
  }
  return parts.length === 0 ? wholeReferralKey : parts.join('.');
}

function collect(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly string[],
  multiSelects: ReadonlySet<string>,
  into: FieldErrors,
): void {
  for (const issue of issues) {
    const path = fieldPath(issue.path, prefix, multiSelects);
    // The first problem per field is the one to fix first; the rest would crowd the card.
    if (!Object.hasOwn(into, path)) into[path] = issue.message;
  }
}

// Rules that span fields run on the raw input, whatever else is wrong with it, so the form shows
// every problem at once.
function crossFieldErrors(
  rules: readonly CrossRule[],
  section: string,
  input: unknown,
  now: Date,
  into: FieldErrors,
): void {
  for (const rule of rules) {
    if (rule.section !== section) continue;
    const path = [section, ...rule.field].join('.');
    if (!Object.hasOwn(into, path) && rule.broken(input, now)) into[path] = rule.message;
  }
}

function unreadable(): { ok: false; errors: FieldErrors } {
  return {
    ok: false,
    errors: { [wholeReferralKey]: 'The referral could not be read. Start the form again.' },
  };
}

/** What a payload version is checked with: its schema, its sections, its rules. */
export interface PayloadRules<T> {
  readonly schema: z.ZodType<T>;
  readonly sections: readonly string[];
  readonly rules: readonly CrossRule[];
  readonly multiSelects: ReadonlySet<string>;
}

/** Checks a whole referral against one payload version's rules. Never throws. */
export function validateWith<T>(
  payload: PayloadRules<T>,
  input: unknown,
  options: ValidateOptions = {},
): { ok: true; referral: T } | { ok: false; errors: FieldErrors } {
  const now = options.now ?? new Date();
  try {
    const result = payload.schema.safeParse(input);
    const errors: FieldErrors = {};
    if (!result.success) collect(result.error.issues, [], payload.multiSelects, errors);
    for (const name of payload.sections) {
      crossFieldErrors(payload.rules, name, at(input, [name]), now, errors);
    }
    if (result.success && Object.keys(errors).length === 0)
      return { ok: true, referral: result.data };
    return { ok: false, errors };
  } catch {
    return unreadable();
  }
}

const currentPayload: PayloadRules<CurrentReferral> = {
  schema: referralSchema,
  sections: Object.keys(referralSections),
  rules: referralCrossRules,
  multiSelects: multiSelectPaths,
};

/**
 * Checks a whole referral (a form submission or a received body). Never throws: any input gives
 * either the parsed referral or per-field messages fit to show beside the fields.
 */
export function validateReferral(
  input: unknown,
  options: ValidateOptions = {},
): ReferralValidation {
  return validateWith(currentPayload, input, options);
}

/** Checks one form step; error keys are full paths ("father.phone"), as from validateReferral. */
export function validateReferralSection<K extends ReferralSectionName>(
  name: K,
  input: unknown,
  options: ValidateOptions = {},
): ValidationResult<ReferralSection<K>> {
  const now = options.now ?? new Date();
  try {
    const result = referralSections[name].schema.safeParse(input);
    const errors: FieldErrors = {};
    if (!result.success) collect(result.error.issues, [name], multiSelectPaths, errors);
    crossFieldErrors(referralCrossRules, name, input, now, errors);
    if (result.success && Object.keys(errors).length === 0) {
      return { ok: true, value: result.data as ReferralSection<K> };
    }
    return { ok: false, errors };
  } catch {
    return unreadable();
  }
}
