import type { Referral, ReferralSectionName } from '../schema/referral';
import { referralObjects } from '../schema/referralFields';
import {
  childrenPath,
  countOf,
  formGroups,
  formSteps,
  itemFields,
  itemOf,
  maxChildren,
  type FieldDefinition,
  type GroupDefinition,
  type ItemCounts,
  type StepDefinition,
} from './formDefinition';

/**
 * The form's answers as the cards hold them: one string per field path ("father.phone" → "07700
 * 900 123"), multi-selects comma-joined, "" for nothing. This is what a draft keeps and what the
 * cards bind back; `sectionInput` turns it into the nested shape the schema checks.
 */
export type FormValues = Readonly<Record<string, string>>;

/** Text kept for display is capped here whatever a field's own limit (a card must stay small). */
const displayCap = 4000;

// C0 controls other than tab and line breaks, and DEL: the schema refuses them; the card never
// needs them back.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * What a card shows back for one submitted value: the user's input kept where it can be shown
 * (text capped at the field's length, so a 100 kB paste cannot make the card too big for Teams),
 * and "" where it cannot (not text, or not one of the options).
 */
export function displayValue(field: FieldDefinition, raw: unknown): string {
  const value = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
  if (typeof value !== 'string') return '';
  switch (field.kind) {
    case 'choice':
    case 'radio':
      return field.choices?.some((c) => c.value === value) ? value : '';
    case 'multi': {
      const allowed = new Set(field.choices?.map((c) => c.value));
      const picked = value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => allowed.has(v));
      return [...new Set(picked)].join(',');
    }
    case 'toggle':
      return value === 'yes' ? 'yes' : '';
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '';
    case 'number':
      // Kept when out of range (a child aged 150, or -1): the server says what is wrong beside it,
      // rather than the card silently showing something else.
      return /^\s*[-+]?\d{1,4}(?:[.,]\d{1,2})?\s*$/.test(value) ? value.trim() : '';
    default:
      return value.replace(controlCharacters, '').slice(0, field.maxLength ?? displayCap);
  }
}

/** One submitted step: the values to keep and show, and the raw input per section to check. */
export interface StepInput {
  /** Display values of every field of the step (missing ones as ""). */
  readonly values: Record<string, string>;
  /** The nested input for each section, built from the raw submitted values (types as sent). */
  readonly sections: Partial<Record<ReferralSectionName, Record<string, unknown>>>;
}

/** What an unticked toggle sends (its `valueOff`, "false" as clients default it) means "not ticked". */
export const toggleOff = 'false';

function untoggled(step: StepDefinition, path: string, value: unknown): unknown {
  const toggle = step.fields.some((f) => f.path === path && f.kind === 'toggle');
  return toggle && value === toggleOff ? '' : value;
}

/**
 * Reads a card submission for a step: only the inputs on that card are looked at. Items of a
 * repeating group (children, agencies) are not on the step's card (each has a card of its own),
 * so theirs come from the draft.
 */
export function readStepInput(
  step: StepDefinition,
  raw: Readonly<Record<string, unknown>>,
  draft: FormValues,
  counts: ItemCounts,
): StepInput {
  const fromCard = (path: string): unknown =>
    Object.hasOwn(raw, path) ? untoggled(step, path, raw[path]) : undefined;
  const get = (path: string): unknown =>
    itemOf(path) === undefined ? fromCard(path) : draft[path];
  const values: Record<string, string> = {};
  for (const field of step.fields) values[field.path] = displayValue(field, fromCard(field.path));
  const sections: StepInput['sections'] = {};
  for (const name of step.sections) sections[name] = sectionInput(name, get, counts);
  return { values, sections };
}

/**
 * Reads one item's card (a child, an agency): its values, and its section to check them in (the
 * item as sent, everything else as in the draft).
 */
export function readItemInput(
  group: GroupDefinition,
  index: number,
  raw: Readonly<Record<string, unknown>>,
  draft: FormValues,
  counts: ItemCounts,
): StepInput {
  const fields = itemFields(group, index);
  const own = new Set(fields.map((f) => f.path));
  const get = (path: string): unknown =>
    own.has(path) ? (Object.hasOwn(raw, path) ? raw[path] : undefined) : draft[path];
  const values: Record<string, string> = {};
  for (const field of fields) values[field.path] = displayValue(field, get(field.path));
  const section = sectionOfGroup(group);
  return { values, sections: { [section]: sectionInput(section, get, counts) } };
}

/** The section a group is declared in ("agencies.list" → "agencies"). */
export const sectionOfGroup = (group: GroupDefinition): ReferralSectionName =>
  group.path.split('.')[0] as ReferralSectionName;

/** The nested input of one section, from any source of values by path. */
export function sectionInput(
  name: ReferralSectionName,
  get: (path: string) => unknown,
  counts: ItemCounts,
): Record<string, unknown> {
  const step = formSteps.find((s) => s.sections.includes(name));
  const out: Record<string, unknown> = {};
  if (!step) return out;
  for (const field of step.fields) {
    if (!field.path.startsWith(`${name}.`)) continue;
    setPath(out, field.path.slice(name.length + 1).split('.'), get(field.path));
  }
  for (const object of referralObjects) {
    if (object.section !== name) continue;
    const parts = object.path.split('.').slice(1);
    const parent = parts
      .slice(0, -1)
      .reduce<Record<string, unknown> | undefined>(
        (node, key) => node?.[key] as Record<string, unknown> | undefined,
        out,
      );
    const key = parts[parts.length - 1];
    if (!parent || key === undefined) continue;
    const value = parent[key] as Record<string, unknown> | undefined;
    // A required group is checked field by field, so it is always there; an optional one left
    // wholly blank (no social worker) is not there at all, rather than there and empty.
    if (!object.optional && typeof value !== 'object') parent[key] = {};
    if (object.optional && value && Object.values(value).every(isBlank)) delete parent[key];
  }
  for (const group of formGroups) {
    if (!group.path.startsWith(`${name}.`)) continue;
    const items = Array.from({ length: countOf(group, counts) }, (_, i) =>
      Object.fromEntries(group.fieldNames.map((f) => [f, get(`${group.path}.${i}.${f}`)])),
    );
    setPath(out, group.path.slice(name.length + 1).split('.'), items);
  }
  return out;
}

