import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CardCatalog } from '../../../src/bot/cards/cardCatalog';
import { assertValidCard, cardCatalog } from '../../support/adaptiveCards';
import { textsOf } from '../../support/botHarness';

const samplesDirectory = path.resolve('test/fixtures/card-samples');

describe('card templates', () => {
  const catalog = cardCatalog();

  it('loads every template in cards/', () => {
    assert.ok(catalog.names().length >= 2);
  });

  for (const name of catalog.names()) {
    describe(name, () => {
      const samplesFile = path.join(samplesDirectory, `${name}.json`);

      it('has sample data to render with', () => {
        assert.ok(existsSync(samplesFile), `add ${path.relative(process.cwd(), samplesFile)}`);
      });

      it('renders every sample to a valid Adaptive Card 1.5 with no unbound expressions', () => {
        const samples = JSON.parse(readFileSync(samplesFile, 'utf8')) as object[];
        assert.ok(samples.length > 0);
        for (const sample of samples) {
          const card = catalog.renderAny(name, sample);
          assertValidCard(card, name);
          assert.ok(textsOf(card).length > 0);
        }
      });
    });
  }

  it('binds data without evaluating it: a user typing ${...} gets it back literally', () => {
    const card = catalog.render('notice', {
      title: '${title}',
      text: '${1+1} <script>x</script>',
      safetyLine: '',
      actions: [],
      links: [],
    });
    assert.deepEqual(textsOf(card).slice(0, 2), ['${title}', '${1+1} <script>x</script>']);
  });

  it('renders each time from the template alone: one render leaves nothing in the next', () => {
    // Templates are prepared once and reused, so a render must not carry data or shape over.
    const withActions = {
      title: 'First notice',
      text: 'First text',
      safetyLine: 'First safety line',
      actions: [{ title: 'Open', verb: 'welcome.open', data: {} }],
      links: [],
    };
    const first = catalog.render('notice', withActions);
    const firstCopy = structuredClone(first);
    const second = catalog.render('notice', {
      title: 'Second notice',
      text: 'Second text',
      safetyLine: '',
      actions: [],
      links: [],
    });
    assert.deepEqual(first, firstCopy, 'a later render changed an earlier card');
    assert.ok(!textsOf(second).some((t) => t.startsWith('First')), 'data leaked between renders');
    assert.ok(!JSON.stringify(second).includes('welcome.open'), 'an action leaked between renders');
    assert.deepEqual(catalog.render('notice', withActions), firstCopy);
  });

  it('refuses to load a broken template, naming the file', () => {
    assert.throws(
      () => CardCatalog.load(path.resolve('test/fixtures/broken-cards')),
      /Card template broken\.json is not version 1\.5/,
    );
  });
});
