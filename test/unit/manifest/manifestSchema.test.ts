import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import {
  bundledSchemaPath,
  validateAgainstBundledSchema,
} from '../../../src/dev/package/manifestSchema';
import { buildFromRepo, unpack } from './packageFixtures';

describe('Teams manifest schema check (offline)', () => {
  it('uses a schema version bundled with @microsoft/app-manifest', () => {
    const { manifest } = unpack(buildFromRepo().zip);
    const version = `v${String(manifest.manifestVersion)}`;
    assert.ok(bundledSchemaPath(version), `${version} is bundled`);
  });

  it("agrees with the library's own validator on a broken manifest", async () => {
    const { manifest } = unpack(buildFromRepo().zip);
    const broken = {
      ...manifest,
      id: 'not-a-guid',
      accentColor: undefined,
      name: { short: 'x'.repeat(31) },
    };
    const path =
      bundledSchemaPath(`v${String(manifest.manifestVersion)}`) ??
      assert.fail('schema not bundled');
    const schema: unknown = JSON.parse(readFileSync(path, 'utf8'));

    const ours = validateAgainstBundledSchema(JSON.parse(JSON.stringify(broken)));
    // The library's public API, given the bundled schema so it does not go to the network; its
    // parameter types describe valid input, which this deliberately is not.
    const theirs = await AppManifestUtils.validateAgainstSchema(
      broken as unknown as AppManifest,
      schema as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1],
    );
    const paths = (lines: readonly string[]): string[] =>
      lines.map((line) => line.split(' ')[0] ?? '').sort();
    assert.equal(ours.length, 3);
    assert.deepEqual(
      paths(ours),
      paths(theirs).map((p) => p || '/'),
    );
  });
});
