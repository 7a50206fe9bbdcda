import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as AC from 'adaptivecards';
import { CardCatalog } from '../../../src/bot/cards/cardCatalog';
import { textsOf } from '../../support/botHarness';

const cardsDirectory = path.resolve('cards');
const samplesDirectory = path.resolve('test/fixtures/card-samples');
/** Teams refuses cards over about 28 KB; stay well under. */
const maxCardBytes = 24 * 1024;

/** Parses a card with the Adaptive Cards SDK at schema 1.5 and returns every problem it reports. */
function problemsOf(card: object): string[] {
  const context = new AC.SerializationContext(new AC.Version(1, 5));
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

function actionsOf(
  node: unknown,
  out: Array<Record<string, unknown>> = [],
): Array<Record<string, unknown>> {
  if (Array.isArray(node)) node.forEach((n) => actionsOf(n, out));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.type === 'string' && record.type.startsWith('Action.')) out.push(record);
    Object.values(record).forEach((v) => actionsOf(v, out));
  }
  return out;
}

describe('card templates', () => {
  const catalog = CardCatalog.load(cardsDirectory);

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
          assert.equal(card.version, '1.5');
          assert.deepEqual(problemsOf(card), []);
          const json = JSON.stringify(card);
          assert.ok(!json.includes('${'), `unbound template expression in ${name}`);
          assert.ok(Buffer.byteLength(json) < maxCardBytes, `${name} is too large for Teams`);
          for (const action of actionsOf(card)) {
            assert.ok(
              [
                'Action.Execute',
                'Action.ToggleVisibility',
                'Action.OpenUrl',
                'Action.ShowCard',
              ].includes(String(action.type)),
              `unexpected ${String(action.type)}`,
            );
            if (action.type === 'Action.Execute')
              assert.ok(
                typeof action.verb === 'string' && action.verb !== '',
                'every Action.Execute has a verb',
              );
          }
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
    });
    assert.deepEqual(textsOf(card).slice(0, 2), ['${title}', '${1+1} <script>x</script>']);
  });

  it('refuses to load a broken template, naming the file', () => {
    assert.throws(
      () => CardCatalog.load(path.resolve('test/fixtures/broken-cards')),
      /Card template broken\.json is not version 1\.5/,
    );
  });
});
