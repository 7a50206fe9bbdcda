import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The labelled safety phrases, in two halves, one folder each under test/fixtures/safety:
 * `tuning/` (what the trigger lists may be built from; their misses may be read) and `held-out/`
 * (written blind, only ever scored: never tuned against, their misses never listed). A file is
 * one batch: `{ about, danger: [{ text, category }], ordinary: [text] }`. Either folder may be
 * missing or empty.
 */
export const halves = ['tuning', 'held-out'] as const;
export type Half = (typeof halves)[number];

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
  return wanted.flatMap((half) => {
    const dir = path.join(folder, half);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => {
        const full = path.join(dir, file);
        const parsed = batch.safeParse(JSON.parse(readFileSync(full, 'utf8')));
        if (!parsed.success)
          throw new Error(`${path.relative(folder, full)}: ${z.prettifyError(parsed.error)}`);
        return {
          half,
          name: file.slice(0, -'.json'.length),
          danger: parsed.data.danger,
          ordinary: parsed.data.ordinary,
        };
      });
  });
}
