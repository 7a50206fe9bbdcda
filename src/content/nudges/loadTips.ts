import { z } from 'zod';
import { contentVersion, type SourceFile } from '../loadPack';
import { parseRefresherItems } from './refresherItems';
import tipsJson from './tips.json';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by -');
const text = z.string().trim().min(1, 'must not be empty');

export const tipsFileSchema = z.strictObject({
  version: contentVersion,
  about: text,
  tips: z
    .array(
      z.strictObject({
        id: slug,
        title: text.max(80, 'keep a tip title under 80 characters'),
        text: text.max(400, 'keep a tip under 400 characters: one idea'),
        principles: z.array(slug).min(1),
      }),
    )
    .min(24, 'at least 24 tips'),
});

export type TipsFile = z.infer<typeof tipsFileSchema>;

/** A refresher tip as sent: its words and where they come from (the principles' sources). */
export interface RefresherTip {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly principles: readonly string[];
  /** The published sources of its principles, joined with "; ". */
  readonly source: string;
}

export interface TipPack {
  readonly version: string;
  readonly tips: readonly RefresherTip[];
  readonly byId: ReadonlyMap<string, RefresherTip>;
}

export function bundledTipsSource(): SourceFile {
  return { file: 'src/content/nudges/tips.json', data: tipsJson };
}

/** Validates the tips (shape, unique ids, known principles and placeholders); throws naming the path. */
export function parseTips(source: SourceFile = bundledTipsSource()): TipPack {
  const { version, items: tips } = parseRefresherItems(tipsFileSchema, source, {
    key: 'tips',
    of: (file) => file.tips,
    noun: 'tip',
  });
  return { version, tips, byId: new Map(tips.map((t) => [t.id, t])) };
}

/** The tips that ship with the bot: loaded once at start; a broken file stops the process. */
export function loadTips(): TipPack {
  return parseTips();
}
