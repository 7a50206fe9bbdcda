import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as AC from 'adaptivecards';
import * as ACData from 'adaptivecards-templating';
import { cardSamples } from './cardSamples';

const cardNames = [
  'coaching-step',
  'coaching-summary',
  'coaching-paused',
  'coaching-stale',
  'safety-alert',
];
const maxCardBytes = 24 * 1024;

function render(name: string, data: object): Record<string, unknown> {
  const template: unknown = JSON.parse(readFileSync(path.resolve('cards', `${name}.json`), 'utf8'));
  const card: unknown = new ACData.Template(template).expand({ $root: data });
  assert.ok(card !== null && typeof card === 'object' && !Array.isArray(card));
  return Object.fromEntries(Object.entries(card));
}

function problemsOf(card: object): string[] {
  const context = new AC.SerializationContext(new AC.Version(1, 5));
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

/** Every object in the card with a `type` starting "Action.". */
function actionsOf(
  node: unknown,
  out: Array<Record<string, unknown>> = [],
): Array<Record<string, unknown>> {
  if (Array.isArray(node)) node.forEach((n) => actionsOf(n, out));
  else if (node !== null && typeof node === 'object') {
    const record = Object.fromEntries(Object.entries(node));
    if (typeof record.type === 'string' && record.type.startsWith('Action.')) out.push(record);
    Object.values(record).forEach((v) => actionsOf(v, out));
  }
  return out;
}

describe('coaching and safety card templates', () => {
  const samples = cardSamples();

  for (const name of cardNames) {
    describe(name, () => {
      it('has engine-built samples', () => assert.ok((samples[name] ?? []).length > 0));

      it('renders every sample to a valid Adaptive Card 1.5 with no unbound expressions', () => {
        for (const sample of samples[name] ?? []) {
          const card = render(name, sample);
          assert.equal(card.version, '1.5');
          assert.deepEqual(problemsOf(card), []);
          const json = JSON.stringify(card);
          assert.ok(!json.includes('${'), `unbound expression in ${name}`);
          assert.ok(Buffer.byteLength(json) < maxCardBytes, `${name} is too large for Teams`);
          for (const action of actionsOf(card)) {
            assert.ok(['Action.Execute', 'Action.ShowCard'].includes(String(action.type)));
            if (action.type === 'Action.Execute')
              assert.ok(typeof action.verb === 'string' && action.verb !== '');
          }
        }
      });
    });
  }

  it('step buttons carry the revision and step they were rendered with', () => {
    const card = render('coaching-step', samples['coaching-step']?.[0] ?? {});
    const coaching = actionsOf(card).filter((a) => String(a.verb).startsWith('coaching.'));
    assert.ok(coaching.length > 0);
    for (const action of coaching) {
      assert.ok(action.data !== null && typeof action.data === 'object');
      const data = Object.fromEntries(Object.entries(action.data));
      assert.equal(typeof data.revision, 'number');
      assert.equal(typeof data.stepId, 'string');
    }
  });

  it('shows the checklist and note inputs the actions carry', () => {
    const withChecklist = samples['coaching-step']?.find((s) =>
      JSON.stringify(s).includes('"checklist":[{'),
    );
    const json = JSON.stringify(render('coaching-step', withChecklist ?? {}));
    assert.match(json, /"id":"ticked"/);
    assert.match(json, /"id":"note"/);
  });

  it('keeps titles to fixed wording', () => {
    const titles = (samples['safety-alert'] ?? []).map((s) => render('safety-alert', s).body);
    assert.match(JSON.stringify(titles), /Check safety now/);
  });
});
