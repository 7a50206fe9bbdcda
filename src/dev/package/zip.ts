import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A minimal ZIP writer and reader (no zip64, no encryption): enough for a Teams app package, which
 * is three small files at the archive root. Writing is deterministic (fixed timestamps) so the same
 * inputs always give the same bytes.
 */
export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

const localHeaderSignature = 0x04034b50;
const centralHeaderSignature = 0x02014b50;
const endOfCentralDirectorySignature = 0x06054b50;
const methodStore = 0;
const methodDeflate = 8;
const utf8NamesFlag = 0x0800;
// 1980-01-01 00:00, the DOS epoch: a fixed stamp keeps builds reproducible.
const dosTime = 0;
const dosDate = (1 << 5) | 1;

/** Builds a ZIP archive; each entry is deflated only when that makes it smaller. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = deflateRawSync(entry.data, { level: 9 });
    const useDeflate = deflated.length < entry.data.length;
    const body = useDeflate ? deflated : entry.data;
    const fields = {
      method: useDeflate ? methodDeflate : methodStore,
      crc: crc32(entry.data),
      compressedSize: body.length,
      size: entry.data.length,
    };

    const local = Buffer.alloc(30);
    local.writeUInt32LE(localHeaderSignature, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(utf8NamesFlag, 6);
    local.writeUInt16LE(fields.method, 8);
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(fields.crc, 14);
    local.writeUInt32LE(fields.compressedSize, 18);
    local.writeUInt32LE(fields.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(centralHeaderSignature, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(utf8NamesFlag, 8);
    central.writeUInt16LE(fields.method, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(fields.crc, 16);
    central.writeUInt32LE(fields.compressedSize, 20);
    central.writeUInt32LE(fields.size, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal and external attributes: all zero
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(endOfCentralDirectorySignature, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDirectory, end]);
}

/** Reads every entry of a ZIP archive, checking sizes and CRCs. Throws a plain-worded Error. */
export function readZip(archive: Buffer): ZipEntry[] {
  const endAt = findEndOfCentralDirectory(archive);
  const count = archive.readUInt16LE(endAt + 10);
  let at = archive.readUInt32LE(endAt + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > archive.length || archive.readUInt32LE(at) !== centralHeaderSignature) {
      throw new Error('not a valid zip: central directory is damaged');
    }
    const flags = archive.readUInt16LE(at + 8);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const compressedSize = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localAt = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    if ((flags & 1) !== 0) throw new Error(`zip entry ${name} is encrypted`);
    if (archive.readUInt32LE(localAt) !== localHeaderSignature) {
      throw new Error(`zip entry ${name}: local header is damaged`);
    }
    const dataAt =
      localAt + 30 + archive.readUInt16LE(localAt + 26) + archive.readUInt16LE(localAt + 28);
    const body = archive.subarray(dataAt, dataAt + compressedSize);
    const data = inflateEntry(name, method, body);
    if (data.length !== size || crc32(data) !== crc) {
      throw new Error(`zip entry ${name} is corrupt (size or CRC mismatch)`);
    }
    entries.push({ name, data });
  }
  return entries;
}

function inflateEntry(name: string, method: number, body: Buffer): Buffer {
  if (method === methodStore) return Buffer.from(body);
  if (method === methodDeflate) {
    try {
      return inflateRawSync(body);
    } catch {
      throw new Error(`zip entry ${name} cannot be decompressed`);
    }
  }
  throw new Error(`zip entry ${name} uses unsupported compression method ${method}`);
}

function findEndOfCentralDirectory(archive: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const earliest = Math.max(0, archive.length - 22 - 0xffff);
  for (let at = archive.length - 22; at >= earliest; at -= 1) {
    if (archive.readUInt32LE(at) === endOfCentralDirectorySignature) return at;
  }
  throw new Error('not a zip file (no end-of-central-directory record)');
}
