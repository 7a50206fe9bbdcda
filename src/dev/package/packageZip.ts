import { unzipSync, zipSync, type Zippable } from 'fflate';

/** One file in the app package, at the root of the zip. */
export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

// DOS timestamps start in 1980; fflate reads the date's local fields, so a date built from local
// fields gives the same bytes in every time zone. A fixed date (and the caller's order) makes the
// same inputs zip to the same bytes, so a package can be rebuilt and compared.
const fixedDate = new Date(2000, 0, 1, 0, 0, 0);

/** Zips the entries in the order given, deflated, with a fixed date: byte-reproducible. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const files: Zippable = {};
  for (const { name, data } of entries) files[name] = [data, { mtime: fixedDate, level: 9 }];
  return Buffer.from(zipSync(files));
}

/** The files in a zip, in archive order; throws `not a zip file` when it cannot be read. */
export function readZip(zip: Uint8Array): ZipEntry[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`not a zip file (${reason})`, { cause: error });
  }
  return Object.entries(files).map(([name, data]) => ({ name, data: Buffer.from(data) }));
}
