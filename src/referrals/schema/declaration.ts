import { z } from 'zod';
import {
  calendarDate,
  choice,
  choices,
  email,
  optionalChoice,
  optionalText,
  personName,
  phone,
  plainLine,
  postcode,
  requiredText,
  wholeNumber,
} from './fields';

/**
 * The building blocks of the referral's field declaration (referralDeclaration.ts). Each builder
 * takes everything said about one field — label, hint, limits, options, messages, when it is
 * required, whether it is restricted — and builds its validation schema on the spot, so the
 * schema's types come from the declaration too. Everything else (the form's cards, the review,
 * the partnership's JSON Schema, the test lists) is read from the same nodes.
 */

/**
 * What a field holds. `name`: a person's name; `line`: a line without markup (role, town);
 * `text` and `notes`: free text kept exactly as typed (one line, several lines); `choice`: one
 * option; `choices`: ticks; `confirm`: one tick meaning "yes"; `number`: a whole number.
 */
export type LeafKind =
  | 'name'
  | 'line'
  | 'text'
  | 'notes'
  | 'email'
  | 'phone'
  | 'postcode'
  | 'date'
  | 'number'
  | 'choice'
  | 'choices'
  | 'confirm';

export interface Option {
  readonly value: string;
  readonly title: string;
}

/** Another field of the same section (path inside the section) that makes this one required. */
export type Condition =
  | { readonly field: string; readonly is: readonly [string, ...string[]] }
  | { readonly field: string; readonly ticks: string }
  | { readonly field: string; readonly anyTicked: true };

export interface RequiredWhen {
  readonly when: Condition;
  /** Shown beside the field when the rule is broken: says why it is needed. */
  readonly message: string;
}

/** Everything declared about one field, apart from its path (its place in the declaration). */
export interface LeafSpec {
  readonly kind: LeafKind;
  /** The label on the card. */
  readonly label: string;
  /** The field as messages name it: "his phone number" → "Enter his phone number." */
  readonly subject: string;
  readonly required: boolean;
  readonly requiredWhen?: RequiredWhen;
  /** Length limit (text) or largest value (number). */
  readonly max?: number;
  /** Smallest value (number) or fewest ticks (choices). */
  readonly min?: number;
  /** A format beyond the kind's own: the server's rule, the card's looser hint and the message. */
  readonly pattern?: { readonly server: RegExp; readonly client: string; readonly message: string };
  readonly options?: readonly Option[];
  readonly hint?: string;
  readonly placeholder?: string;
  /** The label on the review page, when the card's label is a sentence. */
  readonly reviewLabel?: string;
  /** What Teams shows when the card's own check fails; derived from the kind when absent. */
  readonly clientMessage?: string;
  /** Never to reach him: what she said, and what protects her. */
  readonly restricted: boolean;
  /** Free text as typed (what the safety net reads). */
  readonly freeText: boolean;
  /** A date that cannot be in the future: the message. */
  readonly inThePast?: string;
}

export interface Leaf<S extends z.ZodType = z.ZodType> {
  readonly node: 'leaf';
  readonly spec: LeafSpec;
  readonly schema: S;
}

/** Fields that belong together under one key (an address): `message` when it is missing. */
export interface Group<M extends Members = Members> {
  readonly node: 'object';
  readonly message: string;
  readonly members: M;
  readonly schema: z.ZodType;
}

/**
 * The words the form shows a repeating group with. On its step's card: a `heading`, one line per
 * item with Change and Remove ("Change agency 2"), the line shown when there are `none`, and the
 * `add` button; each item is filled on a card of its own, under its `intro`. (Its inputs on the
 * step card itself would make the card too big for Teams.)
 */
export interface ItemWording {
  readonly heading: string;
  readonly none: string;
  readonly add: string;
  readonly intro: string;
}

/** A repeating group (children, agencies): a list of items, each with the same fields. */
export interface Repeating<I extends Record<string, Leaf> = Record<string, Leaf>> {
  readonly node: 'repeating';
  /** "Child": each item is "Child 1", "Child 2" on the cards and the review. */
  readonly itemTitle: string;
  readonly max: number;
  readonly messages: { readonly missing: string; readonly tooMany: string };
  readonly wording: ItemWording;
  readonly items: I;
  readonly schema: z.ZodType;
}

export type DeclNode = Leaf | Group | Repeating;
export type Members = Readonly<Record<string, DeclNode>>;

type Shape<M extends Members> = { [K in keyof M]: M[K]['schema'] };

/** A section of the referral: filled on one step of the form, checked on its own. */
export interface Section<M extends Members = Members> {
  readonly node: 'section';
  readonly message: string;
  readonly members: M;
  readonly schema: z.ZodObject<Shape<M>>;
}

interface Common {
  readonly label: string;
  readonly subject: string;
  readonly hint?: string;
  readonly placeholder?: string;
  readonly reviewLabel?: string;
  readonly clientMessage?: string;
  readonly restricted?: boolean;
}

type Requirement =
  { readonly required: true } | { readonly required: false; readonly requiredWhen?: RequiredWhen };

function leaf<S extends z.ZodType>(
  kind: LeafKind,
  o: Common &
    Requirement &
    Partial<Pick<LeafSpec, 'max' | 'min' | 'pattern' | 'options' | 'inThePast'>>,
  schema: S,
): Leaf<S> {
  const { restricted, ...rest } = o;
  return {
    node: 'leaf',
    spec: {
      ...rest,
      kind,
      restricted: restricted ?? false,
      // Text with a format of its own (a crime reference) is not free text.
      freeText: (kind === 'text' || kind === 'notes') && o.pattern === undefined,
    },
    schema,
  };
}

