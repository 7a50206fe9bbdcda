import type { DeclaredField, ItemWording, LeafKind, Option } from '../schema/declaration';
import {
  clientPatterns,
  referralSteps,
  type ReferralSectionName,
} from '../schema/referralDeclaration';
import {
  groupItemFields,
  referralFields,
  referralGroups,
  type ReferralGroup,
  type StepId,
} from '../schema/referralFields';

/**
 * The referral form as the practitioner sees it: seven steps, each a set of fields whose ids are
 * the schema's field paths (`father.phone`), with the client-side hints Teams can check before a
 * card is sent. All of it is read from the field declaration (referralDeclaration.ts). The server
 * checks every step with the same declaration (validateReferralSection), so the hints here only
 * save a round trip; they never decide anything. Wording names no person.
 */

export type Choice = Option;

/**
 * How a field is shown. `choice` is a drop-down, `radio` the same list expanded, `multi` a list
 * of ticks (sent as "a,b"), `toggle` one tick that sends "yes" (or its valueOff, "false").
 * The form uses `radio` for every single answer: the lists are short, every option is in view,
 * and some clients (the Agents Playground) keep a drop-down's old options when a card is
 * replaced in place.
 */
export type FieldKind =
  | 'text'
  | 'multiline'
  | 'email'
  | 'tel'
  | 'date'
  | 'number'
  | 'choice'
  | 'radio'
  | 'multi'
  | 'toggle';

export interface FieldDefinition {
  /** The schema path and the card input id. Child fields use `household.children.<n>.<name>`. */
  readonly path: string;
  readonly label: string;
  /** The label on the review page. */
  readonly reviewLabel: string;
  readonly kind: FieldKind;
  /** Client hint only; the server decides, including the rules that span fields. */
  readonly required: boolean;
  readonly maxLength?: number;
  /** Client hint (JavaScript syntax, no flags); the schema has the real rule. */
  readonly regex?: string;
  /** What Teams shows when a client-side hint fails. */
  readonly errorMessage?: string;
  readonly placeholder?: string;
  /** May hold the council's local details (`{{victimService.phone}}`), filled when shown. */
  readonly hint?: string;
  readonly choices?: readonly Choice[];
  readonly min?: number;
  readonly max?: number;
}

export type { StepId };
export const stepIds = referralSteps.map((s) => s.id) as readonly StepId[];

/** Where the form is: a step, or the page that shows everything before "Send". */
export const formPlaces = [...stepIds, 'review'] as const;
export type FormPlace = StepId | 'review';

export interface StepDefinition {
  readonly id: StepId;
  readonly title: string;
  readonly intro: string;
  /** The schema sections this step fills, checked with validateReferralSection each. */
  readonly sections: readonly ReferralSectionName[];
  /** Fields in display order; a repeating group's items are added per item (fieldsOf). */
  readonly fields: readonly FieldDefinition[];
  /** The step's repeating groups (children, agencies), each placed among its fields. */
  readonly groups: readonly GroupDefinition[];
}

/** A repeating group as the form shows it. */
export interface GroupDefinition {
  /** "agencies.list": its items' inputs are `agencies.list.<n>.<field>`. */
  readonly path: string;
  readonly itemTitle: string;
  readonly max: number;
  readonly wording: ItemWording;
  /** Where the group goes among its step's fields: before the field at this index. */
  readonly at: number;
  /** The names of each item's fields ("agency", "contact", ...). */
  readonly fieldNames: readonly string[];
}

/** How many items each repeating group has in a draft, by group path; absent means none. */
export type ItemCounts = Readonly<Record<string, number>>;

const cardKinds: Readonly<Record<LeafKind, FieldKind>> = {
  name: 'text',
  line: 'text',
  text: 'text',
  notes: 'multiline',
  email: 'email',
  phone: 'tel',
  postcode: 'text',
  date: 'date',
  number: 'number',
  choice: 'radio',
  choices: 'multi',
  confirm: 'toggle',
};

const kindPatterns: Partial<Record<LeafKind, string>> = {
  name: clientPatterns.plain,
  line: clientPatterns.plain,
  phone: clientPatterns.phone,
  email: clientPatterns.email,
  postcode: clientPatterns.postcode,
};

