import assert from 'node:assert/strict';
import modelJson from '../../../src/content/wording/wording-model.json';
import { loadWordingLibrary } from '../../../src/content/wording/loadLibrary';
import { situationIds } from '../../../src/content/wording/schema';
import { ContentPackError } from '../../../src/content/loadPack';
import { parseWordingModel } from '../../../src/wording/learned/loadModel';
import { createReranker, wordingModelSchema } from '../../../src/wording/learned/model';
import { trainWordingModel, type LabelledText } from '../../../src/wording/learned/train';
import { createWordingSearch } from '../../../src/wording/search';
import { Analyser } from '../../../src/wording/text/analyser';
import { trainingFingerprint, trainingSets } from '../../bench/wording/trainingSet';

const library = loadWordingLibrary();
const analyser = new Analyser(library);
const classes = [...situationIds];
const about = { what: 'test', trainedOn: '0'.repeat(64), trainedWith: 'test' };

/** Made-up queries: enough for the model to prefer one of two situations a phrase fits. */
const examples: LabelledText[] = [
  'he said he has never laid a finger on her but he decides who she sees',
  'never laid a finger on her, yet checks her phone and her spending',
  'never laid a finger on her, says it is not abuse',
].map((text) => ({ text, label: 'control-no-violence' as const }));
const training = { epochs: 30, learningRate: 0.2, l2: 1e-3, prune: 0.01, seed: 7, weight: 3 };

describe('wording search learned re-ranker', () => {
  it('is trained on the tuning half and the library as they stand now (retrain with npm run wording:train)', () => {
    const sets = trainingSets();
    assert.ok(sets.length > 0);
    assert.ok(
      sets.every((s) => s.half === 'tuning'),
      'the held-out half is never training data',
    );
    const model = wordingModelSchema.parse(modelJson);
    assert.equal(
      model.about.trainedOn,
      trainingFingerprint(sets, library),
      'a tuning batch or the library changed since the re-ranker was trained',
    );
  });

  it('trains the same model from the same examples', () => {
    assert.deepEqual(
      trainWordingModel(examples, classes, analyser, about, training),
      trainWordingModel(examples, classes, analyser, about, training),
    );
  });

  it('re-orders the situations the search found, towards what it learned', () => {
    const query = 'he says he never laid a finger on her';
    const plain = createWordingSearch(library);
    const before = plain.search(query, { limit: 24 });
    assert.equal(before.kind, 'matches');
    if (before.kind !== 'matches') return;
    assert.ok(before.results.some((r) => r.situationId === 'control-no-violence'));
    const reranker = createReranker(
      trainWordingModel(examples, classes, analyser, about, training),
    );
    const after = createWordingSearch(library, undefined, reranker).search(query, { limit: 24 });
    assert.equal(after.kind, 'matches');
    if (after.kind !== 'matches') return;
    assert.equal(after.results[0]?.situationId, 'control-no-violence');
    assert.ok((after.results[0]?.learned ?? 0) > 0.5);
    // Only an order: the same situations, with the search's own scores.
    assert.deepEqual(
      after.results.map((r) => [r.situationId, r.score]).sort(),
      before.results.map((r) => [r.situationId, r.score]).sort(),
    );
  });

  it('never turns a no-match into a match', () => {
    const reranker = createReranker(
      trainWordingModel(
        [{ text: 'can we move the appointment to thursday', label: 'opening' }],
        classes,
        analyser,
        about,
        training,
      ),
    );
    const search = createWordingSearch(library, undefined, reranker);
    assert.equal(search.search('can we move the appointment to thursday').kind, 'no-match');
  });

  it('refuses a model that does not know every situation of the library', () => {
    const model = wordingModelSchema.parse(modelJson);
    const short = { ...model, classes: model.classes.filter((id) => id !== 'stepfather') };
    assert.throws(
      () => parseWordingModel(short, library),
      (e: unknown) => e instanceof ContentPackError && /stepfather/.test(e.message),
    );
    assert.throws(() => parseWordingModel({ about }, library), ContentPackError);
  });
});
