import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CompiledTemplate } from '../../../src/kernel/templateExpansion';
import { genericLocalContacts } from '../../../src/tenants/localContacts';
import { everyCardData, fullContacts } from '../cards/everyCard';

const cardsDirectory = path.resolve('cards');
const samplesDirectory = path.resolve('test/fixtures/card-samples');

/** The library's own expansion beside the compiled one, for one template. */
function bothWays(template: unknown) {
  const library = new ACData.Template(template);
  const compiled = CompiledTemplate.of(library);
  assert.ok(compiled, "adaptivecards-templating's prepared template was not found");
  return {
    library: (data: object) => library.expand({ $root: data }) as unknown,
    shortcut: (data: object) => compiled.expand(data),
    libraryBindings: compiled.libraryBindings,
  };
}

/** What an expansion gave: its JSON, or the error it threw (class and message). */
function outcome(expand: () => unknown): unknown {
  try {
    return { value: expand() };
  } catch (error) {
    return { threw: (error as Error).constructor.name, message: (error as Error).message };
  }
}

describe('template expansion compiled once into functions', () => {
  for (const file of readdirSync(cardsDirectory).filter((f) => f.endsWith('.json'))) {
    it(`renders every sample of ${file} exactly as adaptivecards-templating does, compiled`, () => {
      const expand = bothWays(JSON.parse(readFileSync(path.join(cardsDirectory, file), 'utf8')));
      assert.deepEqual(expand.libraryBindings, [], 'bindings the compiler left to the library');
      const samples = JSON.parse(
        readFileSync(path.join(samplesDirectory, file), 'utf8'),
      ) as object[];
      assert.ok(samples.length > 0);
      for (const sample of samples)
        assert.deepEqual(expand.shortcut(sample), expand.library(sample));
    });
  }

  it('renders every card the bot builds (both contact sets) exactly as the library does', async () => {
    const templates = new Map(
      readdirSync(cardsDirectory)
        .filter((f) => f.endsWith('.json'))
        .map((f) => [
          path.basename(f, '.json'),
          bothWays(JSON.parse(readFileSync(path.join(cardsDirectory, f), 'utf8'))),
        ]),
    );
    const cards = [
      ...(await everyCardData(fullContacts)),
      ...(await everyCardData(genericLocalContacts)),
    ];
    assert.ok(cards.length > 100);
    for (const { name, data } of cards) {
      const expand = templates.get(name);
      assert.ok(expand, name);
      assert.deepEqual(expand.shortcut(data), expand.library(data), name);
    }
  });

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

  it('leaves a form it does not compile to the library, with the same result', () => {
    const expand = bothWays({
      type: 'AdaptiveCard',
      body: [{ text: '${join(items, ", ")}', when: 'n ${add(n, 1)}', $when: '${n >= 1}' }],
    });
    assert.deepEqual(expand.libraryBindings, [
      "join(items, ', ')",
      "concat('', 'n ', (n + 1))",
      '(n >= 1)',
    ]);
    const data = { items: ['a', 'b'], n: 1 };
    assert.deepEqual(expand.shortcut(data), expand.library(data));
  });

  describe('agrees with adaptive-expressions on every compiled form and kind of value', () => {
    const forms = [
      'a',
      'a.b',
      '!a',
      'a && b',
      'a || b',
      '!a || b && !b',
      'a == b',
      'a != b',
      'a > b',
      'a < b',
      'count(a)',
      'count(a) > 0',
      "if(a, 'yes', b)",
      "if(a == 'x', b, 'no')",
      "a != '' && count(b) > 1",
    ];
    const values: Record<string, unknown> = {
      missing: undefined,
      null: null,
      true: true,
      false: false,
      zero: 0,
      one: 1,
      half: 0.5,
      nan: Number.NaN,
      empty: '',
      x: 'x',
      X: 'X',
      list: [1, 2],
      'empty list': [],
      object: { b: 'inner', c: 1 },
      'empty object': {},
      map: new Map([['b', 'in a map']]),
      date: new Date(0),
    };
    for (const form of forms) {
      it(form, () => {
        // In text (substitution on), inside text with other parts, as $when, and as $data.
        const expand = bothWays({
          type: 'AdaptiveCard',
          body: [
            { text: `\${${form}}` },
            { text: `[\${${form}}]` },
            { $when: `\${${form}}`, shown: true },
            { $data: `\${${form}}`, item: '${$data}' },
          ],
        });
        assert.deepEqual(expand.libraryBindings, []);
        for (const [aName, a] of Object.entries(values)) {
          for (const [bName, b] of Object.entries(values)) {
            const data: Record<string, unknown> = {};
            if (a !== undefined) data.a = a;
            if (b !== undefined) data.b = b;
            assert.deepEqual(
              outcome(() => expand.shortcut(data)),
              outcome(() => expand.library(data)),
              `a = ${aName}, b = ${bName}`,
            );
          }
        }
      });
    }
  });
});
