import type { z } from 'zod';
import { isCalendarDate } from './fields';
import {
  referralSchema,
  referralSections,
  type Referral,
  type ReferralSection,
  type ReferralSectionName,
} from './referral';

/** Field path ("father.phone", "household.children.0.age") → what to correct, in plain English. */
export type FieldErrors = Record<string, string>;

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export type ReferralValidation =
  { ok: true; referral: Referral } | { ok: false; errors: FieldErrors };

export interface ValidateOptions {
  /** "Today" for date checks (a date of birth cannot be in the future). */
  readonly now?: Date;
}

/** Key under which a problem with the whole submission (not one field) is reported. */
export const wholeReferralKey = 'referral';

/** Multi-selects are one card input: a bad option is reported on the field, not on its index. */
const multiSelectPaths = new Set(['concerns.kinds', 'risk.highRiskSigns', 'agencies.involved']);

function fieldPath(path: readonly PropertyKey[], prefix: readonly string[]): string {
  const parts = [...prefix, ...path.map(String)];
  const last = parts[parts.length - 1];
  if (
    last !== undefined &&
    /^\d+$/.test(last) &&
    multiSelectPaths.has(parts.slice(0, -1).join('.'))
  ) {
    parts.pop();
  }
  return parts.length === 0 ? wholeReferralKey : parts.join('.');
}

function collect(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly string[],
  into: FieldErrors,
): void {
  for (const issue of issues) {
    const path = fieldPath(issue.path, prefix);
    // The first problem per field is the one to fix first; the rest would crowd the card.
    if (!Object.hasOwn(into, path)) into[path] = issue.message;
  }
}

// --- rules that span fields ----------------------------------------------------------------------
// Run on the raw input, whatever else is wrong with it, so the form shows every problem at once.

function at(input: unknown, path: readonly string[]): unknown {
  let value = input;
  for (const key of path) {
    if (
      typeof value !== 'object' ||
      value === null ||
      Array.isArray(value) ||
      !Object.hasOwn(value, key)
    ) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const isBlank = (value: unknown): boolean =>
  value === undefined || (typeof value === 'string' && value.trim() === '');

function selected(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === 'string' && value.split(',').some((part) => part.trim() !== '');
}

interface CrossRule {
  readonly section: ReferralSectionName;
  /** Path inside the section of the field the message belongs beside. */
  readonly field: readonly string[];
  readonly broken: (section: unknown, now: Date) => boolean;
  readonly message: string;
}

const crossRules: readonly CrossRule[] = [
  {
    section: 'father',
    field: ['language'],
    broken: (s) => at(s, ['interpreterNeeded']) === 'yes' && isBlank(at(s, ['language'])),
    message: 'Enter the language he needs an interpreter for.',
  },
  {
    section: 'father',
    field: ['dateOfBirth'],
    broken: (s, now) => {
      const dob = at(s, ['dateOfBirth']);
      return typeof dob === 'string' && isCalendarDate(dob) && dob > now.toISOString().slice(0, 10);
    },
    message: 'His date of birth must be in the past.',
  },
  {
    section: 'household',
    field: ['socialWorker', 'name'],
    broken: (s) => {
      const plan = at(s, ['childrenPlan']);
      return (
        (plan === 'child-protection' || plan === 'child-in-need') &&
        isBlank(at(s, ['socialWorker', 'name']))
      );
    },
    message: "Enter the social worker's name: there is a child protection or child-in-need plan.",
  },
  {
    section: 'risk',
    field: ['safetyRoutesConsidered'],
    broken: (s) =>
      selected(at(s, ['highRiskSigns'])) && at(s, ['safetyRoutesConsidered']) !== 'yes',
    message:
      "Confirm you have considered 999, children's safeguarding and MARAC: a referral to the partnership does not replace them.",
  },
  {
    section: 'consent',
    field: ['lawfulBasis'],
    broken: (s) => at(s, ['basis']) === 'without-consent' && isBlank(at(s, ['lawfulBasis'])),
    message: 'Choose the lawful basis for sharing without his consent.',
  },
  {
    section: 'consent',
    field: ['reason'],
    broken: (s) => at(s, ['basis']) === 'without-consent' && isBlank(at(s, ['reason'])),
    message: 'Say why you are sharing without his consent: the reason must be recorded.',
  },
];

function crossFieldErrors(
  section: ReferralSectionName,
  input: unknown,
  now: Date,
  into: FieldErrors,
): void {
  for (const rule of crossRules) {
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

/**
 * Checks a whole referral (a form submission or a received body). Never throws: any input gives
 * either the parsed referral or per-field messages fit to show beside the fields.
 */
export function validateReferral(
  input: unknown,
  options: ValidateOptions = {},
): ReferralValidation {
  const now = options.now ?? new Date();
  try {
    const result = referralSchema.safeParse(input);
    const errors: FieldErrors = {};
    if (!result.success) collect(result.error.issues, [], errors);
    for (const name of Object.keys(referralSections) as ReferralSectionName[]) {
      crossFieldErrors(name, at(input, [name]), now, errors);
    }
    if (result.success && Object.keys(errors).length === 0)
      return { ok: true, referral: result.data };
    return { ok: false, errors };
  } catch {
    return unreadable();
  }
}

/** Checks one form step; error keys are full paths ("father.phone"), as from validateReferral. */
export function validateReferralSection<K extends ReferralSectionName>(
  name: K,
  input: unknown,
  options: ValidateOptions = {},
): ValidationResult<ReferralSection<K>> {
  const now = options.now ?? new Date();
  try {
    const result = referralSections[name].safeParse(input);
    const errors: FieldErrors = {};
    if (!result.success) collect(result.error.issues, [name], errors);
    crossFieldErrors(name, input, now, errors);
    if (result.success && Object.keys(errors).length === 0) {
      return { ok: true, value: result.data as ReferralSection<K> };
    }
    return { ok: false, errors };
  } catch {
    return unreadable();
  }
}
