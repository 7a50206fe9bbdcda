import { trainSoftmax, type SoftmaxTraining } from '../../kernel/softmaxRegression';
import type { Sentence } from '../language';
import type { NegationRules } from '../patterns';
import { featuresOf } from './features';
import { ordinaryClass, type SafetyModel } from './model';

export interface LabelledExample {
  readonly sentences: readonly Sentence[];
  /** A category id, or "ordinary". */
  readonly label: string;
}

export interface TrainingOptions extends SoftmaxTraining {
  readonly threshold: number;
  /** The rules' findings are withdrawn when "ordinary" reaches this probability. */
  readonly withdrawAt: number;
}

export const defaultTraining: TrainingOptions = {
  epochs: 40,
  learningRate: 0.5,
  l2: 1e-4,
  threshold: 0.6,
  withdrawAt: 0.95,
  prune: 0.05,
  seed: 1204,
};

/**
 * Trains the multinomial logistic regression by stochastic gradient descent with L2, in a
 * seeded order, and prunes small weights. Deterministic for the same examples and options.
 */
export function trainSafetyModel(
  examples: readonly LabelledExample[],
  about: SafetyModel['about'],
  negation: NegationRules,
  options: TrainingOptions = defaultTraining,
): SafetyModel {
  const classes = [
    ordinaryClass,
    ...[...new Set(examples.map((e) => e.label))].filter((l) => l !== ordinaryClass).sort(),
  ];
  const { bias, weights } = trainSoftmax(
    examples.map((e) => featuresOf(e.sentences, negation).map((f) => f.name)),
    examples.map((e) => classes.indexOf(e.label)),
    classes.length,
    options,
  );
  return {
    about,
    classes,
    threshold: options.threshold,
    withdrawAt: options.withdrawAt,
    bias,
    weights,
  };
}
