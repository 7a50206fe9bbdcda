import assert from 'node:assert/strict';
import { actionsOf, assertValidCard, renderCard } from '../../support/adaptiveCards';
import { cardSamples } from './cardSamples';

const cardNames = [
  'coaching-step',
  'coaching-summary',
  'coaching-paused',
  'coaching-stale',
  'safety-alert',
];
const render = renderCard;

describe('coaching and safety card templates', () => {
  const samples = cardSamples();

  for (const name of cardNames) {
    describe(name, () => {
      it('has engine-built samples', () => assert.ok((samples[name] ?? []).length > 0));

      it('renders every sample to a valid Adaptive Card 1.5 with no unbound expressions', () => {
        for (const sample of samples[name] ?? []) assertValidCard(render(name, sample), name);
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
    assert.match(JSON.stringify(titles), /Act now: check safety/);
  });
});
