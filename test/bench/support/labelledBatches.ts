import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Labelled batches for a bench, in two halves, one folder each: `tuning/` (may be read and tuned
 * against) and `held-out/` (written blind, only ever scored). A file is one batch.
 */
export const halves = ['tuning', 'held-out'] as const;
export type Half = (typeof halves)[number];

export interface BatchFile<T> {
  readonly half: Half;
  /** The file name without `.json`. */
  readonly name: string;
  readonly data: T;
}

/**
 * Every batch file of the halves asked for, validated, so a typo fails loudly rather than as a
 * score of 0. A missing half folder is an empty half.
 */
export function readBatchFiles<T>(
  folder: string,
  schema: z.ZodType<T>,
  wanted: readonly Half[] = halves,
): BatchFile<T>[] {
  return wanted.flatMap((half) => {
    const dir = path.join(folder, half);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => {
        const full = path.join(dir, file);
        const parsed = schema.safeParse(JSON.parse(readFileSync(full, 'utf8')));
        if (!parsed.success)
          throw new Error(`${path.relative(folder, full)}: ${z.prettifyError(parsed.error)}`);
        return { half, name: file.slice(0, -'.json'.length), data: parsed.data };
      });
  });
}
