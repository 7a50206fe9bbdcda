import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import sinon from 'sinon';
import { readZip, writeZip } from '../../../src/dev/package/packageZip';
import { buildFromRepo, settingsFor } from './packageFixtures';
import { buildAppPackage } from '../../../src/dev/package/appPackage';
import { manifestDir, manifestTemplatePath } from '../../../src/dev/package/paths';

describe('app package zip (fflate)', () => {
  const entries = [
    {
      name: 'manifest.json',
      data: Buffer.from(JSON.stringify({ text: 'compressible '.repeat(200) })),
    },
    { name: 'random.bin', data: randomBytes(300) },
    { name: 'empty.txt', data: Buffer.alloc(0) },
    { name: 'café.txt', data: Buffer.from('UTF-8 names') },
  ];

  it('reads back exactly what it wrote, in the same order', () => {
    const zip = writeZip(entries);
    assert.deepEqual(readZip(zip), entries);
    assert.ok(
      zip.length < entries.reduce((n, e) => n + e.data.length, 0),
      'compressible data is deflated',
    );
  });

  it('writes the same bytes whenever it is built (fixed dates)', () => {
    const clock = sinon.useFakeTimers(new Date('2031-07-15T13:45:00Z'));
    let later: Buffer;
    try {
      later = writeZip(entries);
    } finally {
      clock.restore();
    }
    assert.ok(writeZip(entries).equals(later), 'the build time does not reach the zip');
  });

  it('the app package itself is byte-reproducible', () => {
    const again = buildAppPackage(settingsFor('local'), manifestTemplatePath, manifestDir);
    assert.ok(again.zip.equals(buildFromRepo().zip));
  });

  it('refuses what is not a zip', () => {
    assert.throws(() => readZip(Buffer.from('not a zip')), /not a zip file/);
  });
});
