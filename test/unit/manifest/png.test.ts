import assert from 'node:assert/strict';
import { decodePng, encodePng, readPngInfo } from '../../../src/dev/package/png';
import { drawColorIcon, drawOutlineIcon } from '../../../src/dev/package/iconArt';
import { repoIcon } from './packageFixtures';

function gradient(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i += 1)
    rgba.set([i % 251, (i * 7) % 256, (i * 13) % 256, 255 - (i % 256)], i * 4);
  return rgba;
}

describe('PNG encoder and decoder', () => {
  it('round-trips through every row filter the decoder must undo', () => {
    const image = { width: 7, height: 10, rgba: gradient(7, 10) };
    const png = encodePng(image, { rowFilter: (y) => y % 5 });
    assert.deepEqual(readPngInfo(png), {
      width: 7,
      height: 10,
      bitDepth: 8,
      colorType: 6,
      interlaced: false,
    });
    assert.deepEqual(decodePng(png), image);
  });

  it('refuses what is not a PNG, or is damaged', () => {
    assert.throws(
      () => readPngInfo(Buffer.from('GIF89a...............................')),
      /not a PNG/,
    );
    const png = encodePng({ width: 2, height: 2, rgba: gradient(2, 2) });
    png[png.length - 20] ^= 0xff; // inside IDAT
    assert.throws(() => decodePng(png), /CRC mismatch/);
  });

  it('the committed icons are what the generator draws (run npm run package:icons after changing it)', () => {
    assert.deepEqual(decodePng(repoIcon('color.png')), drawColorIcon());
    assert.deepEqual(decodePng(repoIcon('outline.png')), drawOutlineIcon());
  });
});
