import winkNLP, { type ItemSentence, type ItemToken, type ItsFunction } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * The language layer: free text in, sentences of tokens out, each token with its lower-case form,
 * its lemma ("strangled" → "strangle", "kids" → "kid", "won't" → "will" + "not") and its clause
 * within the sentence. wink-nlp does the sentence split, tokenising, contractions and lemmas; this
 * file adds what case notes need on top: text-speak and common misspellings ("ptnr", "kikced"),
 * children named by age or school year ("3yo", "14-year-old", "year 9" → "child"), and clause
 * boundaries ("but", "though", ";", ",") so a negation never reaches past them.
 */

export interface Token {
  /** Lower case, accents and apostrophes dropped ("'s" → "s"). */
  readonly word: string;
  readonly lemma: string;
  /** The clause within its sentence: a negation only reaches forward inside its own clause. */
  readonly clause: number;
  /** The words as the user typed them (for the personal safety card only; never logged). */
  readonly typed: string;
}

export type Sentence = readonly Token[];

export interface LanguageRules {
  /** Text-speak and misspellings, whole words (lower case) → what they stand for. */
  readonly spelling: Readonly<Record<string, string>>;
  /** Words a misspelling one edit away is read as ("strangld" → "strangled"); 6+ letters. */
  readonly fuzzyWords: readonly string[];
  /** Words that start a new clause ("but", "though"). */
  readonly clauseBreaks: readonly string[];
}

const nlp = winkNLP(model);
const its = nlp.its;
// wink-nlp's own typings declare `its.lemma` with a signature `out()` does not accept; it works.
// eslint-disable-next-line @typescript-eslint/unbound-method -- wink-nlp's `its` helpers are meant to be passed to out()
const lemmaOf = its.lemma as unknown as ItsFunction<string>;

/** A child named by age or school year: "3yo", "3 y/o", "14-year-old", "12 yr old", "year 9", "Y3". */
const childAge =
  /\b(?:1[0-7]|[1-9])\s?(?:yo|y\/o|yrs?\s?olds?|years?\s?olds?|-years?-olds?|-yrs?-olds?|-year|yr)\b/gi;
const schoolYear = /\b(?:year|yr|y)\s?(?:1[0-3]|[1-9])\b/gi;
/** A baby by age in weeks or months: "8mo", "6wk old", "9 month old", "baby 10 weeks". */
const babyAge =
  /\b(?:[1-9]|1[0-8])\s?(?:mo|mos|mths?|months?|wks?|weeks?)(?:[\s-]?old)\b|\b(?:[1-9]|1[0-8])mo\b/gi;
/** Pregnancy as midwives write it: "30/40", "16/40". */
const gestation = /\b(?:[4-9]|[1-3]\d|4[0-2])\/40\b/g;

const apostrophes = /['’‘`´ʼ′]/g;

function plain(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export function createLanguage(rules: LanguageRules): (text: string) => Sentence[] {
  const spelling = new Map(Object.entries(rules.spelling));
  const fuzzy = rules.fuzzyWords.filter((w) => w.length >= 6);
  const fuzzyByLength = new Map<number, string[]>();
  for (const w of fuzzy) {
    for (const length of [w.length - 1, w.length, w.length + 1]) {
      const list = fuzzyByLength.get(length) ?? [];
      list.push(w);
      fuzzyByLength.set(length, list);
    }
  }
  const known = new Set(fuzzy);
  const breaks = new Set(rules.clauseBreaks);

  const fixWord = (word: string): string => {
    const lower = word.toLowerCase();
    const spelt = spelling.get(lower.replace(apostrophes, ''));
    if (spelt !== undefined) return spelt;
    if (lower.length < 6 || known.has(lower)) return word;
    const near = (fuzzyByLength.get(lower.length) ?? []).filter((w) => oneEditApart(lower, w));
    return near.length === 1 && near[0] !== undefined ? near[0] : word;
  };

  return (text) => {
    const prepared = plain(
      text
        .replace(/\b[A-Z]\s?\((?:1[0-7]|[1-9])\)/g, ' child ')
        .replace(/\((?:1[0-7]|[1-9])\)/g, ' child '),
    )
      .replace(gestation, ' pregnant ')
      .replace(babyAge, ' baby ')
      .replace(childAge, ' child ')
      .replace(/\b(\d{1,2})(wks?|weeks?|mths?|months?)\b/g, '$1 $2')
      .replace(schoolYear, ' child ')
      .replace(/(\p{L})-(?=\p{L})/gu, '$1 ')
      .replace(/(\d)\+/g, '$1')
      .replace(/\bw\/o\b/g, ' without ')
      .replace(/\bw\//g, ' with ')
      .replace(/[a-z][a-z'’]*[a-z0-9]|[a-z0-9]+/g, fixWord);
    const doc = nlp.readDoc(prepared);
    const sentences: Sentence[] = [];
    doc.sentences().each((sentence: ItemSentence) => {
      const tokens: Token[] = [];
      let clause = 0;
      sentence.tokens().each((t: ItemToken) => {
        const raw = t.out();
        // eslint-disable-next-line @typescript-eslint/unbound-method -- passed to out(), as wink-nlp means
        if (t.out(its.type) === 'punctuation') {
          if (/^[,;:!?()\-–—"“”]$/.test(raw) || raw === '...') clause += 1;
          return;
        }
        const word = raw.replace(apostrophes, '');
        if (word === '') return;
        // A break word ("but", "though") starts the next clause and stays a word of it.
        if (breaks.has(word)) clause += 1;
        tokens.push({ word, lemma: t.out(lemmaOf).replace(apostrophes, ''), clause, typed: raw });
      });
      if (tokens.length > 0) sentences.push(tokens);
    });
    return sentences;
  };
}

/**
 * Whether `typed` is a likely typo of `word`: two neighbouring letters swapped ("kikced"), or,
 * for words of 7+ letters, one letter missing or doubled ("strangld", "threatenned"). A changed
 * letter is not counted: it turns real words into each other too often ("sitting", "hitting").
 */
export function oneEditApart(typed: string, word: string): boolean {
  if (typed === word) return false;
  let i = 0;
  while (i < typed.length && i < word.length && typed[i] === word[i]) i += 1;
  if (typed.length === word.length)
    return (
      typed[i] === word[i + 1] &&
      typed[i + 1] === word[i] &&
      typed.slice(i + 2) === word.slice(i + 2)
    );
  if (word.length < 7 || Math.abs(typed.length - word.length) !== 1) return false;
  return typed.length > word.length
    ? typed.slice(i + 1) === word.slice(i)
    : typed.slice(i) === word.slice(i + 1);
}
