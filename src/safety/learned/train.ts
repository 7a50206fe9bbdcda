import type { Sentence } from '../language';
import type { NegationRules } from '../patterns';
import { featuresOf } from './features';
import { ordinaryClass, type SafetyModel } from './model';

export interface LabelledExample {
  readonly sentences: readonly Sentence[];
  /** A category id, or "ordinary". */
  readonly label: string;
}

export interface TrainingOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  readonly threshold: number;
  /** The rules' findings are withdrawn when "ordinary" reaches this probability. */
  readonly withdrawAt: number;
  /** Weights smaller than this (absolute) are dropped from the shipped model. */
  readonly prune: number;
  readonly seed: number;
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

/** A small seeded generator (mulberry32) so the same phrases always give the same model. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  const vocabulary = new Map<string, number>();
  const rows = examples.map((e) =>
    featuresOf(e.sentences, negation).map((f) => {
      let index = vocabulary.get(f.name);
      if (index === undefined) {
        index = vocabulary.size;
        vocabulary.set(f.name, index);
      }
      return index;
    }),
  );
  const targets = examples.map((e) => classes.indexOf(e.label));
  const weights = classes.map(() => new Float64Array(vocabulary.size));
  const bias = new Float64Array(classes.length);
  const random = seeded(options.seed);
  const order = rows.map((_, i) => i);
  const probabilities = new Float64Array(classes.length);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    for (const i of order) {
      const row = rows[i] ?? [];
      let top = -Infinity;
      for (let k = 0; k < classes.length; k += 1) {
        let score = bias[k] ?? 0;
        for (const j of row) score += weights[k]?.[j] ?? 0;
        probabilities[k] = score;
        top = Math.max(top, score);
      }
      let sum = 0;
      for (let k = 0; k < classes.length; k += 1) {
        probabilities[k] = Math.exp((probabilities[k] ?? 0) - top);
        sum += probabilities[k] ?? 0;
      }
      for (let k = 0; k < classes.length; k += 1) {
        const gradient = (probabilities[k] ?? 0) / sum - (targets[i] === k ? 1 : 0);
        bias[k] = (bias[k] ?? 0) - options.learningRate * gradient;
        const w = weights[k];
        if (!w) continue;
        for (const j of row)
          w[j] = (w[j] ?? 0) - options.learningRate * (gradient + options.l2 * (w[j] ?? 0));
      }
    }
  }
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const shipped: SafetyModel['weights'] = {};
  for (const [name, j] of [...vocabulary].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const pairs: [number, number][] = [];
    weights.forEach((w, k) => {
      const value = w[j] ?? 0;
      if (Math.abs(value) >= options.prune) pairs.push([k, round(value)]);
    });
    if (pairs.length > 0) shipped[name] = pairs;
  }
  return {
    about,
    classes,
    threshold: options.threshold,
    withdrawAt: options.withdrawAt,
    bias: [...bias].map(round),
    weights: shipped,
  };
}
