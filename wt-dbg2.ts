import { compilePattern, findMatches } from './src/safety/patterns';
import { createLanguage } from './src/safety/language';
import file from './src/content/coaching/safety-triggers.json';
const analyse = createLanguage({ ...(file as any).language });
const [phrase, text] = process.argv.slice(2);
const p = compilePattern(phrase!, (file as any).wordSets);
console.log(JSON.stringify(p).slice(0, 300));
for (const s of analyse(text!)) console.log(findMatches(p as any, s, undefined));
