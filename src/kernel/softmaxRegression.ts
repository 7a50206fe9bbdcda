/**
 * A small multinomial logistic regression over named binary features, trained by stochastic
 * gradient descent with L2 in a seeded order, and shipped as data (feature → [class, weight]
 * pairs, small weights pruned). Shared by the safety net's learned layer and the wording search's
 * re-ranker: deterministic for the same rows and options, explainable by its weights.
 */
export interface SoftmaxTraining {
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  /** Weights smaller than this (absolute) are dropped from the shipped model. */
  readonly prune: number;
  readonly seed: number;
}

export interface SoftmaxWeights {
  readonly bias: number[];
  /** feature → [class index, weight] pairs. */
  readonly weights: Record<string, [number, number][]>;
}

/** A small seeded generator (mulberry32) so the same rows always give the same model. */
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
 * Trains on `rows` (each a list of feature names) with `targets` (class indexes below
 * `classCount`). Features are numbered in order of first appearance, as the seeded order assumes.
 */
export function trainSoftmax(
  rows: readonly (readonly string[])[],
  targets: readonly number[],
  classCount: number,
  options: SoftmaxTraining,
): SoftmaxWeights {
  const vocabulary = new Map<string, number>();
  const indexed = rows.map((row) =>
    row.map((name) => {
      let index = vocabulary.get(name);
      if (index === undefined) {
        index = vocabulary.size;
        vocabulary.set(name, index);
      }
      return index;
    }),
  );
  const weights = Array.from({ length: classCount }, () => new Float64Array(vocabulary.size));
  const bias = new Float64Array(classCount);
  const random = seeded(options.seed);
  const order = indexed.map((_, i) => i);
  const probabilities = new Float64Array(classCount);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    for (const i of order) {
      const row = indexed[i] ?? [];
      let top = -Infinity;
      for (let k = 0; k < classCount; k += 1) {
        let score = bias[k] ?? 0;
        for (const j of row) score += weights[k]?.[j] ?? 0;
        probabilities[k] = score;
        top = Math.max(top, score);
      }
      let sum = 0;
      for (let k = 0; k < classCount; k += 1) {
        probabilities[k] = Math.exp((probabilities[k] ?? 0) - top);
        sum += probabilities[k] ?? 0;
      }
      for (let k = 0; k < classCount; k += 1) {
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
  const shipped: Record<string, [number, number][]> = {};
  for (const [name, j] of [...vocabulary].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const pairs: [number, number][] = [];
    weights.forEach((w, k) => {
      const value = w[j] ?? 0;
      if (Math.abs(value) >= options.prune) pairs.push([k, round(value)]);
    });
    if (pairs.length > 0) shipped[name] = pairs;
  }
  return { bias: [...bias].map(round), weights: shipped };
}

/**
 * A shipped model's weights packed into typed arrays: one row per feature, its (class, weight)
 * pairs side by side. Held as parsed JSON they are tens of thousands of two-element arrays (the
 * safety model's about 16 MB of the bot's heap, the wording model's about 10, each one marked by
 * every full garbage collection); packed, a few MB. Same pairs, same order, same doubles: every
 * score is summed exactly as from the JSON.
 */
export interface PackedWeights {
  /** feature → its row. */
  readonly rows: ReadonlyMap<string, number>;
  /** Row r's pairs are [start[r], start[r + 1]). */
  readonly start: Uint32Array;
  readonly classOf: Uint8Array;
  readonly weight: Float64Array;
}

export function packWeights(
  weights: Readonly<Record<string, readonly (readonly [number, number])[]>>,
): PackedWeights {
  const entries = Object.entries(weights);
  const rows = new Map<string, number>();
  const start = new Uint32Array(entries.length + 1);
  let pairs = 0;
  entries.forEach(([, row], r) => {
    start[r] = pairs;
    pairs += row.length;
  });
  start[entries.length] = pairs;
  const classOf = new Uint8Array(pairs);
  const weight = new Float64Array(pairs);
  let at = 0;
  entries.forEach(([feature, row], r) => {
    rows.set(feature, r);
    for (const [k, w] of row) {
      if (k > 255) throw new Error(`a packed model keeps class indexes in a byte (${feature})`);
      classOf[at] = k;
      weight[at] = w;
      at += 1;
    }
  });
  return { rows, start, classOf, weight };
}

/** Each class's raw score (bias plus the weights of the features present). */
export function softmaxScores(
  bias: readonly number[],
  packed: PackedWeights,
  features: Iterable<string>,
): number[] {
  const { rows, start, classOf, weight } = packed;
  const scores = [...bias];
  for (const name of features) {
    const r = rows.get(name);
    if (r === undefined) continue;
    for (let i = start[r] ?? 0, end = start[r + 1] ?? 0; i < end; i++) {
      const k = classOf[i] ?? 0;
      scores[k] = (scores[k] ?? 0) + (weight[i] ?? 0);
    }
  }
  return scores;
}

/** Scores → probabilities. */
export function softmax(scores: readonly number[]): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
