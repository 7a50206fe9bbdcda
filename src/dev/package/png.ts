import { crc32, deflateSync, inflateSync } from 'node:zlib';

/**
 * Just enough PNG for app icons: encode 8-bit RGBA, read the header, and decode the common
 * non-interlaced 8-bit formats so the package check can look at the pixels of the outline icon.
 */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 bytes, row by row, straight (not premultiplied) alpha. */
  readonly rgba: Uint8Array;
}

export interface PngInfo {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  readonly colorType: number;
  readonly interlaced: boolean;
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const channelsByColorType: Readonly<Record<number, number | undefined>> = {
  0: 1,
  2: 3,
  4: 2,
  6: 4,
};

export interface EncodeOptions {
  /** PNG row filter (0 none, 1 sub, 2 up, 3 average, 4 Paeth) per row. Icons are tiny, so the
   * default is none and zlib does the work; other choices let tests exercise the decoder. */
  readonly rowFilter?: (y: number) => number;
}

/** Encodes an RGBA image as a PNG (colour type 6, 8 bits, no interlace). */
export function encodePng(image: RgbaImage, options: EncodeOptions = {}): Buffer {
  const { width, height, rgba } = image;
  if (rgba.length !== width * height * 4)
    throw new Error('rgba length does not match width × height × 4');
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const filter = options.rowFilter?.(y) ?? 0;
    raw[y * (stride + 1)] = filter;
    for (let x = 0; x < stride; x += 1) {
      const at = y * stride + x;
      const left = x >= 4 ? rgba[at - 4] : 0;
      const up = y > 0 ? rgba[at - stride] : 0;
      const upLeft = y > 0 && x >= 4 ? rgba[at - stride - 4] : 0;
      raw[y * (stride + 1) + 1 + x] = (rgba[at] - predictor(filter, left, up, upLeft)) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth, colour type, compression, filter, interlace
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Reads the IHDR of a PNG; throws when the bytes are not a PNG. */
export function readPngInfo(png: Buffer): PngInfo {
  if (png.length < 33 || !png.subarray(0, 8).equals(signature)) throw new Error('not a PNG file');
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG has no IHDR header');
  return {
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    bitDepth: png[24],
    colorType: png[25],
    interlaced: png[28] === 1,
  };
}

/** Decodes an 8-bit, non-interlaced grey, grey+alpha, RGB or RGBA PNG to RGBA. */
export function decodePng(png: Buffer): RgbaImage {
  const info = readPngInfo(png);
  const channels = channelsByColorType[info.colorType];
  if (info.bitDepth !== 8 || channels === undefined || info.interlaced) {
    throw new Error(
      `unsupported PNG format (bit depth ${info.bitDepth}, colour type ${info.colorType}` +
        `${info.interlaced ? ', interlaced' : ''}); save it as 8-bit RGBA`,
    );
  }
  const stride = info.width * channels;
  const raw = inflateSync(concatImageData(png));
  if (raw.length < (stride + 1) * info.height) throw new Error('PNG image data is truncated');
  const pixels = unfilter(raw, stride, info.height, channels);
  const rgba = new Uint8Array(info.width * info.height * 4);
  for (let i = 0; i < info.width * info.height; i += 1) {
    const px = pixels.subarray(i * channels, (i + 1) * channels);
    const grey = channels <= 2;
    rgba[i * 4] = px[0];
    rgba[i * 4 + 1] = grey ? px[0] : px[1];
    rgba[i * 4 + 2] = grey ? px[0] : px[2];
    rgba[i * 4 + 3] = channels === 2 ? px[1] : channels === 4 ? px[3] : 255;
  }
  return { width: info.width, height: info.height, rgba };
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData), 0);
  return Buffer.concat([length, typeAndData, crc]);
}

function concatImageData(png: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 8;
  while (at + 12 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > png.length) throw new Error(`PNG chunk ${type} is truncated`);
    if (crc32(png.subarray(at + 4, at + 8 + length)) !== png.readUInt32BE(at + 8 + length)) {
      throw new Error(`PNG chunk ${type} is corrupt (CRC mismatch)`);
    }
    if (type === 'IDAT') parts.push(png.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at = end;
  }
  if (parts.length === 0) throw new Error('PNG has no image data');
  return Buffer.concat(parts);
}

/** Reverses the per-row PNG filters (none, sub, up, average, Paeth). */
function unfilter(raw: Buffer, stride: number, height: number, bpp: number): Uint8Array {
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x += 1) {
      const left = x >= bpp ? out[row + x - bpp] : 0;
      const up = y > 0 ? out[row - stride + x] : 0;
      const upLeft = y > 0 && x >= bpp ? out[row - stride + x - bpp] : 0;
      out[row + x] = (raw[src + x] + predictor(filter, left, up, upLeft)) & 0xff;
    }
  }
  return out;
}

function predictor(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return Math.floor((left + up) / 2);
    case 4: {
      const p = left + up - upLeft;
      const pa = Math.abs(p - left);
      const pb = Math.abs(p - up);
      const pc = Math.abs(p - upLeft);
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      throw new Error(`PNG uses unknown row filter ${String(filter)}`);
  }
}
