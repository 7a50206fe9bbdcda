import { z } from 'zod';
import { contentVersion as version } from '../loadPack';

/**
 * The wording library's shape. Situation ids are a fixed list because the coaching walk-through
 * links to them by id: adding one is a deliberate change to both, never a typo in the data.
 */
export const situationIds = [
  'opening',
  'denies',
  'minimises',
  'blames',
  'angry',
  'open-to-help',
  'says-victim',
  'separated',
  'language-culture',
  'substance-mental-health',
  'asks-what-she-said',
  'threatens-worker',
  'mutual-violence',
  'control-no-violence',
  'economic-abuse',
  'tech-abuse',
  'asks-for-help-anger',
  'expectant-father',
  'fears-children-removed',
  'contact-dispute',
  'never-again',
  'discloses-offence',
  'stepfather',
  'children-present',
] as const;

export type SituationId = (typeof situationIds)[number];

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens');
const text = z.string().trim().min(1, 'must not be empty');

export const phrasingSchema = z
  .object({
    id: slug,
    /** When to use it: the moment in the conversation, in the practitioner's terms. */
    when: text,
    /** The words to say (or, in brackets, to whom). May hold {{placeholders}} for local details. */
    words: text,
    /** Why they work. */
    why: text,
    /** What to avoid saying instead, and what to do if risk shows. */
    avoid: text,
    /** Principle ids from src/content/principles.json. */
    principles: z.array(slug).min(1, 'must name at least one principle'),
  })
  .strict();

export const situationSchema = z
  .object({
    id: z.enum(situationIds),
    title: text,
    description: text,
    /** Search keywords and phrases: how practitioners describe this situation. */
    keywords: z.array(text).min(1, 'must have at least one keyword'),
    phrasings: z.array(phrasingSchema).min(3, 'must have at least three phrasings'),
  })
  .strict();

/** One synonym group: every variant (a word or a phrase) searches as `term`. */
export const synonymGroupSchema = z
  .object({
    term: text,
    variants: z.array(text).min(1, 'must have at least one variant'),
  })
  .strict();

export const wordingLibrarySchema = z
  .object({
    version,
    synonyms: z.array(synonymGroupSchema),
    situations: z.array(situationSchema),
  })
  .strict();

type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type Phrasing = DeepReadonly<z.infer<typeof phrasingSchema>>;
export type Situation = DeepReadonly<z.infer<typeof situationSchema>>;
export type SynonymGroup = DeepReadonly<z.infer<typeof synonymGroupSchema>>;
export type WordingLibrary = DeepReadonly<z.infer<typeof wordingLibrarySchema>>;
