import type { DeclaredField, LeafKind } from '../../../src/referrals/schema/declaration';
import {
  groupItemFields,
  holds,
  referralFields,
  referralGroups,
} from '../../../src/referrals/schema/referralFields';
import { aReferralInput } from './referralBuilders';

/**
 * The leaf fields of a referral as the form submits them, grouped by how they are checked. Read
 * from the field declaration, so a field added there is in every property test at once; a
 * repeating group is represented by its first item ("household.children.0.age").
 */

const leaves: readonly DeclaredField[] = [
  ...referralFields,
  ...referralGroups.flatMap((g) => groupItemFields(g, 0)),
];

const pathsOf = (test: (f: DeclaredField) => boolean): string[] =>
  leaves.filter(test).map((f) => f.path);

const ofKind =
  (...kinds: LeafKind[]) =>
  (f: DeclaredField): boolean =>
    kinds.includes(f.spec.kind);

/** Free text: kept exactly as given, markup and `${...}` included. */
export const freeTextFields = pathsOf((f) => f.spec.freeText);

/** Text with a format (names, numbers, codes, lines of an address): markup is refused. */
export const formattedTextFields = pathsOf(
  (f) =>
    ofKind('name', 'line', 'email', 'phone', 'postcode', 'date')(f) ||
    (f.spec.kind === 'text' && !f.spec.freeText),
);

/** One option from a list (a confirming tick is a list of one). */
export const choiceFields = pathsOf(ofKind('choice', 'confirm'));

/** Several options from a list. */
export const multiChoiceFields = pathsOf(ofKind('choices'));

export const numberFields = pathsOf(ofKind('number'));

export const allLeafFields = [
  ...freeTextFields,
  ...formattedTextFields,
  ...choiceFields,
  ...multiChoiceFields,
  ...numberFields,
];

/** The section of a path ("father.address.line1" → the father section's raw input). */
function sectionOf(path: string): unknown {
  return aReferralInput()[path.split('.')[0] ?? ''];
}

/**
 * Fields whose absence is an error in the builder's referral (aReferralInput): required ones, and
 * ones the builder's other answers make required (a plan needs a social worker's name; a high-risk
 * sign needs the safety routes confirmed; a concern from her needs what must not be shared).
 */
export const requiredFields = pathsOf(
  (f) =>
    f.spec.required ||
    (f.spec.requiredWhen !== undefined && holds(f.spec.requiredWhen.when, sectionOf(f.path))),
);

/** Reads a dotted path ("household.children.0.age") out of nested data. */
export function valueAt(data: unknown, path: string): unknown {
  let node = data;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}
