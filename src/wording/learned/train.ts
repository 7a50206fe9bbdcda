import type { SituationId, WordingLibrary } from '../../content/wording/schema';
import { trainSoftmax, type SoftmaxTraining } from '../../kernel/softmaxRegression';
import type { Analyser } from '../text/analyser';
import { tokenize } from '../text/normalise';
import { rerankFeatures } from './features';
import type { WordingModel } from './model';

export interface LabelledText {
  readonly text: string;
  readonly label: SituationId;
}

export interface WordingTraining extends SoftmaxTraining {
  /** The model's weight beside the search's score (chosen by cross-validation by batch). */
  readonly weight: number;
}

/** Chosen by leave-one-batch-out cross-validation on the tuning half (npm run wording:train -- --cross-validate). */
export const defaultWordingTraining: WordingTraining = {
  epochs: 30,
  learningRate: 0.2,
  l2: 1e-3,
  prune: 0.1,
  seed: 1205,
  weight: 2,
};

/**
 * The library's own words as examples: each situation's title with its description, each
 * phrasing's "when" line and each keyword. They teach the model every situation's vocabulary,
 * including words no labelled query has used yet.
 */
export function libraryExamples(library: WordingLibrary): LabelledText[] {
  return library.situations.flatMap((s) => [
    { text: `${s.title}. ${s.description}`, label: s.id },
    ...s.phrasings.map((p) => ({ text: p.when, label: s.id })),
    ...s.keywords.map((k) => ({ text: k, label: s.id })),
  ]);
}

/** Trains the re-ranker; deterministic for the same examples and options. */
export function trainWordingModel(
  examples: readonly LabelledText[],
  classes: readonly SituationId[],
  analyser: Analyser,
  about: WordingModel['about'],
  options: WordingTraining = defaultWordingTraining,
): WordingModel {
  const rows = examples.map((e) =>
    rerankFeatures(
      analyser.analyseQuery(e.text).terms.map((t) => t.term),
      tokenize(e.text),
    ),
  );
  const { bias, weights } = trainSoftmax(
    rows,
    examples.map((e) => classes.indexOf(e.label)),
    classes.length,
    options,
  );
  return { about, classes: [...classes], weight: options.weight, bias, weights };
}