function clientMessage(f: DeclaredField): string | undefined {
  const { spec } = f;
  if (spec.clientMessage !== undefined) return spec.clientMessage;
  if (spec.kind === 'choice' || spec.kind === 'choices') return `Choose ${spec.subject}.`;
  if (spec.required) return `Enter ${spec.subject}.`;
  if (spec.kind === 'name' || spec.kind === 'line')
    return 'Use letters, numbers and simple punctuation only.';
  return undefined;
}

/** The card's view of one declared field. */
export function cardField(
  f: DeclaredField,
  options: { readonly label?: string; readonly required?: boolean } = {},
): FieldDefinition {
  const { spec } = f;
  const kind = cardKinds[spec.kind];
  const label = options.label ?? spec.label;
  const regex = spec.pattern?.client ?? kindPatterns[spec.kind];
  const errorMessage = clientMessage(f);
  return {
    path: f.path,
    label,
    reviewLabel: spec.reviewLabel ?? label,
    kind,
    required: options.required ?? spec.required,
    ...(spec.kind === 'number'
      ? { min: spec.min ?? 0, max: spec.max ?? 0 }
      : spec.max === undefined
        ? {}
        : { maxLength: spec.max }),
    ...(regex === undefined ? {} : { regex }),
    ...(errorMessage === undefined ? {} : { errorMessage }),
    ...(spec.placeholder === undefined ? {} : { placeholder: spec.placeholder }),
    ...(spec.hint === undefined ? {} : { hint: spec.hint }),
    ...(spec.options === undefined ? {} : { choices: spec.options }),
  };
}

const groupsById = new Map<string, ReferralGroup>(referralGroups.map((g) => [g.path, g]));

export const formGroups: readonly GroupDefinition[] = referralGroups.map((g) => ({
  path: g.path,
  itemTitle: g.group.itemTitle,
  max: g.group.max,
  wording: g.group.wording,
  at: g.position,
  fieldNames: Object.keys(g.group.items),
}));

/** The children: each has a card of its own. */
export const childrenPath = 'household.children';

const childGroup: ReferralGroup | undefined = groupsById.get(childrenPath);

export const formSteps: readonly StepDefinition[] = referralSteps.map((s) => {
  const clientRequired = !('clientRequired' in s) || s.clientRequired;
  return {
    id: s.id,
    title: s.title,
    intro: s.intro,
    sections: s.sections,
    fields: referralFields
      .filter((f) => f.step === s.id)
      .map((f) => cardField(f, clientRequired ? {} : { required: false })),
    groups: formGroups.filter((g) => groupsById.get(g.path)?.step === s.id),
  };
});

const stepsById = new Map(formSteps.map((s) => [s.id, s]));

export function stepDefinition(id: StepId): StepDefinition {
  const step = stepsById.get(id);
  if (!step) throw new Error(`unknown form step ${id}`);
  return step;
}

export const isStepId = (value: string): value is StepId =>
  (stepIds as readonly string[]).includes(value);

/** The most children the form takes (the schema's limit). */
export const maxChildren = childGroup?.group.max ?? 0;

/** The fields of item `index` (0-based) of a group, labelled for a person: "Agency 2: phone". */
export function itemFields(group: GroupDefinition, index: number): FieldDefinition[] {
  const declared = groupsById.get(group.path);
  if (!declared) return [];
  const title = itemTitle(group, index);
  return groupItemFields(declared, index).map((f) =>
    cardField(f, { label: `${title}: ${f.spec.label}` }),
  );
}

/** The fields of child `index` (0-based), labelled for a person (1-based): "Child 2: age". */
export function childFields(index: number): FieldDefinition[] {
  const group = formGroups.find((g) => g.path === childGroup?.path);
  return group ? itemFields(group, index) : [];
}

/** How many items of `group` there are, within its limit. */
export const countOf = (group: GroupDefinition, counts: ItemCounts): number =>
  Math.min(Math.max(counts[group.path] ?? 0, 0), group.max);

/** "Agency 2" (0-based index, 1-based for a person). */
export const itemTitle = (group: GroupDefinition, index: number): string =>
  `${group.itemTitle} ${index + 1}`;

/** The group with this path, or undefined. */
export const groupAt = (path: string): GroupDefinition | undefined =>
  formGroups.find((g) => g.path === path);

