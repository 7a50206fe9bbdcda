import { loadCoachingPack } from './src/content/coaching/loadCoachingPack';
import { createLanguage } from './src/safety/language';
import file from './src/content/coaching/safety-triggers.json';
const net = loadCoachingPack().safety;
const analyse = createLanguage({ ...(file as any).language });
for (const t of process.argv.slice(2)) {
  console.log(t, '→', JSON.stringify(net.check(t)));
  for (const s of analyse(t)) console.log('   ', s.map((k) => `${k.word}/${k.lemma}/${k.clause}`).join(' '));
}
