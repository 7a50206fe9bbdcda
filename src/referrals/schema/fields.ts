import { z } from 'zod';

/**
 * Field builders for the referral schema. Each one carries its own plain-English messages, because
 * the form shows them beside the field: they name the field, say what to do, and never quote what
 * was typed (it may be personal data, and it would be bound into a card).
 */

/** C0 controls other than tab, line feed and carriage return, and DEL: never typed by a person,
 * and some of them break JSON consumers or terminals on the partnership's side. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f)
      return true;
  }
  return false;
}

function capitalise(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Cards send "" for an input left empty; for optional fields that means "not given". */
function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

function textMessages(label: string) {
  return {
    missing: `Enter ${label}.`,
    type: `${capitalise(label)} must be text.`,
    long: (max: number) => `${capitalise(label)} must be ${max} characters or fewer.`,
    control: `${capitalise(label)} contains characters that cannot be used.`,
  };
}

function baseText(label: string, max: number) {
  const m = textMessages(label);
  return z
    .string({ error: (issue) => (issue.input === undefined ? m.missing : m.type) })
    .max(max, { error: m.long(max) })
    .refine((v) => !hasControlCharacters(v), { error: m.control });
}

/**
 * Free text (incidents, notes). Kept exactly as given: markup and `${...}` are data here, shown
 * by the cards through bindings that never evaluate them.
 */
export function requiredText(label: string, max: number) {
  return baseText(label, max).refine((v) => v.trim() !== '', {
    error: textMessages(label).missing,
  });
}

export function optionalText(label: string, max: number) {
  return z.preprocess(blankToUndefined, baseText(label, max).optional());
}

const namePattern = /^[\p{L}\p{M}][\p{L}\p{M}' .’-]*$/u;

/** A person's name: letters (any script), spaces, hyphens, apostrophes and full stops. */
export function personName(label: string, max: number, options: { required: boolean }) {
  const field = baseText(label, max)
    .refine((v) => v.trim() !== '', { error: textMessages(label).missing })
    .refine((v) => namePattern.test(v.trim()), {
      error: `${capitalise(label)} can only use letters, spaces, hyphens, apostrophes and full stops.`,
    });
  return options.required ? field : z.preprocess(blankToUndefined, field.optional());
}

// Markup, template, markdown-link and escape characters, and bidi overrides (which can make text
// display as something other than what it is): none has a place in an address line or a job title.
const markupCharacters = /[<>{}[\]$`\\\u202A-\u202E\u2066-\u2069]/;

/** A line of an address, a role or a team: text without markup characters. */
export function plainLine(label: string, max: number, options: { required: boolean }) {
  const field = baseText(label, max)
    .refine((v) => v.trim() !== '', { error: textMessages(label).missing })
    .refine((v) => !markupCharacters.test(v), {
      error: `${capitalise(label)} cannot contain < > { } [ ] $ \` \\ or text-direction marks.`,
    });
  return options.required ? field : z.preprocess(blankToUndefined, field.optional());
}

const phoneCharacters = /^\+?[0-9 ()-]+$/;

/** A UK or international phone number: 10 to 15 digits, spaces, brackets and hyphens allowed. */
export function phone(label: string, options: { required: boolean }) {
  const message = `Enter ${label} as digits, like 01632 960 001 or +44 7700 900 123.`;
  const field = baseText(label, 30)
    .refine((v) => v.trim() !== '', { error: textMessages(label).missing })
    .refine(
      (v) => {
        const digits = v.replace(/\D/g, '').length;
        return phoneCharacters.test(v.trim()) && digits >= 10 && digits <= 15;
      },
      { error: message },
    );
  return options.required ? field : z.preprocess(blankToUndefined, field.optional());
}

export function email(label: string, options: { required: boolean }) {
  const field = z
    .string({
      error: (issue) =>
        issue.input === undefined ? `Enter ${label}.` : `${capitalise(label)} must be text.`,
    })
    .max(254, { error: `${capitalise(label)} must be 254 characters or fewer.` })
    .refine((v) => v.trim() !== '', { error: `Enter ${label}.` })
    .refine((v) => emailFormat.safeParse(v).success, {
      error: `Enter ${label} in the form name@example.org.`,
    });
  return options.required ? field : z.preprocess(blankToUndefined, field.optional());
}

const emailFormat = z.email();

const ukPostcode = /^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$/;

export function postcode(label: string) {
  return baseText(label, 10)
    .refine((v) => v.trim() !== '', { error: `Enter ${label}.` })
    .refine((v) => ukPostcode.test(v.trim()), { error: `Enter ${label} like SW1A 1AA.` });
}

/** True for a real calendar date written YYYY-MM-DD (what Input.Date sends). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

export function calendarDate(label: string, options: { required: boolean }) {
  const field = z
    .string({
      error: (issue) =>
        issue.input === undefined ? `Enter ${label}.` : `${capitalise(label)} must be a date.`,
    })
    .max(10, { error: `Enter ${label} as a date, like 1985-04-23.` })
    .refine((v) => v.trim() !== '', { error: `Enter ${label}.` })
    .refine(isCalendarDate, { error: `Enter ${label} as a real date, like 1985-04-23.` });
  return options.required ? field : z.preprocess(blankToUndefined, field.optional());
}

/** One answer from a fixed list (Input.ChoiceSet, compact or expanded). */
export function choice<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined || issue.input === ''
        ? `Choose ${label}.`
        : `Choose one of the listed options for ${label}.`,
  });
}

export function optionalChoice<const T extends readonly [string, ...string[]]>(
  label: string,
  values: T,
) {
  return z.preprocess(blankToUndefined, choice(label, values).optional());
}

/** Cards send a multi-select ChoiceSet as "a,b,c" ("" or nothing when none is ticked). */
function splitChoices(value: unknown, optional: boolean): unknown {
  if (value === undefined && optional) return [];
  if (typeof value !== 'string') return value;
  return value.trim() === '' ? [] : value.split(',').map((part) => part.trim());
}

/** Several answers from a fixed list; duplicates are dropped, order kept. */
export function choices<const T extends readonly [string, ...string[]]>(
  label: string,
  values: T,
  options: { min: number },
) {
  const wrong = `Choose only from the listed options for ${label}.`;
  return z.preprocess(
    (value) => splitChoices(value, options.min === 0),
    z
      .array(z.enum(values, { error: wrong }), {
        error: (issue) => (issue.input === undefined ? `Choose ${label}.` : wrong),
      })
      .max(values.length * 2, { error: wrong })
      .refine((list) => list.length >= options.min, { error: `Choose at least one of ${label}.` })
      .transform((list) => [...new Set(list)]),
  );
}

/** A whole number in a range; a numeric string is accepted (some clients send Input.Number so). */
export function wholeNumber(label: string, min: number, max: number) {
  const message = `Enter ${label} as a whole number from ${min} to ${max}.`;
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\s*\d{1,3}\s*$/.test(value) ? Number(value) : value),
    z
      .number({
        error: (issue) =>
          issue.input === undefined || issue.input === '' ? `Enter ${label}.` : message,
      })
      .int({ error: message })
      .min(min, { error: message })
      .max(max, { error: message }),
  );
}
