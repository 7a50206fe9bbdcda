import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readZip, writeZip } from '../../../src/dev/package/zip';

describe('zip writer and reader', () => {
  const entries = [
    {
      name: 'manifest.json',
      data: Buffer.from(JSON.stringify({ text: 'compressible '.repeat(200) })),
    },
    { name: 'random.bin', data: randomBytes(300) }, // does not shrink, so it is stored
    { name: 'empty.txt', data: Buffer.alloc(0) },
    { name: 'café.txt', data: Buffer.from('UTF-8 names') },
  ];

  it('reads back exactly what it wrote, deflated or stored', () => {
    const zip = writeZip(entries);
    assert.deepEqual(readZip(zip), entries);
    assert.ok(
      zip.length < entries.reduce((n, e) => n + e.data.length, 0),
      'compressible data is deflated',
    );
  });

  it('writes the same bytes for the same input (reproducible packages)', () => {
    assert.ok(writeZip(entries).equals(writeZip(entries)));
  });

  it('refuses damaged archives', () => {
    const zip = writeZip([{ name: 'a.txt', data: Buffer.from('hello, hello, hello') }]);
    const damaged = Buffer.from(zip);
    damaged[36] ^= 0xff; // inside the first entry's data (30-byte header + 5-byte name)
    assert.throws(() => readZip(damaged), /zip entry a\.txt (is corrupt|cannot be decompressed)/);
    assert.throws(() => readZip(Buffer.from('not a zip')), /not a zip file/);
  });
});
