import type { Sentence, Token } from './language';

/**
 * Trigger phrases, compiled to token-level patterns. A phrase word matches a token when it equals
 * the token's word or its lemma, so "kill" matches "kills", "killed" and "killing", and "kid"
 * matches "kids". Matching is on whole tokens: "kill*" matches "killer" but never "skill".
 *
 *   word        that word, or any inflection of it     kill*   any word or lemma starting "kill"
 *   a|b|c*      any of the alternatives                 _       any one word
 *   a+b|c       "a b" or "c" (a multi-word alternative)
 *   #           any number                              ..      up to four words in between
 *   @set        any word of a named word set            ...     up to twelve words (same sentence)
 */

interface Alternative {
  readonly text: string;
  readonly stem: boolean;
}

type PatternToken =
  | {
      readonly kind: 'word';
      readonly alternatives: readonly Alternative[];
      /** The whole words, for a constant-time look-up; stems are checked one by one. */
      readonly exact: ReadonlySet<string>;
      readonly stems: readonly string[];
      /** Multi-word alternatives ("end+up"), each a run of single-word alternatives. */
      readonly runs: readonly (readonly Alternative[])[];
      readonly any: boolean;
    }
  | { readonly kind: 'number' }
  | { readonly kind: 'gap'; readonly max: number };

export type CompiledPattern = readonly PatternToken[];

const shortGap = 4;
const longGap = 12;

export interface NegationRules {
  readonly negators: ReadonlySet<string>;
  /** Negator → words after it that cancel the negation ("no longer"). */
  readonly notNegating: ReadonlyMap<string, ReadonlySet<string>>;
  /** How many words back, inside the same clause, a negator reaches. */
  readonly window: number;
}

/** Compiles one phrase, or returns the reason it is malformed. */
export function compilePattern(
  phrase: string,
  wordSets: Readonly<Record<string, readonly string[]>>,
): CompiledPattern | string {
  const parts = phrase.split(' ');
  if (parts.some((p) => p === '')) return 'has a double, leading or trailing space';
  const tokens: PatternToken[] = [];
  for (const part of parts) {
    if (part === '..') tokens.push({ kind: 'gap', max: shortGap });
    else if (part === '...') tokens.push({ kind: 'gap', max: longGap });
    else if (part === '_')
      tokens.push({
        kind: 'word',
        alternatives: [],
        exact: new Set(),
        stems: [],
        runs: [],
        any: true,
      });
    else if (part === '#') tokens.push({ kind: 'number' });
    else {
      const compiled = compileAlternatives(part, wordSets);
      if (typeof compiled === 'string') return compiled;
      const alternatives = compiled.filter((a) => a.length === 1).flat();
      tokens.push({
        kind: 'word',
        alternatives,
        runs: compiled.filter((a) => a.length > 1),
        exact: new Set(alternatives.filter((a) => !a.stem).map((a) => a.text)),
        stems: alternatives.filter((a) => a.stem).map((a) => a.text),
        any: false,
      });
    }
  }
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (first?.kind === 'gap' || last?.kind === 'gap') return 'must start and end with a word';
  if (tokens.some((t, i) => t.kind === 'gap' && tokens[i + 1]?.kind === 'gap'))
    return 'has two gaps in a row';
  return tokens;
}

/** Each alternative as a run of words: one word, or several joined by + ("end+up"). */
function compileAlternatives(
  part: string,
  wordSets: Readonly<Record<string, readonly string[]>>,
): Alternative[][] | string {
  const out: Alternative[][] = [];
  for (const option of part.split('|')) {
    if (option.startsWith('@')) {
      const set = wordSets[option.slice(1)];
      if (set === undefined) return `uses unknown word set ${option}`;
      out.push(...set.map((w) => w.split('+').map(toAlternative)));
    } else if (/^[a-z0-9]+\*?(?:\+[a-z0-9]+\*?)*$/.test(option)) {
      out.push(option.split('+').map(toAlternative));
    } else {
      return `has a malformed word "${option}" (use a-z and 0-9, a trailing * for a stem, + between words)`;
    }
  }
  return out;
}

function toAlternative(option: string): Alternative {
  return option.endsWith('*')
    ? { text: option.slice(0, -1), stem: true }
    : { text: option, stem: false };
}

/** The literal words a pattern names (for the misspelling layer's vocabulary). */
export function wordsOf(pattern: CompiledPattern): string[] {
  return pattern.flatMap((t) =>
    t.kind === 'word'
      ? [...t.alternatives, ...t.runs.flat()].filter((a) => !a.stem).map((a) => a.text)
      : [],
  );
}

function alternativeMatches(token: Token, a: Alternative): boolean {
  return a.stem
    ? token.word.startsWith(a.text) || token.lemma.startsWith(a.text)
    : token.word === a.text || token.lemma === a.text;
}

function tokenMatches(token: Token, t: PatternToken): boolean {
  if (t.kind === 'number') return /^\d+\+?$/.test(token.word);
  if (t.kind !== 'word') return false;
  if (t.any) return true;
  if (t.exact.has(token.word) || t.exact.has(token.lemma)) return true;
  return t.stems.some((stem) => token.word.startsWith(stem) || token.lemma.startsWith(stem));
}