type Opts = Common & Requirement;

/** The field builders, by kind. */
export const field = {
  name: (o: Opts & { readonly max: number }) =>
    leaf('name', o, personName(o.subject, o.max, { required: o.required })),
  line: (o: Opts & { readonly max: number }) =>
    leaf('line', o, plainLine(o.subject, o.max, { required: o.required })),
  text: (o: Opts & { readonly max: number; readonly pattern?: LeafSpec['pattern'] }) =>
    leaf('text', o, freeTextSchema(o)),
  notes: (o: Opts & { readonly max: number }) => leaf('notes', o, freeTextSchema(o)),
  email: (o: Opts) => leaf('email', { ...o, max: 254 }, email(o.subject, { required: o.required })),
  phone: (o: Opts) => leaf('phone', { ...o, max: 30 }, phone(o.subject, { required: o.required })),
  postcode: (o: Common & { readonly required: true }) =>
    leaf('postcode', { ...o, max: 10 }, postcode(o.subject)),
  date: (o: Opts & { readonly inThePast?: string }) =>
    leaf('date', o, calendarDate(o.subject, { required: o.required })),
  number: (o: Common & { readonly required: true; readonly min: number; readonly max: number }) =>
    leaf('number', o, wholeNumber(o.subject, o.min, o.max)),
  choice: <const T extends Readonly<Record<string, string>>>(o: Opts & { readonly options: T }) => {
    const values = Object.keys(o.options) as [
      Extract<keyof T, string>,
      ...Extract<keyof T, string>[],
    ];
    return leaf('choice', { ...o, options: optionsOf(o.options) }, oneOf(o, values));
  },
  choices: <const T extends Readonly<Record<string, string>>>(
    o: Common & { readonly required: boolean; readonly min: number; readonly options: T } & (
        | { readonly required: true }
        | { readonly required: false; readonly requiredWhen?: RequiredWhen }
      ),
  ) => {
    const values = Object.keys(o.options) as [
      Extract<keyof T, string>,
      ...Extract<keyof T, string>[],
    ];
    return leaf(
      'choices',
      { ...o, options: optionsOf(o.options) },
      choices(o.subject, values, { min: o.min }),
    );
  },
  confirm: (o: Common & { readonly required: false; readonly requiredWhen?: RequiredWhen }) =>
    leaf(
      'confirm',
      { ...o, options: [{ value: 'yes', title: 'Yes' }] },
      optionalChoice(o.subject, ['yes'] as const),
    ),
};

function oneOf<const V extends readonly [string, ...string[]]>(o: Requirement & Common, values: V) {
  return o.required ? choice(o.subject, values) : optionalChoice(o.subject, values);
}

function freeTextSchema(
  o: Opts & { readonly max: number; readonly pattern?: LeafSpec['pattern'] },
) {
  const base: z.ZodType<string | undefined> = o.required
    ? requiredText(o.subject, o.max)
    : optionalText(o.subject, o.max);
  const pattern = o.pattern;
  if (!pattern) return base;
  return base.refine((v) => v === undefined || pattern.server.test(v.trim()), {
    error: pattern.message,
  });
}

function optionsOf(titles: Readonly<Record<string, string>>): Option[] {
  return Object.entries(titles).map(([value, title]) => ({ value, title }));
}

function shapeOf<M extends Members>(members: M): Shape<M> {
  return Object.fromEntries(Object.entries(members).map(([k, n]) => [k, n.schema])) as Shape<M>;
}

/** True when no member must be given: such a group may be left out altogether. */
function allOptional(members: Members): boolean {
  return Object.values(members).every((n) => n.node === 'leaf' && !n.spec.required);
}

/** Fields under one key; optional as a whole when none of its fields is required. */
export function group<M extends Members>(message: string, members: M): Group<M> {
  const object = z.object(shapeOf(members), { error: message });
  return {
    node: 'object',
    message,
    members,
    schema: allOptional(members) ? object.optional() : object,
  };
}

export function repeating<I extends Record<string, Leaf>>(
  o: {
    readonly itemTitle: string;
    readonly max: number;
    readonly messages: Repeating['messages'];
    readonly wording: ItemWording;
  },
  items: I,
): Repeating<I> & { readonly schema: z.ZodArray<z.ZodObject<Shape<I>>> } {
  return {
    node: 'repeating',
    ...o,
    items,
    schema: z
      .array(z.object(shapeOf(items)), { error: o.messages.missing })
      .max(o.max, { error: o.messages.tooMany }),
  };
}

export function section<M extends Members>(message: string, members: M): Section<M> {
  return {
    node: 'section',
    message,
    members,
    schema: z.object(shapeOf(members), { error: message }),
  };
}

/** One declared leaf with its full path ("father.address.postcode"; in a group, relative). */
export interface DeclaredField {
  readonly path: string;
  readonly spec: LeafSpec;
}

/** Every leaf under `members`, depth first in declaration order; repeating groups skipped. */
export function leavesOf(members: Members, prefix: string): DeclaredField[] {
  return Object.entries(members).flatMap(([key, node]): DeclaredField[] => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (node.node === 'leaf') return [{ path, spec: node.spec }];
    if (node.node === 'object') return leavesOf(node.members, path);
    return [];
  });
}

/** Every repeating group under `members`, with its path. */
export function repeatingOf(
  members: Members,
  prefix: string,
): Array<{ path: string; group: Repeating }> {
  return Object.entries(members).flatMap(([key, node]) => {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (node.node === 'repeating') return [{ path, group: node }];
    if (node.node === 'object') return repeatingOf(node.members, path);
    return [];
  });
}