const isBlank = (v: unknown): boolean =>
  v === undefined || (typeof v === 'string' && v.trim() === '');

function setPath(target: Record<string, unknown>, parts: readonly string[], value: unknown): void {
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  if (last !== undefined && value !== undefined) node[last] = value;
}

/** The whole referral input from a draft's values, for the final check and for submit. */
export function referralInput(values: FormValues, counts: ItemCounts): Record<string, unknown> {
  const get = (path: string): unknown => (Object.hasOwn(values, path) ? values[path] : undefined);
  const out: Record<string, unknown> = {};
  for (const step of formSteps) {
    for (const name of step.sections) out[name] = sectionInput(name, get, counts);
  }
  out.restricted = true;
  return out;
}

/**
 * A referral body of an earlier payload version in the current shape, as far as the form goes:
 * version 2's ticked agencies become one row each.
 */
function currentAgencies(referral: Referral): unknown {
  const agencies = referral.agencies as { involved?: unknown; list?: unknown; details?: unknown };
  if (!Array.isArray(agencies.involved)) return agencies;
  const list = agencies.involved
    .filter((v): v is string => typeof v === 'string')
    .map((agency) => ({ agency }));
  return { list, ...(agencies.details === undefined ? {} : { details: agencies.details }) };
}

/** A referral (e.g. one the partnership sent back) as form values, to correct and send again. */
export function valuesFromReferral(referral: Referral): {
  values: Record<string, string>;
  counts: ItemCounts;
} {
  const values: Record<string, string> = {};
  const counts: Record<string, number> = {};
  const walk = (node: unknown, path: string): void => {
    const group = formGroups.find((g) => g.path === path);
    if (group && Array.isArray(node)) {
      counts[path] = Math.min(node.length, group.max);
      node.slice(0, group.max).forEach((v, i) => walk(v, `${path}.${i}`));
    } else if (Array.isArray(node)) {
      values[path] = node.join(',');
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) walk(value, path ? `${path}.${key}` : key);
    } else if (typeof node === 'string' || typeof node === 'number') {
      values[path] = String(node);
    }
  };
  const {
    restricted: _restricted,
    version: _version,
    ...sections
  } = referral as Referral & {
    version?: number;
  };
  walk({ ...sections, agencies: currentAgencies(referral) }, '');
  counts[childrenPath] = Math.min(counts[childrenPath] ?? 0, maxChildren);
  return { values, counts };
}

/** What a coaching walk-through learnt, in categories only (see coaching/summary.ts). */
export interface CoachingPrefill {
  readonly riskIndicators: readonly string[];
  readonly facts: readonly string[];
  readonly childConcern: boolean;
}

/** Safety-net categories (content/coaching/safety-triggers.json) → the risk step's ticks. */
const riskIndicatorSigns: Readonly<Record<string, string>> = {
  strangulation: 'strangulation-or-choking',
  'threat-to-kill': 'threats-to-kill',
  weapon: 'weapons',
  separation: 'separation',
  pregnancy: 'pregnancy-or-new-baby',
  stalking: 'stalking',
  'sexual-violence': 'sexual-violence',
  'victim-fear': 'victim-fearful',
  escalation: 'escalation',
  'honour-based': 'honour-based-abuse-or-forced-marriage',
};

/** Walk-through facts → single answers (the practitioner checks every one). */
const factAnswers: Readonly<Record<string, readonly [string, string]>> = {
  denied: ['concerns.acknowledgement', 'denies'],
  minimised: ['concerns.acknowledgement', 'minimises'],
  blamed: ['concerns.acknowledgement', 'blames-others'],
  'interpreter-needed': ['father.interpreterNeeded', 'yes'],
  separating: ['household.partnerRelationship', 'separated-or-separating'],
  'consent-given': ['consent.basis', 'consent'],
  'consent-declined': ['consent.basis', 'declined'],
  'share-without-consent': ['consent.basis', 'not-asked'],
};

/** What the form fills in from a walk-through, so its summary can say exactly that. */
export const coachingPrefillUsed = {
  riskIndicators: new Set(Object.keys(riskIndicatorSigns)),
  facts: new Set(Object.keys(factAnswers)),
} as const;

/** Form values from a walk-through: high-risk ticks, his response, interpreter, consent. */
export function valuesFromCoaching(prefill: CoachingPrefill): Record<string, string> {
  const values: Record<string, string> = {};
  const signs = new Set(
    prefill.riskIndicators.flatMap((id) =>
      Object.hasOwn(riskIndicatorSigns, id) ? [riskIndicatorSigns[id] as string] : [],
    ),
  );
  if (prefill.facts.includes('separating')) signs.add('separation');
  if (signs.size > 0) values['risk.highRiskSigns'] = [...signs].join(',');
  for (const fact of prefill.facts) {
    const answer = Object.hasOwn(factAnswers, fact) ? factAnswers[fact] : undefined;
    if (answer && values[answer[0]] === undefined) values[answer[0]] = answer[1];
  }
  return values;
}