function isNegator(tokens: Sentence, i: number, rules: NegationRules): boolean {
  const token = tokens[i];
  if (token === undefined) return false;
  const negator = rules.negators.has(token.lemma)
    ? token.lemma
    : rules.negators.has(token.word)
      ? token.word
      : undefined;
  if (negator === undefined) return false;
  const next = tokens[i + 1];
  const cancel = rules.notNegating.get(negator);
  return !(
    next !== undefined &&
    cancel !== undefined &&
    (cancel.has(next.word) || cancel.has(next.lemma))
  );
}

/**
 * True when a negator sits in the same clause as the match, before its first word (within the
 * window) or inside one of its gaps: "no knife", "she is not scared of him". Never across a full
 * stop, a comma, "but" or "though".
 */
function negated(tokens: Sentence, matched: readonly number[], rules: NegationRules): boolean {
  const first = matched[0];
  const last = matched[matched.length - 1];
  if (first === undefined || last === undefined) return false;
  const clause = tokens[first]?.clause;
  for (let i = first - 1; i >= Math.max(0, first - rules.window); i--) {
    if (tokens[i]?.clause !== clause) break;
    if (isNegator(tokens, i, rules)) return true;
  }
  for (let i = first + 1; i < last; i++)
    if (!matched.includes(i) && isNegator(tokens, i, rules)) return true;
  return false;
}

/** True when the token at `index` lies in a negation's reach (same clause, within the window). */
export function negatedAt(tokens: Sentence, index: number, rules: NegationRules): boolean {
  return negated(tokens, [index], rules);
}

/**
 * Places the pattern matches in the sentence, as the indices of the tokens its words matched,
 * one start position at a time; `accept` returns true to stop at that match. With `negation`,
 * negated matches are skipped. Returns the accepted match, if any.
 */
export function findMatch(
  pattern: CompiledPattern,
  tokens: Sentence,
  negation: NegationRules | undefined,
  accept: (matched: readonly number[]) => boolean = () => true,
): readonly number[] | undefined {
  const first = pattern[0];
  const stack: number[] = [];
  for (let start = 0; start < tokens.length; start++) {
    const token = tokens[start];
    if (first === undefined || token === undefined) continue;
    if (
      !tokenMatches(token, first) &&
      !(first.kind === 'word' && first.runs.some((r) => r[0] && alternativeMatches(token, r[0])))
    )
      continue;
    stack.length = 0;
    if (!matchFrom(pattern, 0, tokens, start, stack)) continue;
    const matched = [...stack];
    if (negation && negated(tokens, matched, negation)) continue;
    if (accept(matched)) return matched;
  }
  return undefined;
}

/**
 * The match of the pattern starting at `start`, or undefined (also when negated). For callers
 * that already know where a pattern may start (see PhraseIndex).
 */
export function matchAt(
  pattern: CompiledPattern,
  tokens: Sentence,
  start: number,
  negation: NegationRules | undefined,
): readonly number[] | undefined {
  const stack: number[] = [];
  if (!matchFrom(pattern, 0, tokens, start, stack)) return undefined;
  return negation && negated(tokens, stack, negation) ? undefined : stack;
}

/** What a pattern's first word may be: whole words, stems, or anything (`_`, `#`). */
export function firstWordsOf(pattern: CompiledPattern): {
  readonly exact: readonly string[];
  readonly stems: readonly string[];
  readonly any: boolean;
} {
  const first = pattern[0];
  if (first === undefined || first.kind !== 'word' || first.any)
    return { exact: [], stems: [], any: true };
  const heads = [...first.alternatives, ...first.runs.flatMap((r) => r.slice(0, 1))];
  return {
    exact: heads.filter((a) => !a.stem).map((a) => a.text),
    stems: heads.filter((a) => a.stem).map((a) => a.text),
    any: false,
  };
}

/** Every match of the pattern in the sentence (see findMatch). */
export function findMatches(
  pattern: CompiledPattern,
  tokens: Sentence,
  negation: NegationRules | undefined,
): number[][] {
  const found: number[][] = [];
  findMatch(pattern, tokens, negation, (m) => {
    found.push([...m]);
    return false;
  });
  return found;
}

/** Matches pattern[index..] at position, pushing matched word positions onto `stack`. */
function matchFrom(
  pattern: CompiledPattern,
  index: number,
  tokens: Sentence,
  position: number,
  stack: number[],
): boolean {
  const t = pattern[index];
  if (t === undefined) return true;
  if (t.kind === 'gap') {
    for (let skip = 0; skip <= t.max && position + skip < tokens.length; skip++) {
      if (matchFrom(pattern, index + 1, tokens, position + skip, stack)) return true;
    }
    return false;
  }
  const token = tokens[position];
  if (token === undefined) return false;
  if (tokenMatches(token, t)) {
    stack.push(position);
    if (matchFrom(pattern, index + 1, tokens, position + 1, stack)) return true;
    stack.pop();
  }
  if (t.kind !== 'word') return false;
  for (const run of t.runs) {
    if (
      !run.every((a, k) => {
        const next = tokens[position + k];
        return next !== undefined && alternativeMatches(next, a);
      })
    )
      continue;
    const depth = stack.length;
    for (let k = 0; k < run.length; k++) stack.push(position + k);
    if (matchFrom(pattern, index + 1, tokens, position + run.length, stack)) return true;
    stack.length = depth;
  }
  return false;
}
