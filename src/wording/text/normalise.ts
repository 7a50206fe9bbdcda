/**
 * Turns what a practitioner types into plain lower-case word tokens. Contractions are expanded
 * (with or without the apostrophe, since people type "dont" as often as "don't") so that "won't"
 * and "will not" analyse the same; the leftover "'s", "'re", "'ve" are dropped because they carry
 * no meaning for the search.
 */

// Negative contractions first: "won't" and "can't" do not follow the n't rule.
const apostropheForms: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bwon't\b/g, 'will not'],
  [/\bcan't\b/g, 'can not'],
  [/\bshan't\b/g, 'shall not'],
  [/n't\b/g, ' not'],
  [/'(s|re|ve|d|ll|m)\b/g, ''],
  [/'/g, ''],
];

// The same contractions typed without an apostrophe. Only forms that are not also real words
// ("well", "were", "its" stay as they are; "its" analyses as "it" through the stemmer's stopwords).
// Then informal spellings that stand for plain words.
const bareForms: Readonly<Record<string, string>> = {
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  wont: 'will not',
  cant: 'can not',
  isnt: 'is not',
  wasnt: 'was not',
  arent: 'are not',
  werent: 'were not',
  hasnt: 'has not',
  havent: 'have not',
  hadnt: 'had not',
  wouldnt: 'would not',
  couldnt: 'could not',
  shouldnt: 'should not',
  aint: 'is not',
  im: 'i',
  ive: 'i',
  hes: 'he',
  shes: 'she',
  theyre: 'they',
  youre: 'you',
  thats: 'that',
  theres: 'there',
  whats: 'what',
  // Informal and regional spellings practitioners type, and quote fathers using: read as the
  // plain words so the library's phrases meet them ("dunno what", "nowt like that").
  dunno: 'do not know',
  nowt: 'nothing',
  owt: 'anything',
  summat: 'something',
  gonna: 'going to',
  wanna: 'want to',
  gotta: 'got to',
  cos: 'because',
  coz: 'because',
  cuz: 'because',
  tmrw: 'tomorrow',
  tmw: 'tomorrow',
  tomoz: 'tomorrow',
  // Text-speak and shorthand from hurried notes ("wot", "r", "w anger", "agn").
  wot: 'what',
  wat: 'what',
  u: 'you',
  ur: 'your',
  r: 'are',
  n: 'and',
  w: 'with',
  agn: 'again',
  aswell: 'as well',
  sayin: 'saying',
  talkin: 'talking',
  referal: 'referral',
  acc: 'account',
  b4: 'before',
  bc: 'because',
  txt: 'text',
  txts: 'texts',
  msg: 'message',
  msgs: 'messages',
  mgmt: 'management',
  preg: 'pregnant',
};

/** Lower-cases, folds accents and curly quotes, expands contractions; returns word tokens. */
export function tokenize(text: string): string[] {
  let s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'");
  for (const [pattern, replacement] of apostropheForms) s = s.replace(pattern, replacement);
  const words = s.split(/[^a-z0-9]+/).filter((w) => w !== '');
  return words.flatMap((w) => (bareForms[w] ?? w).split(' '));
}
