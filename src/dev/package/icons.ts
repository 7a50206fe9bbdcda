import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { manifestDir } from './paths';

/** The committed icon artwork: each PNG in manifest/ is rendered from the SVG beside it. */
export const iconSources = [
  { png: 'color.png', svg: 'color.svg' },
  { png: 'outline.png', svg: 'outline.svg' },
] as const;

/** Renders an SVG file at the size its width and height say, as PNG bytes. */
export function renderSvg(svgPath: string): Buffer {
  return Buffer.from(new Resvg(readFileSync(svgPath, 'utf8')).render().asPng());
}

/** The PNG that manifest/<svg> renders to. */
export function renderIcon(source: (typeof iconSources)[number]): Buffer {
  return renderSvg(join(manifestDir, source.svg));
}
