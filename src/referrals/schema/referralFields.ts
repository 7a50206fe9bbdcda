import {
  leavesOf,
  repeatingOf,
  type Condition,
  type DeclaredField,
  type LeafSpec,
  type Members,
  type Repeating,
} from './declaration';
import { isCalendarDate } from './fields';
import { referralSections, referralSteps, type ReferralSectionName } from './referralDeclaration';

/**
 * The field declaration read as lists: every field with its section and step, the repeating
 * groups, the free-text fields, and the rules that span fields. Everything here is derived.
 */

export type StepId = (typeof referralSteps)[number]['id'];

export interface ReferralField extends DeclaredField {
  readonly section: ReferralSectionName;
  readonly step: StepId;
}

export interface ReferralGroup {
  /** "household.children" */
  readonly path: string;
  readonly group: Repeating;
  readonly section: ReferralSectionName;
  readonly step: StepId;
  /** Where the group sits among its step's fields: before the field at this index. */
  readonly position: number;
}

const stepOfSection = new Map<ReferralSectionName, StepId>(
  referralSteps.flatMap((s) => s.sections.map((name) => [name, s.id] as const)),
);

function stepOf(section: ReferralSectionName): StepId {
  const step = stepOfSection.get(section);
  if (step === undefined) throw new Error(`section ${section} is on no step of the form`);
  return step;
}

const sectionNames = Object.keys(referralSections) as ReferralSectionName[];

/** Every field outside repeating groups, in declaration order. */
export const referralFields: readonly ReferralField[] = sectionNames.flatMap((section) =>
  leavesOf(referralSections[section].members, section).map((f) => ({
    ...f,
    section,
    step: stepOf(section),
  })),
);

/** The repeating groups (children), each with its place among its step's fields. */
export const referralGroups: readonly ReferralGroup[] = sectionNames.flatMap((section) =>
  repeatingOf(referralSections[section].members, section).map(({ path, group }) => {
    const step = stepOf(section);
    const stepSections: readonly string[] =
      referralSteps.find((s) => s.id === step)?.sections ?? [];
    const earlier = stepSections.slice(0, stepSections.indexOf(section));
    const keys = Object.keys(referralSections[section].members);
    const keysBefore = keys.slice(0, keys.indexOf(path.split('.')[1] ?? ''));
    // Fields of the step declared before the group: the earlier sections', then this one's.
    const position = referralFields.filter(
      (f) =>
        f.step === step &&
        (earlier.includes(f.section) ||
          (f.section === section && keysBefore.includes(f.path.split('.')[1] ?? ''))),
    ).length;
    return { path, group, section, step, position };
  }),
);

/** The fields of item `index` of a group, with their paths ("household.children.0.age"). */
export function groupItemFields(group: ReferralGroup, index: number): DeclaredField[] {
  return leavesOf(group.group.items, `${group.path}.${index}`);
}

/**
 * Every free-text path (text kept exactly as typed): what the safety net reads. Items of a
 * repeating group are listed for each possible item.
 */
export function freeTextPaths(): string[] {
  const groupPaths = referralGroups.flatMap((g) =>
    Array.from({ length: g.group.max }, (_, i) => groupItemFields(g, i)).flat(),
  );
  return [...referralFields, ...groupPaths].filter((f) => f.spec.freeText).map((f) => f.path);
}

/** Multi-selects: one card input, so a bad option is reported on the field, not its index. */
export const multiSelectPaths: ReadonlySet<string> = new Set(
  referralFields.filter((f) => f.spec.kind === 'choices').map((f) => f.path),
);

// --- rules that span fields ----------------------------------------------------------------------

/** A rule checked on the raw input of one section, whatever else is wrong with it. */
export interface CrossRule {
  readonly section: string;
  /** Path inside the section of the field the message belongs beside. */
  readonly field: readonly string[];
  readonly broken: (section: unknown, now: Date) => boolean;
  readonly message: string;
}

export function at(input: unknown, path: readonly string[]): unknown {
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

export const isBlank = (value: unknown): boolean =>
  value === undefined || (typeof value === 'string' && value.trim() === '');

/** The ticks of a multi-select as sent by a card ("a,b") or as parsed (["a", "b"]). */
export function ticked(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Whether a condition holds on a section's raw input. */
export function holds(condition: Condition, section: unknown): boolean {
  const value = at(section, condition.field.split('.'));
  if ('is' in condition) return typeof value === 'string' && condition.is.includes(value);
  if ('ticks' in condition) return ticked(value).includes(condition.ticks);
  return ticked(value).length > 0;
}

function rulesOf(f: ReferralField, spec: LeafSpec): CrossRule[] {
  const field = f.path.split('.').slice(1);
  const rules: CrossRule[] = [];
  const when = spec.requiredWhen;
  if (when) {
    rules.push({
      section: f.section,
      field,
      broken: (s) => holds(when.when, s) && isBlank(at(s, field)),
      message: when.message,
    });
  }
  const past = spec.inThePast;
  if (past !== undefined) {
    rules.push({
      section: f.section,
      field,
      broken: (s, now) => {
        const date = at(s, field);
        return (
          typeof date === 'string' && isCalendarDate(date) && date > now.toISOString().slice(0, 10)
        );
      },
      message: past,
    });
  }
  return rules;
}

export const referralCrossRules: readonly CrossRule[] = referralFields.flatMap((f) =>
  rulesOf(f, f.spec),
);

/** Fields under one key (an address): `optional` when none of their fields is required. */
export interface ReferralObject {
  readonly path: string;
  readonly section: ReferralSectionName;
  readonly optional: boolean;
}

function objectsOf(
  members: Members,
  prefix: string,
  section: ReferralSectionName,
): ReferralObject[] {
  return Object.entries(members).flatMap(([key, node]) => {
    if (node.node !== 'object') return [];
    const path = `${prefix}.${key}`;
    const optional = Object.values(node.members).every(
      (n) => n.node === 'leaf' && !n.spec.required,
    );
    return [{ path, section, optional }, ...objectsOf(node.members, path, section)];
  });
}

export const referralObjects: readonly ReferralObject[] = sectionNames.flatMap((section) =>
  objectsOf(referralSections[section].members, section, section),
);
