import assert from 'node:assert/strict';
import { validateAppPackage } from '../../../src/dev/package/appPackage';
import { PNG } from 'pngjs';
import { writeZip } from '../../../src/dev/package/packageZip';
import { buildFromRepo, commandList, repack, unpack, type PackageFiles } from './packageFixtures';

/** Breaks a good package in one way and returns the validator's verdict. */
function problemsAfter(breakIt: (pkg: PackageFiles) => void): string[] {
  const pkg = unpack(buildFromRepo().zip);
  breakIt(pkg);
  return validateAppPackage(repack(pkg));
}

function assertReported(problems: readonly string[], pattern: RegExp): void {
  assert.ok(
    problems.some((p) => pattern.test(p)),
    `expected a problem matching ${pattern}, got:\n${problems.join('\n')}`,
  );
}

function solidPng(
  width: number,
  height: number,
  rgba: readonly [number, number, number, number],
): Buffer {
  const image = new PNG({ width, height });
  for (let i = 0; i < image.data.length; i += 4) image.data.set(rgba, i);
  return PNG.sync.write(image);
}

describe('Teams app package: a broken package fails validation', () => {
  it('a missing required field (developer)', () => {
    const problems = problemsAfter(({ manifest }) => {
      delete manifest.developer;
    });
    assertReported(problems, /schema: .*required property 'developer'/);
  });

  it('a short name longer than Teams allows', () => {
    const problems = problemsAfter(({ manifest }) => {
      manifest.name.short = 'DARE Coach for every council in England';
    });
    assertReported(problems, /schema: \/name\/short must NOT have more than 30 characters/);
  });

  it('a bot command the bot does not handle', () => {
    const problems = problemsAfter(({ manifest }) => {
      commandList(manifest, 'personal').push({
        title: 'frobnicate',
        description: 'Not a real command',
      });
    });
    assertReported(problems, /"frobnicate" \(personal menu\) is not handled by the bot/);
  });

  it('a command in a scope where the bot does not offer it', () => {
    const problems = problemsAfter(({ manifest }) => {
      commandList(manifest, 'team').push({
        title: 'refer',
        description: 'Make a referral to the partnership',
      });
    });
    assertReported(
      problems,
      /"refer" is in the team menu, but the bot offers it only in: personal/,
    );
  });

  it('a command the bot offers that the menu leaves out', () => {
    const problems = problemsAfter(({ manifest }) => {
      const list = commandList(manifest, 'personal');
      list.splice(
        list.findIndex((c) => c.title === 'debrief'),
        1,
      );
    });
    assertReported(problems, /"debrief" is missing from the personal command list/);
  });

  it('a message extension without the searchWording command', () => {
    const problems = problemsAfter(({ manifest }) => {
      const [search] = manifest.composeExtensions[0]?.commands ?? [];
      if (search) search.id = 'search';
    });
    assertReported(problems, /"search" is not handled by the bot/);
    assertReported(problems, /no "searchWording" command/);
  });

  it('a search command with a parameter the bot does not read', () => {
    const problems = problemsAfter(({ manifest }) => {
      const [search] = manifest.composeExtensions[0]?.commands ?? [];
      if (search) search.parameters = [{ name: 'text', title: 'Text' }];
    });
    assertReported(problems, /exactly one parameter, "query"/);
  });

  it('a colour icon of the wrong size', () => {
    const problems = problemsAfter(({ files }) => {
      files.set('color.png', solidPng(100, 100, [0x5b, 0x2a, 0x86, 255]));
    });
    assertReported(problems, /color\.png is 100×100; the color icon must be 192×192/);
  });

  it('an outline icon of the wrong size', () => {
    const problems = problemsAfter(({ files }) => {
      files.set('outline.png', solidPng(48, 48, [255, 255, 255, 0]));
    });
    assertReported(problems, /outline\.png is 48×48; the outline icon must be 32×32/);
  });

  it('an outline icon that is not white on transparent', () => {
    const purple = problemsAfter(({ files }) => {
      files.set('outline.png', solidPng(32, 32, [0x5b, 0x2a, 0x86, 255]));
    });
    assertReported(purple, /outline\.png has 1024 pixel\(s\) that are not white/);
    assertReported(purple, /outline\.png has no transparent pixels/);
  });

  it('an icon that is not a PNG, or is missing', () => {
    assertReported(
      problemsAfter(({ files }) => files.set('color.png', Buffer.from('GIF89a not a png'))),
      /color\.png: not a PNG file/,
    );
    assertReported(
      problemsAfter(({ files }) => files.delete('outline.png')),
      /outline\.png \(the outline icon\) is not in the package/,
    );
  });

  it('a zip without manifest.json, or not a zip at all', () => {
    assert.deepEqual(
      validateAppPackage(writeZip([{ name: 'readme.txt', data: Buffer.from('hi') }])),
      ['the package has no manifest.json'],
    );
    assertReported(validateAppPackage(Buffer.from('plain text')), /not a zip file/);
  });

  it('a manifest whose schema version is not bundled (cannot be checked offline)', () => {
    const problems = problemsAfter(({ manifest }) => {
      manifest.$schema =
        'https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json';
      manifest.manifestVersion = '9.99';
    });
    assertReported(problems, /schema v9\.99 is not bundled/);
  });
});
