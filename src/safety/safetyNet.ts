import { normaliseWords } from './normalise';
import {
  compilePattern,
  patternMatches,
  type CompiledPattern,
  type NegationRules,
} from './patterns';
import type { SafetyCategoryContent, SafetyFile } from './schema';

/** Reports a malformed phrase with its path inside the safety file. */
export type PatternProblem = (path: readonly PropertyKey[], problem: string) => void;

interface CompiledCategory {
  readonly content: SafetyCategoryContent;
  readonly phrases: readonly CompiledPattern[];
  readonly requiresAlso: readonly CompiledPattern[] | undefined;
}

/**
 * The safety net: finds which danger categories a piece of text touches. It returns category ids
 * only, never the text or the phrase that matched, so nothing a user typed can be echoed or
 * logged through it.
 */
export interface SafetyNet {
  /** Category ids the text matches, in the order of the trigger file. */
  scan(text: string): string[];
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
    fillers: new Set(file.negation.fillers),
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
    requiresAlso:
      content.requiresAlso &&
      compileAll(content.requiresAlso, ['categories', index, 'requiresAlso']),
  }));
  const byId = new Map(categories.map((c) => [c.content.id, c.content]));

  return {
    scan(text) {
      const words = normaliseWords(text);
      if (words.length === 0) return [];
      return categories.filter((c) => matchesCategory(c, words, negation)).map((c) => c.content.id);
    },
    category: (id) => byId.get(id),
    categoryIds: categories.map((c) => c.content.id),
    phraseCount: file.categories.reduce((n, c) => n + c.phrases.length, 0),
  };
}

function matchesCategory(
  category: CompiledCategory,
  words: readonly string[],
  rules: NegationRules,
): boolean {
  const negation = category.content.negatable ? rules : undefined;
  if (!category.phrases.some((p) => patternMatches(p, words, negation))) return false;
  // The companion words are never negated: "pregnant, and he says he did not hit her" still counts.
  return (
    category.requiresAlso === undefined ||
    category.requiresAlso.some((p) => patternMatches(p, words, undefined))
  );
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
