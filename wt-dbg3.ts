import { compilePattern, findMatches } from './src/safety/patterns';
import { createLanguage } from './src/safety/language';
import file from './src/content/coaching/safety-triggers.json';
const f = file as any;
const analyse = createLanguage({ ...f.language });
const text = process.argv[2]!;
const lists: [string, string[]][] = [['idioms', f.idioms], ...f.categories.map((c: any) => [c.id + ' unless', c.unless ?? []])];
for (const s of analyse(text)) for (const [name, list] of lists) for (const ph of list) { const p = compilePattern(ph, f.wordSets); if (typeof p !== 'string' && findMatches(p, s, undefined).length) console.log(name, ph); }