/** Every field of a step, repeating groups included (each item's fields where its group is). */
export function fieldsOf(step: StepDefinition, counts: ItemCounts): FieldDefinition[] {
  const out: FieldDefinition[] = [];
  const placed = (at: number) =>
    step.groups
      .filter((g) => g.at === at)
      .flatMap((g) =>
        Array.from({ length: countOf(g, counts) }, (_, i) => itemFields(g, i)).flat(),
      );
  for (const [index, field] of step.fields.entries()) out.push(...placed(index), field);
  out.push(...placed(step.fields.length));
  return out;
}

/** The group item a field path belongs to (`agencies.list.<n>.<field>`), or undefined. */
export function itemOf(path: string): { group: GroupDefinition; index: number } | undefined {
  for (const group of formGroups) {
    if (!path.startsWith(`${group.path}.`)) continue;
    const match = /^(\d{1,2})(?:\.|$)/.exec(path.slice(group.path.length + 1));
    if (match) return { group, index: Number(match[1]) };
  }
  return undefined;
}

/** The child a field path belongs to (`household.children.<n>.<field>`), or undefined. */
export function childIndexOf(path: string): number | undefined {
  const item = itemOf(path);
  return item?.group.path === childGroup?.path ? item?.index : undefined;
}

/** The step a field path belongs to (children included), or undefined. */
export function stepOfPath(path: string): StepId | undefined {
  const section = path.split('.')[0];
  return formSteps.find((s) => (s.sections as readonly string[]).includes(section ?? ''))?.id;
}

/** The label a field path is shown with: for review rows and for the partnership's corrections. */
export function labelOfPath(path: string): string | undefined {
  const item = itemOf(path);
  if (item) return itemFields(item.group, item.index).find((f) => f.path === path)?.label;
  for (const step of formSteps) {
    const field = step.fields.find((f) => f.path === path);
    if (field) return field.label;
  }
  return undefined;
}

/** Words of the form that are not field labels. `{{...}}` are the council's local details. */
export const formWording = {
  title: 'Make a referral',
  restrictedNote:
    'Restricted: this referral holds special category and criminal-offence data. Share only what is necessary.',
  draftNote:
    'Saved as a draft each time you press Next (kept for 7 days). Nothing is sent until you press Send on the last page.',
  safetyLine: 'If anyone is in immediate danger, call 999.',
  routesTitle: 'A referral to the partnership does not replace these:',
  routes: [
    'Immediate danger: call 999.',
    'Any concern for a child: {{mash.name}} ({{mash.phone}}), the same day. Out of hours: {{outOfHours.phone}}.',
    'High risk to her: {{marac.route}}.',
    'Advice: {{daLead.contact}}.',
  ],
  errorSummary: (count: number) =>
    count === 1
      ? 'One answer needs your attention: see the message in red below.'
      : `${count} answers need your attention: see the messages in red below.`,
  moreErrors: (count: number) =>
    count === 1 ? 'One more answer needs attention.' : `${count} more answers need attention.`,
  prefilledFromCoaching:
    'Some answers were filled in from your walk-through. Check them as you go.',
  returnedByPartnership:
    'The partnership sent this referral back. Correct the answers marked in red, then send it again.',
  /** On an item's own card (a child, an agency). */
  changeItem: (title: string) => `Change ${title.toLowerCase()}`,
  removeItem: (title: string) => `Remove ${title.toLowerCase()}`,
  saveItem: (itemTitle: string) => `Save this ${itemTitle.toLowerCase()}`,
  cancelItem: 'Cancel',
  itemNeedsAttention: (title: string) =>
    `${title} needs attention: press "Change ${title.toLowerCase()}".`,
  itemIncomplete: 'Not filled in yet',
  next: 'Next',
  checkAnswers: 'Check your answers',
  back: 'Back',
  reviewTitle: 'Check your answers before sending',
  reviewIntro:
    'This is everything the partnership will receive. Change anything that is wrong, then press Send.',
  change: (title: string) => `Change: ${title}`,
  send: 'Send the referral',
  deleteDraft: 'Delete this draft',
  shortened:
    'Answers ending in … are shortened here to fit the card: all of each answer will be sent.',
  none: 'Not given',
  noneListed: 'None listed',
  showEmptyFields: 'Show empty fields',
  reviewSectionToggle: (title: string, attention: number) =>
    attention === 0 ? title : `${title} (${attention} to correct)`,
  needsCorrecting: (label: string) => `⚠ ${label}`,
  highRiskTitle: 'You ticked high-risk signs',
} as const;
