/**
 * npm run safety:train — retrains the safety net's learned layer on the tuning half of the
 * labelled phrases (test/fixtures/safety/tuning; never the held-out half) and writes
 * src/content/coaching/safety-model.json. Deterministic: the same phrases give the same file.
 * Run it after changing a tuning batch or the language rules (a unit test says when it is stale).
 *
 *   -- --cross-validate   instead, trains on all tuning batches but one and scores the learned
 *                         layer alone on the one left out, for each batch in turn (how well it
 *                         reads phrases it has not seen), and the whole net at several withdrawal
 *                         levels; writes nothing.
 *   -- --list-withdrawn=L with --cross-validate, lists the tuning danger phrases the rules caught
 *                         and a layer withdrawing at L (the shipped level) took back.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import path from 'node:path';
import safetyJson from '../../../src/content/coaching/safety-triggers.json';
import { safetyFileSchema } from '../../../src/safety/schema';
import { compileSafetyNet, negationRulesOf } from '../../../src/safety/safetyNet';
import { createLearnedLayer, ordinaryClass } from '../../../src/safety/learned/model';
import { defaultTraining, trainSafetyModel } from '../../../src/safety/learned/train';
import { trainingBatches, trainingExamples, trainingFingerprint } from './trainingSet';

const rules = safetyFileSchema.parse(safetyJson);
const negation = negationRulesOf(rules.negation);
const batches = trainingBatches();
const { values } = parseArgs({
  options: {
    'cross-validate': { type: 'boolean', default: false },
    'list-withdrawn': { type: 'string' },
  },
});

if (values['cross-validate']) {
  const about = { what: 'cross-validation', trainedOn: '0'.repeat(64), trainedWith: '' };
  // The whole net (rules plus a layer that never saw the batch) at each withdrawal level; 1 means
  // the layer never withdraws a rule finding. The rules have been tuned on every tuning batch, so
  // only a batch added since the last tuning shows what the rules do with unseen text.
  const levels = [1, 0.95, 0.9, 0.8];
  const all = { danger: 0, raised: 0, ordinary: 0, alarms: 0 };
  const net = levels.map(() => ({ caught: 0, alarms: 0 }));
  // Each phrase is read once; every fold trains on the other batches' examples and judges these.
  const examplesOf = new Map(batches.map((b) => [b, trainingExamples([b], rules)]));
  for (const left of batches) {
    const others = batches.flatMap((b) => (b === left ? [] : (examplesOf.get(b) ?? [])));
    const model = trainSafetyModel(others, about, negation);
    const layer = createLearnedLayer(model, negation);
    const judged = (examplesOf.get(left) ?? []).map((e) => ({
      label: e.label,
      raised: layer.read(e.sentences).finding?.id,
    }));
    const raised = judged.filter((j) => j.label !== ordinaryClass && j.raised === j.label);
    const alarms = judged.filter((j) => j.label === ordinaryClass && j.raised !== undefined);
    all.danger += left.danger.length;
    all.raised += raised.length;
    all.ordinary += left.ordinary.length;
    all.alarms += alarms.length;
    const whole = levels.map((withdrawAt, i) => {
      const safety = compileSafetyNet(
        rules,
        undefined,
        createLearnedLayer({ ...model, withdrawAt }, negation),
      );
      const caught = left.danger.filter((d) => safety.scan(d.text).includes(d.category)).length;
      if (String(withdrawAt) === values['list-withdrawn']) {
        // Tuning phrases only (this script never reads the held-out half): what withdrawal costs.
        const kept = compileSafetyNet(rules, undefined, createLearnedLayer(model, negation));
        const ruled = compileSafetyNet(rules);
        for (const d of left.danger) {
          if (ruled.scan(d.text).includes(d.category) && !kept.scan(d.text).includes(d.category))
            console.log(`  withdrawn ${d.category}: ${d.text}`);
        }
      }
      const falseAlarms = left.ordinary.filter((t) => safety.scan(t).length > 0).length;
      const tally = net[i];
      if (tally) {
        tally.caught += caught;
        tally.alarms += falseAlarms;
      }
      return `${withdrawAt === 1 ? 'never' : withdrawAt}: ${percent(caught, left.danger.length)} / ${percent(falseAlarms, left.ordinary.length)}`;
    });
    console.log(
      `${left.name.padEnd(40)} learned layer alone: recall ${percent(raised.length, left.danger.length)}, false alarms ${percent(alarms.length, left.ordinary.length)}`,
    );
    console.log(`${''.padEnd(40)} whole net, withdraw at ${whole.join('; ')}`);
  }
  console.log(
    `${'all, each batch unseen'.padEnd(40)} learned layer alone: recall ${percent(all.raised, all.danger)}, false alarms ${percent(all.alarms, all.ordinary)}`,
  );
  levels.forEach((withdrawAt, i) => {
    const t = net[i] ?? { caught: 0, alarms: 0 };
    console.log(
      `${''.padEnd(40)} whole net, withdraw at ${withdrawAt === 1 ? 'never' : withdrawAt}: recall ${percent(t.caught, all.danger)}, false alarms ${percent(t.alarms, all.ordinary)}`,
    );
  });
  process.exit(0);
}

function percent(n: number, of: number): string {
  return `${((100 * n) / Math.max(1, of)).toFixed(1)}% (${n}/${of})`;
}
const model = trainSafetyModel(
  trainingExamples(batches, rules),
  {
    what: 'The safety net learned layer: multinomial logistic regression over lemmas and lemma pairs. Generated by `npm run safety:train`; do not edit by hand.',
    trainedOn: trainingFingerprint(batches, rules),
    trainedWith: `${batches.length} tuning batches (${batches.map((b) => b.name).join(', ')}); epochs ${defaultTraining.epochs}, learning rate ${defaultTraining.learningRate}, L2 ${defaultTraining.l2}, seed ${defaultTraining.seed}, weights under ${defaultTraining.prune} pruned`,
  },
  negation,
);
const out = path.resolve(__dirname, '../../../src/content/coaching/safety-model.json');
writeFileSync(out, `${JSON.stringify(model)}\n`);
console.log(
  `safety model: ${model.classes.length} classes, ${Object.keys(model.weights).length} features, threshold ${model.threshold} -> ${path.relative(process.cwd(), out)}`,
);
