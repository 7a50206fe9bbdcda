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
  .regex(/^[a-z0-9|*_.@#+ -]+$/, 'may use only a-z, 0-9, spaces and | * _ .. @ # +');

/** "act-now": immediate danger, the 999 card. "check-this": the safeguarding route today, no 999 banner. */
export const safetyLevels = ['act-now', 'check-this'] as const;
export type SafetyLevel = (typeof safetyLevels)[number];

/** Routes a category adds to the card beside the ones every card lists. */
export const extraRouteIds = ['mentalHealth', 'samaritans', 'loneWorking', 'manager'] as const;

const category = z
  .strictObject({
    id,
    level: z.enum(safetyLevels),
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
    /** Routes this category adds, listed first on the card (e.g. the mental-health crisis route). */
    routes: z.array(z.enum(extraRouteIds)).default([]),
    phrases: z.array(phrase).min(1),
    /** Everyday senses of the category's words: a phrase match on the same words does not count. */
    unless: z.array(phrase).default([]),
    /**
     * When set, the category is raised only if one of these also appears in the same text, or
     * another category is raised ("pregnant" alone is not a danger; pregnant and controlled is).
     */
    requiresAlso: z.array(phrase).min(1).optional(),
    /**
     * When set, the learned layer may raise this category only if one of these appears in the text
     * (child harm needs a child, pets an animal): what it learned about shouting is not a child.
     */
    learnedNeeds: z.array(phrase).min(1).optional(),
    /**
     * Whether the learned layer may withdraw this category's rule finding when it is sure the
     * sentence is everyday casework. Never for "act now" categories (a false alarm is the better
     * mistake there) nor for one that needs company (its matched words are only the anchor).
     */
    withdrawable: z.boolean().default(false),
  })
  .refine((c) => !c.withdrawable || (c.level === 'check-this' && c.requiresAlso === undefined), {
    message: 'only a "check this" category that needs no company may be withdrawable',
    path: ['withdrawable'],
  });

export const safetyFileSchema = z.strictObject({
  version: z.string().regex(/^\d{4}\.\d{1,2}\.\d+$/, 'must look like 2026.11.0'),
  /** For the people who edit this file: how phrases are written. Not used by code. */
  about: z.array(text),
  /** Named word lists, used in phrases as `@name`. */
  wordSets: z.record(
    id,
    z
      .array(
        z
          .string()
          .regex(
            /^[a-z0-9]+\*?(?:\+[a-z0-9]+\*?)*$/,
            'must be a word, a stem* or words joined by +',
          ),
      )
      .min(1),
  ),
  language: z.strictObject({
    /** Text-speak and common misspellings, one typed word → the words it stands for. */
    spelling: z.record(z.string().regex(/^[a-z0-9]+$/), z.string().regex(/^[a-z0-9' ]+$/)),
    /** Danger words a typo one letter away is read as ("strangld" → "strangled"); 6+ letters. */
    fuzzyWords: z.array(word.refine((w) => w.length >= 6, 'must have 6 or more letters')),
    /** Words that start a new clause: a negation never reaches past them ("but", "though"). */
    clauseBreaks: z.array(word),
  }),
  /** Everyday idioms whose words are never read as danger ("killed it", "kill for a cuppa"). */
  idioms: z.array(phrase),
  negation: z.strictObject({
    negators: z.array(word).min(1),
    /** Negator + next word that do not negate: "no longer", "not only". */
    notNegating: z.array(z.string().regex(/^[a-z0-9]+ [a-z0-9]+$/, 'must be two normalised words')),
    /** How many words back, inside the same clause, a negator reaches. */
    window: z.number().int().min(1).max(8),
  }),
  categories: z.array(category).min(1),
  alert: z.strictObject({
    titles: z.strictObject({ 'act-now': text, 'check-this': text }),
    intros: z.strictObject({ 'act-now': text, 'check-this': text }),
    matchedLabel: text,
    /** Heads the words the card reacted to (personal chat only; never logged). */
    wordsLabel: text,
    routesLabel: text,
    /** The 999 line: first on an "act now" card, absent from a "check this" one. */
    immediate: text,
    childRoute: text,
    highRiskRoute: text,
    adviceRoute: text,
    extraRoutes: z.strictObject({
      mentalHealth: text,
      samaritans: text,
      loneWorking: text,
      manager: text,
    }),
    reminders: z.array(text).min(1),
    continueTitle: text,
  }),
});

export type SafetyFile = z.infer<typeof safetyFileSchema>;
export type SafetyCategoryContent = SafetyFile['categories'][number];
