import path from 'node:path';
import { z } from 'zod';
import { halves, readBatchFiles, type Half } from '../support/labelledBatches';

/**
 * The labelled safety phrases, in two halves, one folder each under test/fixtures/safety:
 * `tuning/` (what the trigger lists may be built from; their misses may be read) and `held-out/`
 * (written blind, only ever scored: never tuned against, their misses never listed). A file is
 * one batch: `{ about, danger: [{ text, category }], ordinary: [text] }`. Either folder may be
 * missing or empty.
 */
export { halves, type Half };

/** The category ids labelled phrases use (the safety content must define each of them). */
export const labelledCategoryIds = [
  'physical-assault',
  'strangulation',
  'threat-to-kill',
  'weapon',
  'child-harm',
  'separation',
  'pregnancy-baby',
  'stalking',
  'sexual-violence',
  'victim-fear',
  'escalation',
  'honour-based',
  'breach-of-orders',
  'coercive-control',
  'pets',
  'suicide-self-harm',
  'threat-to-worker',
  'child-abduction',
] as const;

const danger = z.object({ text: z.string().min(1), category: z.enum(labelledCategoryIds) });
const batch = z.object({
  about: z.unknown(),
  danger: z.array(danger).default([]),
  ordinary: z.array(z.string().min(1)).default([]),
});

export type DangerPhrase = z.infer<typeof danger>;

export interface LabelledBatch {
  readonly half: Half;
  /** The file name without `.json`. */
  readonly name: string;
  readonly danger: readonly DangerPhrase[];
  readonly ordinary: readonly string[];
}

export const labelledPhrasesFolder = path.resolve(__dirname, '../../fixtures/safety');

/** Every batch of the halves asked for, validated, so a typo in a category fails loudly. */
export function readLabelledBatches(
  wanted: readonly Half[] = halves,
  folder: string = labelledPhrasesFolder,
): LabelledBatch[] {
  return readBatchFiles(folder, batch, wanted).map(({ half, name, data }) => ({
    half,
    name,
    danger: data.danger,
    ordinary: data.ordinary,
  }));
}
