import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { checkIcon } from '../../../src/dev/package/iconChecks';
import { iconSources, renderIcon } from '../../../src/dev/package/icons';
import { repoIcon } from './packageFixtures';

describe('Teams app icons (SVG artwork rendered with resvg)', () => {
  for (const source of iconSources) {
    it(`manifest/${source.png} is what ${source.svg} renders (run npm run package:icons after editing it)`, () => {
      const committed = PNG.sync.read(repoIcon(source.png));
      const rendered = PNG.sync.read(renderIcon(source));
      assert.deepEqual([committed.width, committed.height], [rendered.width, rendered.height]);
      assert.ok(committed.data.equals(rendered.data), 'same pixels');
    });
  }

  it('the committed icons pass the Teams icon checks', () => {
    assert.deepEqual(checkIcon('color', 'color.png', repoIcon('color.png')), []);
    assert.deepEqual(checkIcon('outline', 'outline.png', repoIcon('outline.png')), []);
  });
});
