import { z } from 'zod';
import { situationIds } from '../../content/wording/schema';
import { packWeights, softmax, softmaxScores } from '../../kernel/softmaxRegression';
import { rerankFeatures } from './features';

/**
 * The wording search's learned re-ranker: a small multinomial logistic regression over the query's
 * analysed terms and term pairs, trained on the tuning half of the labelled queries and the
 * library's own keywords, "when" lines and descriptions (never the held-out half), shipped as
 * data. It only re-orders the situations the search already found; whether there is a match at
 * all stays the search's decision, from the kind of evidence. It never generates text.
 */
export const wordingModelSchema = z.strictObject({
  about: z.strictObject({
    what: z.string(),
    /** sha256 of the training queries and the library; a test fails when they move on. */
    trainedOn: z.string().regex(/^[0-9a-f]{64}$/),
    trainedWith: z.string(),
  }),
  classes: z.array(z.enum(situationIds)).min(2),
  /** How much the model's probability counts beside the search's own score (scaled to 0–1). */
  weight: z.number().nonnegative(),
  bias: z.array(z.number()),
  /** feature → [class index, weight] pairs (small weights pruned). */
  weights: z.record(z.string(), z.array(z.tuple([z.number().int().nonnegative(), z.number()]))),
});
export type WordingModel = z.infer<typeof wordingModelSchema>;

export interface WordingReranker {
  /** How much the model's probability counts beside the search's scaled score. */
  readonly weight: number;
  /** Each situation's probability for a query's analysed terms and its words as typed. */
  probabilities(terms: readonly string[], words: readonly string[]): ReadonlyMap<string, number>;
}

export function createReranker(model: WordingModel): WordingReranker {
  // Only what ranking needs is kept, not the parsed model: no closure here names `model` (V8
  // would keep it alive in the context the closures share).
  const { weight, classes, bias, packed } = unpack(model);
  return {
    weight,
    probabilities(terms, words) {
      const p = softmax(softmaxScores(bias, packed, rerankFeatures(terms, words)));
      return new Map(classes.map((id, k) => [id, p[k] ?? 0]));
    },
  };
}

function unpack(model: WordingModel) {
  return {
    weight: model.weight,
    classes: [...model.classes],
    bias: [...model.bias],
    packed: packWeights(model.weights),
  };
}
