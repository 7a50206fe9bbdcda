import path from 'node:path';
import { z } from 'zod';
import { situationIds } from '../../../src/content/wording/schema';
import { halves, readBatchFiles, type Half } from '../support/labelledBatches';

/**
 * The labelled practitioner queries, in two halves, one folder each under
 * test/fixtures/wording: `tuning/` (what the lexicon and the ranker's settings may be built from;
 * their misses may be read) and `held-out/` (written blind, only ever scored: never tuned against,
 * their misses never listed). A file is one batch, with its provenance in `about`.
 */
export { halves, type Half };

const labelled = z.object({ query: z.string().min(1), expected: z.enum(situationIds) }).strict();
const batch = z
  .object({
    about: z.string().min(1),
    /** When and why a batch that was held out moved to tuning (its first reading stays in about). */
    movedToTuning: z.string().min(1).optional(),
    /** Which tuning queries were relabelled, when and why (never a held-out batch). */
    relabelled: z.string().min(1).optional(),
    queries: z.array(labelled).default([]),
    /** Queries that must give no match (the situations menu instead). */
    offTopic: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .refine((b) => b.queries.length + b.offTopic.length > 0, 'holds no queries');

export type LabelledQuery = z.infer<typeof labelled>;

export interface LabelledSet {
  readonly half: Half;
  /** The file name without `.json`. */
  readonly name: string;
  readonly queries: readonly LabelledQuery[];
  readonly offTopic: readonly string[];
}

export const labelledQueriesFolder = path.resolve(__dirname, '../../fixtures/wording');

/** Every batch of both halves, validated, so a typo in an expected id fails loudly, not as a 0. */
export function readLabelledSets(folder: string = labelledQueriesFolder): LabelledSet[] {
  return readBatchFiles(folder, batch).map(({ half, name, data }) => ({
    half,
    name,
    queries: data.queries,
    offTopic: data.offTopic,
  }));
}
