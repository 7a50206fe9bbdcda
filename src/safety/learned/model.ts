import { z } from 'zod';
import { packWeights, softmax, softmaxScores } from '../../kernel/softmaxRegression';
import type { Sentence } from '../language';
import type { NegationRules } from '../patterns';
import { featuresOf, type Feature } from './features';

/**
 * The learned second layer of the safety net: a small multinomial logistic regression over
 * lemmas and lemma pairs, trained on the tuning half of the labelled phrases only (never the
 * held-out half), shipped as data. It adds a category the rules missed when it is confident, and
 * it is explainable: a finding names the typed words whose features pushed hardest towards it.
 * It never generates text.
 */
export const safetyModelSchema = z.strictObject({
  about: z.strictObject({
    what: z.string(),
    /** sha256 of the training phrases and language rules; a test fails when they move on. */
    trainedOn: z.string().regex(/^[0-9a-f]{64}$/),
    trainedWith: z.string(),
  }),
  /** The outcomes, "ordinary" among them. */
  classes: z.array(z.string().min(1)).min(2),
  /** A category is added only when its probability is at least this. */
  threshold: z.number().gt(0).lt(1),
  /**
   * A rule's finding is withdrawn when the layer reads its sentence as ordinary with at
   * least this probability (it reads everyday casework better than word rules do), in the
   * categories the triggers mark `withdrawable`.
   */
  // Above a half: a text read as ordinary that surely is then the layer's own top reading, so a
  // text whose findings are withdrawn never gets one of the layer's instead.
  withdrawAt: z.number().gt(0.5).lte(1),
  bias: z.array(z.number()),
  /** feature → [class index, weight] pairs (small weights pruned). */
  weights: z.record(z.string(), z.array(z.tuple([z.number().int().nonnegative(), z.number()]))),
});
export type SafetyModel = z.infer<typeof safetyModelSchema>;

export interface LearnedFinding {
  readonly id: string;
  readonly probability: number;
  /** [sentence, token] positions of the words that drove it, strongest first (at most 3). */
  readonly drivers: readonly (readonly [number, number])[];
}

export interface LearnedReading {
  /** The category the model is confident of, if any (never "ordinary"). */
  readonly finding: LearnedFinding | undefined;
  /** How sure it is that the text is ordinary casework, 0 to 1. */
  readonly ordinary: number;
}

export interface LearnedLayer {
  read(sentences: readonly Sentence[]): LearnedReading;
  /**
   * How sure the layer is that one sentence is ordinary casework, or undefined when the sentence
   * is too short to judge from its context, or when it has not learned anything about one of
   * these words (token positions), alone or beside its neighbours: a word it never saw is no
   * evidence.
   */
  ordinaryIn(sentence: Sentence, words: readonly number[]): number | undefined;
  /** Withdraw a rule's finding when `ordinaryIn` its sentence is at least this. */
  readonly withdrawAt: number;
  readonly classes: readonly string[];
}

export const ordinaryClass = 'ordinary';

/** Words a sentence needs besides the matched ones before the layer may call it everyday. */
const minimumContext = 5;

function unpack(model: SafetyModel) {
  const classes = [...model.classes];
  const bias = classes.map((_, k) => model.bias[k] ?? 0);
  return {
    classes,
    bias,
    threshold: model.threshold,
    withdrawAt: model.withdrawAt,
    packed: packWeights(model.weights),
  };
}

export function createLearnedLayer(model: SafetyModel, negation: NegationRules): LearnedLayer {
  // Only what reading needs is kept, not the parsed model: no closure here may name `model`
  // (V8 would keep it alive in the context the closures share).
  const { classes, bias, threshold, withdrawAt, packed } = unpack(model);
  const { rows, start, classOf, weight } = packed;
  const ordinaryIndex = classes.indexOf(ordinaryClass);
  /** The feature's weight towards class k, or 0 (the first pair for k, as `find` had it). */
  const weightFor = (feature: string, k: number): number => {
    const r = rows.get(feature);
    if (r === undefined) return 0;
    for (let i = start[r] ?? 0, end = start[r + 1] ?? 0; i < end; i++) {
      if (classOf[i] === k) return weight[i] ?? 0;
    }
    return 0;
  };
  /** Softmax of the class scores. */
  const probabilities = (features: readonly Feature[]): number[] =>
    softmax(
      softmaxScores(
        bias,
        packed,
        features.map((feature) => feature.name),
      ),
    );
  const read = (sentences: readonly Sentence[]): LearnedReading => {
    const features = featuresOf(sentences, negation);
    const p = probabilities(features);
    const probability = Math.max(...p);
    const best = p.indexOf(probability);
    const id = classes[best];
    const ordinary = p[ordinaryIndex] ?? 0;
    if (id === undefined || id === ordinaryClass || probability < threshold)
      return { finding: undefined, ordinary };
    const drivers = features
      .map((f) => ({ at: f.at, w: weightFor(f.name, best) }))
      .filter((f) => f.w > 0)
      .sort((a, b) => b.w - a.w)
      .flatMap((f) => f.at);
    const unique = [...new Map(drivers.map((at) => [`${at[0]}:${at[1]}`, at])).values()];
    return { finding: { id, probability, drivers: unique.slice(0, 3) }, ordinary };
  };
  const ordinaryIn = (sentence: Sentence, words: readonly number[]): number | undefined => {
    // A short sentence is mostly its danger words: too little context to call it everyday.
    if (sentence.length - words.length < minimumContext) return undefined;
    const seen = featuresOf([sentence], negation);
    const known = words.every((t) =>
      seen.some((f) => rows.has(f.name) && f.at.some(([, at]) => at === t)),
    );
    return known ? (probabilities(seen)[ordinaryIndex] ?? 0) : undefined;
  };
  return { read, ordinaryIn, withdrawAt, classes };
}
