/**
 * Trigger phrases, compiled to word-level patterns. Matching is on whole normalised words, so
 * "kill*" matches "killed" but never "skill", and a phrase cannot match across part of a word.
 *
 *   word        that exact word             kill*   any word starting "kill"
 *   a|b|c*      any of the alternatives     _       any one word
 *   ..          up to three words of gap    @set    any word of a named word set
 */

interface Alternative {
  readonly text: string;
  readonly stem: boolean;
}

type PatternToken =
  | { readonly kind: 'word'; readonly alternatives: readonly Alternative[] }
  | { readonly kind: 'any' }
  | { readonly kind: 'gap' };

export type CompiledPattern = readonly PatternToken[];

const maxGapWords = 3;

export interface NegationRules {
  readonly negators: ReadonlySet<string>;
  readonly fillers: ReadonlySet<string>;
  /** Negator → words after it that cancel the negation ("no longer"). */
  readonly notNegating: ReadonlyMap<string, ReadonlySet<string>>;
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
    if (part === '..') tokens.push({ kind: 'gap' });
    else if (part === '_') tokens.push({ kind: 'any' });
    else {
      const alternatives = compileAlternatives(part, wordSets);
      if (typeof alternatives === 'string') return alternatives;
      tokens.push({ kind: 'word', alternatives });
    }
  }
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (first?.kind !== 'word' || last?.kind !== 'word') return 'must start and end with a word';
  if (tokens.some((t, i) => t.kind === 'gap' && tokens[i + 1]?.kind === 'gap'))
    return 'has two gaps in a row';
  return tokens;
}

function compileAlternatives(
  part: string,
  wordSets: Readonly<Record<string, readonly string[]>>,
): Alternative[] | string {
  const out: Alternative[] = [];
  for (const option of part.split('|')) {
    if (option.startsWith('@')) {
      const set = wordSets[option.slice(1)];
      if (set === undefined) return `uses unknown word set ${option}`;
      out.push(...set.map(toAlternative));
    } else if (/^[a-z0-9]+\*?$/.test(option)) {
      out.push(toAlternative(option));
    } else {
      return `has a malformed word "${option}" (use a-z and 0-9, a trailing * for a stem)`;
    }
  }
  return out;
}

function toAlternative(option: string): Alternative {
  return option.endsWith('*')
    ? { text: option.slice(0, -1), stem: true }
    : { text: option, stem: false };
}

function wordMatches(word: string, alternatives: readonly Alternative[]): boolean {
  return alternatives.some((a) => (a.stem ? word.startsWith(a.text) : word === a.text));
}

/**
 * True when a negator sits just before `end` (within the window, with only filler words between):
 * "no knife", "never any sign of a weapon". Looks no further back than `floor`.
 */
function negatedBefore(
  words: readonly string[],
  end: number,
  floor: number,
  rules: NegationRules,
): boolean {
  for (let i = end - 1; i >= Math.max(floor, end - rules.window); i--) {
    const word = words[i] ?? '';
    if (rules.negators.has(word)) {
      const cancel = rules.notNegating.get(word);
      return !(cancel?.has(words[i + 1] ?? '') ?? false);
    }
    if (!rules.fillers.has(word)) return false;
  }
  return false;
}

/**
 * Whether the pattern matches the words anywhere. With `negation`, a match counts only when no
 * negator comes just before it, or inside one of its gaps just before the next word ("she is not
 * scared"); without it every match counts.
 */
export function patternMatches(
  pattern: CompiledPattern,
  words: readonly string[],
  negation: NegationRules | undefined,
): boolean {
  for (let start = 0; start < words.length; start++) {
    if (negation && negatedBefore(words, start, 0, negation)) continue;
    if (matchFrom(pattern, 0, words, start, negation)) return true;
  }
  return false;
}

function matchFrom(
  pattern: CompiledPattern,
  index: number,
  words: readonly string[],
  position: number,
  negation: NegationRules | undefined,
): boolean {
  const token = pattern[index];
  if (token === undefined) return true;
  if (token.kind === 'gap') {
    for (let skip = 0; skip <= maxGapWords && position + skip < words.length; skip++) {
      const next = position + skip;
      if (negation && negatedBefore(words, next, position, negation)) continue;
      if (matchFrom(pattern, index + 1, words, next, negation)) return true;
    }
    return false;
  }
  const word = words[position];
  if (word === undefined) return false;
  if (token.kind === 'word' && !wordMatches(word, token.alternatives)) return false;
  return matchFrom(pattern, index + 1, words, position + 1, negation);
}
