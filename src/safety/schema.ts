import { z } from 'zod';

/**
 * The trigger list and the safety card's words, as data (src/content/coaching/safety-triggers.json).
 * Pattern syntax is checked when the file is compiled (see patterns.ts), so a bad phrase stops the
 * process with its JSON path.
 */

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by -');
const text = z.string().trim().min(1);
const word = z.string().regex(/^[a-z0-9]+$/, 'must be one normalised word (a-z, 0-9)');
/** A phrase as normalised text: words, `|` alternatives, `*` stems, `_`, `..` gaps, `@set`s. */
const phrase = z
  .string()
  .regex(/^[a-z0-9|*_.@ -]+$/, 'may use only a-z, 0-9, spaces and | * _ .. @');

const category = z.strictObject({
  id,
  /** Shown on the safety card as what was picked up; no user text is ever shown back. */
  label: text,
  why: text,
  principles: z.array(z.string().min(1)).min(1),
  /** Points the card at the children's safeguarding route. */
  childConcern: z.boolean().default(false),
  /** Points the card at the high-risk (MARAC) route. */
  highRisk: z.boolean().default(false),
  /**
   * Whether "no"/"never"/"not" just before a phrase cancels it. Off where a denial is itself worth
   * checking ("he would never strangle her"): a false alarm costs less than a miss.
   */
  negatable: z.boolean(),
  phrases: z.array(phrase).min(1),
  /** When set, the category is raised only if one of these also appears in the same text. */
  requiresAlso: z.array(phrase).min(1).optional(),
});

export const safetyFileSchema = z.strictObject({
  version: z.string().regex(/^\d{4}\.\d{1,2}\.\d+$/, 'must look like 2026.11.0'),
  /** For the people who edit this file: how phrases are written. Not used by code. */
  about: z.array(text),
  /** Named word lists, used in phrases as `@name`. */
  wordSets: z.record(
    id,
    z.array(z.string().regex(/^[a-z0-9]+\*?$/, 'must be a word or a stem*')).min(1),
  ),
  negation: z.strictObject({
    negators: z.array(word).min(1),
    /** Words that may sit between a negator and the phrase: "no sign of a knife". */
    fillers: z.array(word),
    /** Negator + next word that do not negate: "no longer", "not only". */
    notNegating: z.array(z.string().regex(/^[a-z0-9]+ [a-z0-9]+$/, 'must be two normalised words')),
    /** How many words back a negator may be. */
    window: z.number().int().min(1).max(5),
  }),
  categories: z.array(category).min(1),
  alert: z.strictObject({
    title: text,
    intro: text,
    matchedLabel: text,
    routesLabel: text,
    immediate: text,
    childRoute: text,
    highRiskRoute: text,
    adviceRoute: text,
    reminders: z.array(text).min(1),
    continueTitle: text,
  }),
});

export type SafetyFile = z.infer<typeof safetyFileSchema>;
export type SafetyCategoryContent = SafetyFile['categories'][number];
