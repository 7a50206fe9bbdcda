import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawColorIcon, drawOutlineIcon } from './iconArt';
import { encodePng } from './png';
import { manifestDir } from './paths';

/** Regenerates manifest/color.png and manifest/outline.png (committed; run after changing iconArt.ts). */
function main(): void {
  const files = [
    ['color.png', drawColorIcon()],
    ['outline.png', drawOutlineIcon()],
  ] as const;
  for (const [name, image] of files) {
    const path = join(manifestDir, name);
    writeFileSync(path, encodePng(image));
    console.log(`wrote ${path} (${image.width}×${image.height})`);
  }
}

main();
