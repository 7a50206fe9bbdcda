import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { PreparedExpansion } from '../../../src/kernel/templateExpansion';

const cardsDirectory = path.resolve('cards');
const samplesDirectory = path.resolve('test/fixtures/card-samples');

/** The library's own expansion beside the shortcut one, for one template. */
function bothWays(template: unknown) {
  const library = new ACData.Template(template);
  const prepared = PreparedExpansion.of(library);
  assert.ok(prepared, "adaptivecards-templating's prepared template was not found");
  return {
    library: (data: object) => library.expand({ $root: data }) as unknown,
    shortcut: (data: object) => prepared.expand(data),
  };
}

describe('template expansion with field paths looked up directly', () => {
  for (const file of readdirSync(cardsDirectory).filter((f) => f.endsWith('.json'))) {
    it(`renders every sample of ${file} exactly as adaptivecards-templating does`, () => {
      const expand = bothWays(JSON.parse(readFileSync(path.join(cardsDirectory, file), 'utf8')));
      const samples = JSON.parse(
        readFileSync(path.join(samplesDirectory, file), 'utf8'),
      ) as object[];
      assert.ok(samples.length > 0);
      for (const sample of samples)
        assert.deepEqual(expand.shortcut(sample), expand.library(sample));
    });
  }

  it('agrees on the corners: missing fields, nulls, case, arrays, $index, $root, $when', () => {
    const expand = bothWays({
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: '${title}', missing: '${nothing.here}', note: 'Hi ${nobody}!' },
        { type: 'TextBlock', text: '${TITLE} ${Nested.Inner}', kept: '${nested}' },
        { $data: '${rows}', type: 'Row', text: '${name} #${$index} of ${$root.title}' },
        { $data: '${rows}', $when: '${shown}', type: 'Shown', value: '${$data}' },
        { $when: '${count(rows) > 1}', type: 'Counted', n: '${zero}', f: '${no}' },
        { $data: '${single}', type: 'Single', text: '${name}' },
        { $data: '${none}', type: 'None' },
        { type: 'Empty', list: '${empty}', blank: '${blank}', nil: '${nil}' },
      ],
    });
    const data = {
      title: 'A ${literal} title',
      nested: { inner: 'inner value' },
      rows: [
        { name: 'one', shown: true },
        { name: 'two', shown: 'yes' },
        { name: 'three', shown: false },
      ],
      single: { name: 'alone' },
      zero: 0,
      no: false,
      empty: [],
      blank: '',
      nil: null,
    };
    assert.deepEqual(expand.shortcut(data), expand.library(data));
    assert.deepEqual(expand.shortcut({}), expand.library({}));
  });

  it('fails as the library does on a null field inside text', () => {
    const expand = bothWays({ type: 'AdaptiveCard', body: [{ text: 'Value: ${nil}' }] });
    assert.throws(() => expand.library({ nil: null }), TypeError);
    assert.throws(() => expand.shortcut({ nil: null }), TypeError);
  });
});
