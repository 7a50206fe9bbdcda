import { z } from 'zod';
import { situationIds } from '../../../src/content/wording/schema';
import raw from '../../fixtures/wording/queries.json';

const labelled = z.object({ query: z.string().min(1), expected: z.enum(situationIds) }).strict();

/** The labelled set, validated so a typo in an expected id fails loudly rather than scoring 0. */
export const labelledQueries = z
  .object({
    about: z.string(),
    tuning: z.array(labelled),
    heldOut: z.array(labelled),
    offTopic: z.object({ tuning: z.array(z.string()), heldOut: z.array(z.string()) }).strict(),
  })
  .strict()
  .parse(raw);

export type LabelledQuery = z.infer<typeof labelled>;
export type Half = 'tuning' | 'heldOut';
