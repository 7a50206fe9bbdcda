import { createHash } from 'node:crypto';
import { createLanguage } from '../../../src/safety/language';
import { ordinaryClass } from '../../../src/safety/learned/model';
import type { LabelledExample } from '../../../src/safety/learned/train';
import type { SafetyFile } from '../../../src/safety/schema';

/** The parts of the safety file that turn text into the learned layer's features. */
export type FeatureRules = Pick<SafetyFile, 'language' | 'negation'>;
import { readLabelledBatches, type LabelledBatch } from './labelledPhrases';

/**
 * What the learned layer is trained on: the tuning half only. The held-out half is never read
 * here: a model that had seen it would make its reading meaningless.
 */
export function trainingBatches(): LabelledBatch[] {
  return readLabelledBatches(['tuning']);
}

/** sha256 of the training phrases and the rules that turn them into features. */
export function trainingFingerprint(
  batches: readonly LabelledBatch[],
  rules: FeatureRules,
): string {
  const hash = createHash('sha256');
  for (const b of [...batches].sort((x, y) => (x.name < y.name ? -1 : 1))) {
    hash.update(JSON.stringify([b.half, b.name, b.danger, b.ordinary]));
  }
  hash.update(JSON.stringify([rules.language, rules.negation]));
  return hash.digest('hex');
}

export function trainingExamples(
  batches: readonly LabelledBatch[],
  rules: FeatureRules,
): LabelledExample[] {
  const analyse = createLanguage(rules.language);
  return batches.flatMap((b) => [
    ...b.danger.map((d) => ({ sentences: analyse(d.text), label: d.category })),
    ...b.ordinary.map((text) => ({ sentences: analyse(text), label: ordinaryClass })),
  ]);
}
