import { PNG } from 'pngjs';

/** Teams' icon rules: colour 192×192, outline 32×32 white on transparent. */
export const iconRules = {
  color: { width: 192, height: 192 },
  outline: { width: 32, height: 32 },
} as const;

/** Problems with one icon file; `kind` says which rule applies. */
export function checkIcon(kind: keyof typeof iconRules, name: string, png: Buffer): string[] {
  const expected = iconRules[kind];
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch (error) {
    return [`${name}: not a PNG file (${error instanceof Error ? error.message : String(error)})`];
  }
  if (image.width !== expected.width || image.height !== expected.height) {
    return [
      `${name} is ${image.width}×${image.height}; the ${kind} icon must be ${expected.width}×${expected.height}`,
    ];
  }
  return kind === 'outline' ? checkWhiteOnTransparent(name, image) : [];
}

function checkWhiteOnTransparent(name: string, image: PNG): string[] {
  let opaque = 0;
  let coloured = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b, a] = image.data.subarray(i, i + 4);
    if (a === 255) opaque += 1;
    if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) coloured += 1;
  }
  const problems: string[] = [];
  if (coloured > 0)
    problems.push(
      `${name} has ${coloured} pixel(s) that are not white; the outline icon must be white on transparent`,
    );
  if (opaque === image.width * image.height)
    problems.push(
      `${name} has no transparent pixels; the outline icon needs a transparent background`,
    );
  return problems;
}
