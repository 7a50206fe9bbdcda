import assert from 'node:assert/strict';
import safetyModelJson from '../../../src/content/coaching/safety-model.json';
import safetyJson from '../../../src/content/coaching/safety-triggers.json';
import { createLanguage } from '../../../src/safety/language';
import { createLearnedLayer, safetyModelSchema } from '../../../src/safety/learned/model';
import { trainSafetyModel, type LabelledExample } from '../../../src/safety/learned/train';
import { loadCoachingPack } from '../../../src/content/coaching/loadCoachingPack';
import { compileSafetyNet, negationRulesOf } from '../../../src/safety/safetyNet';
import { safetyFileSchema } from '../../../src/safety/schema';
import { trainingBatches, trainingFingerprint } from '../../bench/safety/trainingSet';

const file = safetyFileSchema.parse(safetyJson);
const analyse = createLanguage(file.language);
const negation = negationRulesOf(file.negation);
const about = { what: 'test', trainedOn: '0'.repeat(64), trainedWith: 'test' };

/** A few made-up phrases: enough for the model to tell pets from ordinary notes. */
const examples: LabelledExample[] = [
  ...[
    'he booted the puppy across the room',
    'the puppy was booted again',
    'booted puppy, yelping',
  ].map((text) => ({ sentences: analyse(text), label: 'pets' })),
  ...[
    'the puppy chewed a shoe in the kitchen again',
    'walked the puppy to school',
    'puppy asleep in the kitchen',
  ].map((text) => ({ sentences: analyse(text), label: 'ordinary' })),
];

describe('safety net learned layer', () => {
  it('is trained on the tuning half as it stands now (retrain with npm run safety:train)', () => {
    const batches = trainingBatches();
    assert.ok(batches.length > 0);
    assert.ok(
      batches.every((b) => b.half === 'tuning'),
      'the held-out half is never training data',
    );
    const model = safetyModelSchema.parse(safetyModelJson);
    assert.equal(
      model.about.trainedOn,
      trainingFingerprint(batches, file),
      'a tuning batch or the language rules changed since the model was trained',
    );
  });

  it('trains the same model from the same phrases', () => {
    assert.deepEqual(
      trainSafetyModel(examples, about, negation),
      trainSafetyModel(examples, about, negation),
    );
  });

  it('names the category it is confident of and the typed words that drove it; stays quiet on ordinary notes', () => {
    const layer = createLearnedLayer(trainSafetyModel(examples, about, negation), negation);
    const judged = layer.read(analyse('Dad BOOTED the puppy yesterday')).finding;
    assert.equal(judged?.id, 'pets');
    const sentences = analyse('Dad BOOTED the puppy yesterday');
    const words = judged?.drivers.map(([s, t]) => sentences[s]?.[t]?.typed);
    assert.ok(words?.includes('booted'), `drivers: ${String(words)}`);
    assert.equal(layer.read(analyse('the puppy chewed a slipper')).finding, undefined);
  });

  it('adds its category to the net only where no rule raised it', () => {
    const model = trainSafetyModel(examples, about, negation);
    const noRules = {
      ...file,
      categories: file.categories.map((c) => ({ ...c, phrases: ['zzzz'], unless: [] })),
    };
    const withLayer = compileSafetyNet(noRules, undefined, createLearnedLayer(model, negation));
    const without = compileSafetyNet(noRules);
    assert.deepEqual(without.scan('he booted the puppy'), []);
    const [finding] = withLayer.check('he booted the puppy');
    assert.equal(finding?.id, 'pets');
    assert.equal(finding?.level, file.categories.find((c) => c.id === 'pets')?.level);
    assert.ok((finding?.words.length ?? 0) > 0);
  });

  describe('withdrawing a rule finding it is sure is everyday casework', () => {
    const model = { ...trainSafetyModel(examples, about, negation), withdrawAt: 0.55 };
    const layer = createLearnedLayer(model, negation);
    const rulesWith = (withdrawable: boolean) => ({
      ...file,
      categories: file.categories.map((c) =>
        c.id === 'pets'
          ? { ...c, phrases: ['puppy|gerbil'], unless: [], withdrawable }
          : c.id === 'physical-assault'
            ? { ...c, phrases: ['booted'], unless: [] }
            : { ...c, phrases: ['zzzz'], unless: [] },
      ),
    });

    it('withdraws it in a category the content marks withdrawable', () => {
      assert.ok(
        (layer.ordinaryIn(analyse('the puppy chewed a shoe in the kitchen again')[0] ?? [], [1]) ??
          0) >= 0.55,
      );
      const net = compileSafetyNet(rulesWith(true), undefined, layer);
      assert.deepEqual(net.scan('the puppy chewed a shoe in the kitchen again'), []);
      assert.deepEqual(
        compileSafetyNet(rulesWith(true)).scan('the puppy chewed a shoe in the kitchen again'),
        ['pets'],
      );
    });

    it('may be allowed only in a "check this" category that needs no company', () => {
      const allowing = (id: string) => ({
        ...safetyJson,
        categories: safetyJson.categories.map((c) =>
          c.id === id ? { ...c, withdrawable: true } : c,
        ),
      });
      assert.equal(safetyFileSchema.safeParse(allowing('stalking')).success, true);
      assert.equal(safetyFileSchema.safeParse(allowing('strangulation')).success, false);
      assert.equal(safetyFileSchema.safeParse(allowing('pregnancy-baby')).success, false);
    });

    it('keeps it when the sentence is too short to judge from its context', () => {
      assert.equal(layer.ordinaryIn(analyse('the puppy chewed a shoe')[0] ?? [], [1]), undefined);
      const net = compileSafetyNet(rulesWith(true), undefined, layer);
      assert.deepEqual(net.scan('the puppy chewed a shoe'), ['pets']);
    });

    it('keeps it where the category is not withdrawable', () => {
      const net = compileSafetyNet(rulesWith(false), undefined, layer);
      assert.deepEqual(net.scan('the puppy chewed a shoe in the kitchen again'), ['pets']);
    });

    it('keeps it when the matched word is one the layer never learned', () => {
      assert.equal(
        layer.ordinaryIn(analyse('the gerbil chewed a shoe in the kitchen again')[0] ?? [], [1]),
        undefined,
      );
      const net = compileSafetyNet(rulesWith(true), undefined, layer);
      assert.deepEqual(net.scan('the gerbil chewed a shoe in the kitchen again'), ['pets']);
    });

    it('keeps every finding when another sign in the text is not withdrawable', () => {
      const net = compileSafetyNet(rulesWith(true), undefined, layer);
      assert.deepEqual(net.scan('the puppy chewed a shoe in the kitchen again. he booted her'), [
        'physical-assault',
        'pets',
      ]);
    });
  });

  it('raises child harm, pets or pregnancy only when the text names a child, an animal or a pregnancy or baby', () => {
    const net = loadCoachingPack().safety;
    // Shouting at her is learned alongside children who hear it; with no child named it is not child harm.
    assert.deepEqual(net.scan('Raised his voice at her during the last home visit.'), []);
    assert.ok(
      net.scan('Raised his voice at her while the kids were in the room.').includes('child-harm'),
    );
  });
});
