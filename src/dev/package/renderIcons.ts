import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { iconSources, renderIcon } from './icons';
import { manifestDir } from './paths';

/** `npm run package:icons`: renders manifest/*.svg to the committed PNGs (run after editing an SVG). */
for (const source of iconSources) {
  const png = renderIcon(source);
  const path = join(manifestDir, source.png);
  writeFileSync(path, png);
  const { width, height } = PNG.sync.read(png);
  console.log(`wrote ${path} (${width}×${height}) from ${source.svg}`);
}
