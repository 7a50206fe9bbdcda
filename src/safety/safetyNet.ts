import { createLanguage } from './language';
import type { LearnedLayer } from './learned/model';
import { compilePattern, matchAt, type CompiledPattern, type NegationRules } from './patterns';
import { PhraseIndex } from './phraseIndex';
import type { SafetyCategoryContent, SafetyFile, SafetyLevel } from './schema';

/** Reports a malformed phrase with its path inside the safety file. */
export type PatternProblem = (path: readonly PropertyKey[], problem: string) => void;

interface CompiledCategory {
  readonly content: SafetyCategoryContent;
  readonly phrases: readonly CompiledPattern[];
  readonly unless: PhraseIndex;
  readonly requiresAlso: PhraseIndex | undefined;
  /** What the learned layer needs in the text before it may raise this category. */
  readonly learnedNeeds: PhraseIndex | undefined;
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
  learned?: LearnedLayer,
): SafetyNet {
  const rules = negationRulesOf(file.negation);
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
    unless: new PhraseIndex(compileAll(content.unless, ['categories', index, 'unless'])),
    requiresAlso:
      content.requiresAlso &&
      new PhraseIndex(compileAll(content.requiresAlso, ['categories', index, 'requiresAlso'])),
    learnedNeeds:
      content.learnedNeeds &&
      new PhraseIndex(compileAll(content.learnedNeeds, ['categories', index, 'learnedNeeds'])),
  }));
  // One index over every category's phrases: each token is looked up once per check.
  const owners = categories.flatMap((c, index) => c.phrases.map(() => index));
  const phrases = new PhraseIndex(categories.flatMap((c) => c.phrases));
  const idioms = new PhraseIndex(compileAll(file.idioms, ['idioms']));
  const byId = new Map(categories.map((c) => [c.content.id, c.content]));
  const analyse = createLanguage(file.language);

  const check = (text: string): SafetyFinding[] => {
    const sentences = analyse(text.slice(0, 20_000));
    if (sentences.length === 0) return [];
    const idiomWords = sentences.map((s) => idioms.coverage(s));
    const found = new Map<number, string[]>();
    /** Where each rule finding matched: [sentence, token positions]. */
    const matchedAt = new Map<number, readonly [number, readonly number[]]>();
    sentences.forEach((sentence, s) => {
      const masked = idiomWords[s] ?? new Set<number>();
      const unless = new Map<number, Set<number>>();
      for (const { phrase, start } of phrases.candidates(sentence)) {
        const owner = owners[phrase] ?? -1;
        const category = categories[owner];
        const pattern = phrases.phrases[phrase];
        if (!category || !pattern || found.has(owner)) continue;
        const negation = category.content.negatable ? rules : undefined;
        const match = matchAt(pattern, sentence, start, negation);
        if (!match || match.some((i) => masked.has(i))) continue;
        let exceptions = unless.get(owner);
        if (!exceptions) {
          exceptions = category.unless.coverage(sentence);
          unless.set(owner, exceptions);
        }
        if (match.some((i) => exceptions.has(i))) continue;
        found.set(
          owner,
          match.map((i) => sentence[i]?.typed ?? ''),
        );
        matchedAt.set(owner, [s, match]);
      }
    });
    const reading = learned?.read(sentences);
    // Everyday casework the word rules mistook for danger ("kids running her ragged", "a tracking
    // app for feeds"): the rules' findings are withdrawn when every one of them is in a category
    // the content marks withdrawable and the learned layer, knowing the words that matched, is
    // sure each matched sentence and the whole text are ordinary. Any other sign keeps them all.
    const withdrawAt = learned?.withdrawAt ?? Infinity;
    const everyday =
      learned !== undefined &&
      found.size > 0 &&
      (reading?.ordinary ?? 0) >= withdrawAt &&
      [...matchedAt].every(([owner, [s, words]]) => {
        const sentence = sentences[s];
        return (
          sentence !== undefined &&
          categories[owner]?.content.withdrawable === true &&
          (learned.ordinaryIn(sentence, words) ?? 0) >= withdrawAt
        );
      });
    if (everyday) found.clear();
    // The learned layer adds the one category it is confident of when no rule raised it,
    // naming the words that drove it.
    const judged = reading?.finding;
    const judgedOwner = judged ? categories.findIndex((c) => c.content.id === judged.id) : -1;
    const needs = categories[judgedOwner]?.learnedNeeds;
    const anchored =
      needs === undefined ||
      sentences.some((s, i) => needs.matchesAny(s, undefined, idiomWords[i] ?? new Set<number>()));
    if (judged && judgedOwner >= 0 && anchored && !found.has(judgedOwner)) {
      found.set(
        judgedOwner,
        judged.drivers.map(([s, t]) => sentences[s]?.[t]?.typed ?? ''),
      );
    }
    // A category that needs company ("pregnant") counts only beside another sign of abuse.
    const standalone = [...found.keys()].some((i) => categories[i]?.requiresAlso === undefined);
    return categories.flatMap((c, index) => {
      const words = found.get(index);
      if (!words) return [];
      const company =
        c.requiresAlso === undefined ||
        standalone ||
        sentences.some((s, i) =>
          c.requiresAlso?.matchesAny(s, rules, idiomWords[i] ?? new Set<number>()),
        );
      return company ? [{ id: c.content.id, level: c.content.level, words }] : [];
    });
  };

  return {
    scan: (text) => check(text).map((f) => f.id),
    check,
    category: (id) => byId.get(id),
    categoryIds: categories.map((c) => c.content.id),
    phraseCount: file.categories.reduce((n, c) => n + c.phrases.length, 0),
  };
}

/** The negation rules of a safety file, compiled (the rules and the learned layer share them). */
export function negationRulesOf(negation: SafetyFile['negation']): NegationRules {
  return {
    negators: new Set(negation.negators),
    notNegating: notNegatingMap(negation.notNegating),
    window: negation.window,
  };
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
