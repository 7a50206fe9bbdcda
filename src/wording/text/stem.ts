/**
 * A small, conservative English stemmer of our own. It only has to map the forms practitioners
 * type ("shoved", "shoving", "shoves") onto one key, identically for the library and for queries;
 * stems need not be real words because explanations show the library's own words, never stems.
 * A full Porter stemmer over-conflates short words ("news" / "new") in a corpus this small.
 */

// Irregular forms the suffix rules cannot reach, mapped to a form the rules then stem.
const irregular: Readonly<Record<string, string>> = {
  children: 'child',
  kids: 'kid',
  men: 'man',
  women: 'woman',
  said: 'say',
  says: 'say',
  told: 'tell',
  felt: 'feel',
  left: 'leave',
  threw: 'throw',
  thrown: 'throw',
  drank: 'drink',
  drunk: 'drink',
  went: 'go',
  gone: 'go',
  got: 'get',
  gotten: 'get',
  took: 'take',
  stood: 'stand',
  lost: 'lose',
  fought: 'fight',
  made: 'make',
  thought: 'think',
  brought: 'bring',
  caught: 'catch',
  spoke: 'speak',
  spoken: 'speak',
  broke: 'break',
  broken: 'break',
  wound: 'wind',
  hid: 'hide',
  lying: 'lie',
  lied: 'lie',
  lies: 'lie',
  using: 'use',
  used: 'use',
  uses: 'use',
  // Not "be": "being" stays in the phrase stream (it is still a stopword), so "being abused" and
  // "being bullied" are passives of their own, not "abused" and "bullied" (he is the one doing it).
  being: 'being',
  was: 'be',
  were: 'be',
  is: 'be',
  are: 'be',
  am: 'be',
  been: 'be',
  has: 'have',
  had: 'have',
  having: 'have',
  does: 'do',
  did: 'do',
  done: 'do',
  doing: 'do',
  kept: 'keep',
  came: 'come',
  became: 'become',
  gave: 'give',
  given: 'give',
  wrote: 'write',
  written: 'write',
  understood: 'understand',
  woke: 'wake',
  fell: 'fall',
  hurt: 'hurt',
  hurts: 'hurt',
  meant: 'mean',
  saw: 'see',
  seen: 'see',
  began: 'begin',
  begun: 'begin',
  grew: 'grow',
  ran: 'run',
  heard: 'hear',
  sat: 'sit',
  met: 'meet',
  paid: 'pay',
  sent: 'send',
  spent: 'spend',
  slept: 'sleep',
  knew: 'know',
  known: 'know',
  bit: 'bit',
  news: 'news',
  // "-ion" and "-ive" both strip to one stem: a front desk is not a receptive father.
  reception: 'reception',
  receptions: 'reception',
  // Agent nouns and American spellings, mapped onto the form the library uses.
  drinker: 'drink',
  drinkers: 'drink',
  smoker: 'smoke',
  gambler: 'gamble',
  // "abusive" (he does it) stays apart from "abused" (it is done to him), which "-ive" and "-ed"
  // would both strip to one stem: "being abusive" is not "being abused".
  abusive: 'abusive',
  abuser: 'abuse',
  abusers: 'abuse',
  behavior: 'behaviour',
  behaviors: 'behaviour',
  defense: 'defence',
  offense: 'offence',
  counselor: 'counsellor',
  mom: 'mum',
  moms: 'mum',
  neighbor: 'neighbour',
  neighbors: 'neighbour',
  family: 'family',
  families: 'family',
  always: 'always',
  his: 'his',
  this: 'this',
  its: 'it',
  us: 'us',
};

const vowel = /[aeiouy]/;

/** Removes a doubled final consonant left by a suffix ("hitt" → "hit", "controll" → "control"). */
function undouble(stem: string): string {
  const last = stem[stem.length - 1];
  if (stem.length < 3 || last !== stem[stem.length - 2] || vowel.test(last ?? '')) return stem;
  // "tell", "kiss", "buzz" keep their double letter; longer stems ("controll") do not.
  if ('lsz'.includes(last ?? '') && stem.length < 6) return stem;
  return stem.slice(0, -1);
}

/**
 * After "-ing"/"-ed": undoubles ("hitt" → "hit"), or puts back the silent e a short stem lost
 * ("mak" → "make", "car" → "care"), so both meet the stem of the bare word.
 */
function restoreE(stem: string): string {
  const undoubled = undouble(stem);
  if (undoubled !== stem) return undoubled;
  return /^[^aeiou]*[aeiou][^aeiouwxy]$/.test(stem) ? stem + 'e' : stem;
}

/** Strips `suffix` when what is left is a plausible stem (three letters or more, with a vowel). */
function strip(word: string, suffix: string): string | undefined {
  if (!word.endsWith(suffix)) return undefined;
  const stem = word.slice(0, -suffix.length);
  return stem.length >= 3 && vowel.test(stem) ? stem : undefined;
}

function stripSuffixes(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  const w = word.replace(/iz(e|es|ed|ing|ation|ations)$/, 'is$1');
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('ied') && w.length > 4) return w.slice(0, -3) + 'y';
  const ing = strip(w, 'ing');
  if (ing !== undefined) return restoreE(ing);
  const ed = strip(w, 'ed');
  if (ed !== undefined) return restoreE(ed);
  // "violence" and "violent", "defence" and "defendant" aside: -ence/-ance nouns meet their
  // -ent/-ant adjectives.
  const ence = /^(.{3,}[^aeiou])(e|a)nces?$/.exec(w);
  if (ence) return `${ence[1]}${ence[2]}nt`;
  if (/(sh|ch|x|ss|zz)es$/.test(w)) return w.slice(0, -2);
  const ive = strip(w, 'ive');
  if (ive !== undefined) return ive;
  const ion = strip(w, 'ion');
  if (ion !== undefined) return ion;
  const ily = strip(w, 'ily');
  if (ily !== undefined) return ily + 'y';
  const ly = strip(w, 'ly');
  if (ly !== undefined) return ly;
  if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

/** The search key of one lower-case word. */
export function stem(word: string): string {
  const base = irregular[word] ?? word;
  // An irregular form that maps to itself ("news", "family") is protected from the rules.
  if (irregular[word] === word) return word;
  if (base !== word && irregular[base] !== undefined) return base;
  let s = stripSuffixes(base);
  // A final silent e goes from longer words, so "shove", "shoved" and "shoving" meet at "shov";
  // four-letter words keep it ("care" is not "car").
  if (s.endsWith('e') && s.length >= 5 && !s.endsWith('ee')) s = s.slice(0, -1);
  return s;
}
