import { z } from 'zod';
import type { Sentence } from '../language';
import type { NegationRules } from '../patterns';
import { featuresOf } from './features';

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

export interface LearnedLayer {
  /** The category the model is confident of, if any (never "ordinary"). */
  judge(sentences: readonly Sentence[]): LearnedFinding | undefined;
  readonly classes: readonly string[];
}

export const ordinaryClass = 'ordinary';

export function createLearnedLayer(model: SafetyModel, negation: NegationRules): LearnedLayer {
  const classes = model.classes;
  const weights = new Map(Object.entries(model.weights));
  const judge = (sentences: readonly Sentence[]): LearnedFinding | undefined => {
    const scores = classes.map((_, k) => model.bias[k] ?? 0);
    const features = featuresOf(sentences, negation);
    for (const feature of features) {
      for (const [k, w] of weights.get(feature.name) ?? []) scores[k] = (scores[k] ?? 0) + w;
    }
    const top = Math.max(...scores);
    const exps = scores.map((score) => Math.exp(score - top));
    const sum = exps.reduce((a, b) => a + b, 0);
    const best = scores.indexOf(top);
    const id = classes[best];
    const probability = (exps[best] ?? 0) / sum;
    if (id === undefined || id === ordinaryClass || probability < model.threshold) return undefined;
    const drivers = features
      .map((f) => ({
        at: f.at,
        w: (weights.get(f.name) ?? []).find(([k]) => k === best)?.[1] ?? 0,
      }))
      .filter((f) => f.w > 0)
      .sort((a, b) => b.w - a.w)
      .flatMap((f) => f.at);
    const unique = [...new Map(drivers.map((at) => [`${at[0]}:${at[1]}`, at])).values()];
    return { id, probability, drivers: unique.slice(0, 3) };
  };
  return { judge, classes };
}
