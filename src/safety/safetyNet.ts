import { createLanguage, type Sentence } from './language';
import {
  compilePattern,
  findMatch,
  findMatches,
  type CompiledPattern,
  type NegationRules,
} from './patterns';
import type { SafetyCategoryContent, SafetyFile, SafetyLevel } from './schema';

/** Reports a malformed phrase with its path inside the safety file. */
export type PatternProblem = (path: readonly PropertyKey[], problem: string) => void;

interface CompiledCategory {
  readonly content: SafetyCategoryContent;
  readonly phrases: readonly CompiledPattern[];
  readonly unless: readonly CompiledPattern[];
  readonly requiresAlso: readonly CompiledPattern[] | undefined;
}

/** One category the text raised, and the words (as typed) that raised it. */
export interface SafetyFinding {
  readonly id: string;
  readonly level: SafetyLevel;
  /**
   * The user's own words that drove it, for the personal safety card only. Never log them, never
   * put them where others can see (the compose-box result shows routes only).
   */
  readonly words: readonly string[];
}

/**
 * The safety net: finds which danger categories a piece of text touches. `scan` returns category
 * ids only; `check` adds the words that drove each one, for the personal card.
 */
export interface SafetyNet {
  /** Category ids the text raises, in the order of the trigger file. */
  scan(text: string): string[];
  /** The categories the text raises with their level and the words that drove them. */
  check(text: string): SafetyFinding[];
  /** The category's content, for ids from `scan` or from a ticked answer. */
  category(id: string): SafetyCategoryContent | undefined;
  /** Every category id, in file order. */
  readonly categoryIds: readonly string[];
  /** How many phrases the file holds (reported in the closing note). */
  readonly phraseCount: number;
}

export function compileSafetyNet(
  file: SafetyFile,
  problem: PatternProblem = () => undefined,
): SafetyNet {
  const negation: NegationRules = {
    negators: new Set(file.negation.negators),
    notNegating: notNegatingMap(file.negation.notNegating),
    window: file.negation.window,
  };
  const compileAll = (
    phrases: readonly string[],
    path: readonly PropertyKey[],
  ): CompiledPattern[] =>
    phrases.flatMap((phrase, index) => {
      const compiled = compilePattern(phrase, file.wordSets);
      if (typeof compiled === 'string') {
        problem([...path, index], `phrase ${compiled}`);
        return [];
      }
      return [compiled];
    });

  const categories: CompiledCategory[] = file.categories.map((content, index) => ({
    content,
    phrases: compileAll(content.phrases, ['categories', index, 'phrases']),
    unless: compileAll(content.unless, ['categories', index, 'unless']),
    requiresAlso:
      content.requiresAlso &&
      compileAll(content.requiresAlso, ['categories', index, 'requiresAlso']),
  }));
  const idioms = compileAll(file.idioms, ['idioms']);
  const byId = new Map(categories.map((c) => [c.content.id, c.content]));
  const analyse = createLanguage(file.language);

  const check = (text: string): SafetyFinding[] => {
    const sentences = analyse(text.slice(0, 20_000));
    if (sentences.length === 0) return [];
    const idiomWords = sentences.map((s) => maskOf(idioms, s, undefined));
    const found = new Map<string, string[]>();
    for (const category of categories) {
      const words = matchCategory(category, sentences, idiomWords, negation);
      if (words) found.set(category.content.id, words);
    }
    // A category that needs company ("pregnant") counts only beside another sign of abuse.
    const standalone = categories.some(
      (c) => c.requiresAlso === undefined && found.has(c.content.id),
    );
    return categories
      .filter((c) => found.has(c.content.id))
      .filter(
        (c) =>
          c.requiresAlso === undefined ||
          standalone ||
          sentences.some((s) =>
            c.requiresAlso?.some((p) => findMatch(p, s, negation) !== undefined),
          ),
      )
      .map((c) => ({
        id: c.content.id,
        level: c.content.level,
        words: found.get(c.content.id) ?? [],
      }));
  };

  return {
    scan: (text) => check(text).map((f) => f.id),
    check,
    category: (id) => byId.get(id),
    categoryIds: categories.map((c) => c.content.id),
    phraseCount: file.categories.reduce((n, c) => n + c.phrases.length, 0),
  };
}

/** Token positions covered by any of the patterns in the sentence. */
function maskOf(
  patterns: readonly CompiledPattern[],
  sentence: Sentence,
  negation: NegationRules | undefined,
): Set<number> {
  const mask = new Set<number>();
  for (const p of patterns)
    for (const m of findMatches(p, sentence, negation)) m.forEach((i) => mask.add(i));
  return mask;
}

/** The typed words of the category's first match that no idiom or exception covers, or undefined. */
function matchCategory(
  category: CompiledCategory,
  sentences: readonly Sentence[],
  idiomWords: readonly Set<number>[],
  rules: NegationRules,
): string[] | undefined {
  const negation = category.content.negatable ? rules : undefined;
  for (const [s, sentence] of sentences.entries()) {
    let unless: Set<number> | undefined;
    const idioms = idiomWords[s];
    const accept = (match: readonly number[]): boolean => {
      if (idioms && match.some((i) => idioms.has(i))) return false;
      unless ??= maskOf(category.unless, sentence, undefined);
      return !match.some((i) => unless?.has(i));
    };
    for (const phrase of category.phrases) {
      const match = findMatch(phrase, sentence, negation, accept);
      if (match) return match.map((i) => sentence[i]?.typed ?? '');
    }
  }
  return undefined;
}

function notNegatingMap(pairs: readonly string[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const pair of pairs) {
    const [negator = '', next = ''] = pair.split(' ');
    const set = map.get(negator) ?? new Set<string>();
    set.add(next);
    map.set(negator, set);
  }
  return map;
}
