import { z } from 'zod';
import { feedbackVotes, missingReasons } from './feedback';

/**
 * The card verbs of the wording library and the data each carries, parsed at the edge by the bot
 * layer before a view is built. Ids are checked against the library later (they may be stale),
 * so here they only need to be plausible. Unknown fields are dropped.
 */
export const wordingVerbs = {
  /** The welcome card's and the command's way in: the situations menu. */
  browse: 'wording.browse',
  menu: 'wording.menu',
  situation: 'wording.situation',
  phrasing: 'wording.phrasing',
  why: 'wording.why',
  feedback: 'wording.feedback',
  /** Other features' cards offer a situation with it; it arrives as a new message. */
  show: 'wording.show',
  /** The optional answer to "what was missing?" after "not helpful". */
  missing: 'wording.missing',
} as const;

export type WordingVerb = (typeof wordingVerbs)[keyof typeof wordingVerbs];

const id = z.string().min(1).max(100);
// Carried across next/previous so a search result keeps saying why it matched; library words only.
const matchedBecause = z.string().max(500).optional();

export const wordingActionSchemas = {
  [wordingVerbs.browse]: z.object({}),
  [wordingVerbs.menu]: z.object({}),
  [wordingVerbs.situation]: z.object({ situationId: id, matchedBecause }),
  [wordingVerbs.phrasing]: z.object({
    situationId: id,
    phrasingId: id,
    showWhy: z.boolean().default(false),
    matchedBecause,
  }),
  [wordingVerbs.why]: z.object({
    situationId: id,
    phrasingId: id,
    showWhy: z.boolean(),
    matchedBecause,
  }),
  [wordingVerbs.feedback]: z.object({
    situationId: id,
    phrasingId: id,
    vote: z.enum(feedbackVotes),
    showWhy: z.boolean().default(false),
    matchedBecause,
  }),
  [wordingVerbs.show]: z.object({ situation: id }),
  [wordingVerbs.missing]: z.object({
    situationId: id,
    phrasingId: id,
    // The card's choice set: absent or empty when nothing was ticked (the question is optional).
    missing: z
      .enum(['', ...missingReasons])
      .optional()
      .transform((v) => (v === '' ? undefined : v)),
    showWhy: z.boolean().default(false),
    matchedBecause,
  }),
} as const;

export type WordingActionData = {
  [V in WordingVerb]: z.infer<(typeof wordingActionSchemas)[V]>;
};
