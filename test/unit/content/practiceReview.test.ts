import assert from 'node:assert/strict';
import {
  bundledCoachingSources,
  loadCoachingPack,
} from '../../../src/content/coaching/loadCoachingPack';
import {
  loadPrincipleSummaries,
  loadWordingLibrary,
} from '../../../src/content/wording/loadLibrary';
import { shownStrings, type Shown } from './shownText';

/**
 * The faults found by the safeguarding practice review of the content (issue #15), each as a rule
 * over the shipped data. Every rule here failed on the content as it was before the review; they
 * read the content only through the loaders' long-standing entry points, so they can be run against
 * an older copy of the data to show that.
 */

const pack = loadCoachingPack();
const library = loadWordingLibrary();
const sources = bundledCoachingSources();

/** What staff see of the coaching files this review covers (the safety net's words are its own). */
const coachingText = (): Shown[] => shownStrings([sources.pack, sources.prepare, sources.debrief]);

/** Every phrasing field, title and description of the wording library. */
function wordingText(): Shown[] {
  const out: Shown[] = [];
  for (const s of library.situations) {
    out.push({ where: `${s.id} title`, field: 'title', text: s.title });
    out.push({ where: `${s.id} description`, field: 'description', text: s.description });
    for (const p of s.phrasings) {
      for (const field of ['when', 'words', 'why', 'avoid'] as const)
        out.push({ where: `${p.id} ${field}`, field, text: p[field] });
    }
  }
  return out;
}

const allText = [...coachingText(), ...wordingText()];
const phrasings = library.situations.flatMap((s) =>
  s.phrasings.map((p) => ({ ...p, situation: s.id })),
);
const step = (mode: 'prepare' | 'debrief', id: string) => {
  const found = pack.modes[mode].stepsById.get(id);
  assert.ok(found, `${mode} has a step ${id}`);
  return found;
};
const stepText = (s: { whatToDo: string; why: string; avoid?: string }) =>
  `${s.whatToDo} ${s.why} ${s.avoid ?? ''}`;

/** Words said to him: a phrasing's words (unless addressed to someone else) and questions for him. */
function wordsToHim(): Shown[] {
  const out: Shown[] = phrasings
    .filter((p) => !p.words.startsWith('(To '))
    .map((p) => ({ where: `${p.id} words`, field: 'words', text: p.words }));
  for (const mode of ['prepare', 'debrief'] as const) {
    if (mode === 'debrief') continue; // debrief questions are for the worker to reflect on
    for (const s of pack.modes[mode].steps) {
      if (s.questionsLabel !== undefined) continue; // "questions to ask yourself"
      s.questions.forEach((q, i) =>
        out.push({ where: `${s.id} questions.${i}`, field: 'questions', text: q }),
      );
    }
  }
  return out;
}

describe('content after the safeguarding practice review', () => {
  describe('must fix', () => {
    it('1. prepare starts by checking what is known and agreeing the timing before he is asked', () => {
      const first = step('prepare', pack.modes.prepare.firstStep);
      for (const needed of [
        /records/i,
        /police/i,
        /MARAC/,
        /investigation/i,
        /bail/i,
        /IDVA/,
        /timing/i,
      ])
        assert.match(first.whatToDo, needed, `first step: ${String(needed)}`);
      // A recent disclosure or a live investigation stops the walk-through until advice is taken.
      const wait = first.answers
        .map((a) => step('prepare', a.next))
        .find((s) => s.tone === 'stop' && /investigation/i.test(s.whatToDo));
      assert.ok(wait, 'an answer leads to a stop step about timing and investigations');
      assert.match(wait.whatToDo, /advice/i);
      assert.match(wait.whatToDo, /do not question him about the alleged offence/i);
    });

    it('2. has wording for "what did she tell you?" that neither confirms nor denies and returns to the routine question', () => {
      const situation = library.situations.find((s) => s.id === 'asks-what-she-said');
      assert.ok(situation, 'the situation exists');
      assert.ok(situation.phrasings.length >= 3);
      const all = situation.phrasings.map((p) => `${p.words} ${p.why} ${p.avoid}`).join(' ');
      assert.match(all, /neither confirm|never confirm, deny or hint/i);
      assert.ok(
        situation.phrasings.some((p) => /every (family|parent)/i.test(p.words)),
        'goes back to "we ask every family"',
      );
      for (const p of situation.phrasings) {
        // The words never answer the question, either way.
        assert.doesNotMatch(
          p.words,
          /\b(she|they|your partner) (has|have|hasn't|haven't|did|didn't|said|told)\b/i,
          p.id,
        );
      }
    });

    it('3. never explores honour-based abuse or forced marriage with him: notes what he volunteers and gets same-day specialist advice', () => {
      const honour = /honou?r|forced marriage|marriage being forced|wider family|relatives/i;
      const about = phrasings.filter((p) => honour.test(p.when));
      assert.ok(about.length > 0, 'the library has wording for it');
      for (const p of about) {
        assert.doesNotMatch(p.words, /\?/, `${p.id} asks him nothing`);
        assert.match(`${p.why} ${p.avoid}`, /Forced Marriage Unit/, p.id);
        assert.match(`${p.why} ${p.avoid}`, /same day/i, p.id);
        assert.match(p.avoid, /police/i, p.id);
      }
      for (const s of pack.modes.prepare.steps.concat(pack.modes.debrief.steps)) {
        if (!/forced marriage/i.test(s.whatToDo)) continue;
        assert.match(s.whatToDo, /never explore|note only what he/i, s.id);
        assert.match(s.whatToDo, /Forced Marriage Unit/, s.id);
      }
    });

    it('4a. never names his partner’s support service to him', () => {
      for (const w of wordsToHim()) assert.doesNotMatch(w.text, /victimService/, w.where);
      assert.ok(
        allText.some((s) =>
          /do not name (his|their|her) partner's support service to him/i.test(s.text),
        ),
        'the guidance says so',
      );
    });

    it('4b. cautions before writing to him: letters, texts and email can reach a shared address or phone', () => {
      const writing = /\bin writing\b|\bletters?\b|\bemails?\b|\btexts?\b(?! message)/i;
      const units = [
        ...phrasings.map((p) => ({
          where: p.id,
          text: `${p.when} ${p.words} ${p.why} ${p.avoid}`,
        })),
        ...pack.modes.prepare.steps
          .concat(pack.modes.debrief.steps)
          .map((s) => ({ where: s.id, text: `${stepText(s)} ${s.questions.join(' ')}` })),
      ];
      const mentions = units.filter((u) => writing.test(u.text));
      assert.ok(mentions.length > 0);
      for (const u of mentions)
        assert.match(u.text, /shared (address|phone)|a phone he may check/i, u.where);
    });

    it('4c. tells him what will be recorded, never asks his permission to keep records', () => {
      for (const s of allText) {
        if (!/\b(notes?|records?)\b/i.test(s.text)) continue;
        assert.doesNotMatch(
          s.text,
          /is that (all right|ok|okay)|do you mind|your permission|happy for me to/i,
          s.where,
        );
      }
      assert.match(step('prepare', pack.modes.prepare.firstStep).whatToDo, /plan to tell him/i);
    });

    it('5. child arrangements: neither parent is a go-between, court orders are checked, handovers are safe', () => {
      for (const s of allText)
        assert.doesNotMatch(s.text, /never pass through (his|the) partner/i, s.where);
      const arrangements = [...pack.modes.prepare.steps, ...pack.modes.debrief.steps]
        .flatMap((s) => s.answers)
        .filter((a) => a.facts?.includes('separating'));
      assert.ok(arrangements.length > 0);
      for (const a of arrangements) {
        assert.match(a.action ?? '', /either parent as a go-between/i, a.id);
        assert.match(a.action ?? '', /court orders/i, a.id);
        assert.match(a.action ?? '', /handovers/i, a.id);
      }
      assert.match(
        loadPrincipleSummaries().get('separation-risk')?.summary ?? '',
        /either parent as a go-between/i,
      );
    });

    it('6. debrief: "nothing of concern" still passes the risk check and the signposting before the record', () => {
      const debrief = pack.modes.debrief;
      const open = debrief.steps.find((s) => s.answers.some((a) => a.id === 'nothing-of-concern'));
      const answer = open?.answers.find((a) => a.id === 'nothing-of-concern');
      assert.ok(answer);
      // Every route from that answer to the end visits a stage 4 step and a stage 6 step.
      const routes: string[][] = [];
      const explore = (id: string, route: string[]): void => {
        if (route.includes(id)) return; // a loop (back to the gate) is not a route to the end
        const s = step('debrief', id);
        const here = [...route, id];
        if (s.finish) return void routes.push(here);
        const next = [...(s.next === undefined ? [] : [s.next]), ...s.answers.map((a) => a.next)];
        for (const n of new Set(next)) explore(n, here);
      };
      explore(answer.next, []);
      assert.ok(routes.length > 0);
      for (const route of routes) {
        const stages = route.map((id) => step('debrief', id).stage);
        assert.ok(stages.includes(4), `risk check on ${route.join(' → ')}`);
        assert.ok(stages.includes(6), `signposting on ${route.join(' → ')}`);
      }
      assert.match(step('debrief', answer.next).whatToDo, /already knew about from records/i);
    });
  });

  describe('should fix', () => {
    it('describes his behaviour, never a shared conflict, outside warnings against it', () => {
      const banned =
        /when you two argue|volatile relationship|domestic argument|when you're both|when you are both/i;
      for (const s of allText) {
        if (s.field === 'avoid') continue; // "avoid" is where the warnings against them belong
        assert.doesNotMatch(s.text, banned, s.where);
      }
      // The record steps warn against the case-note words.
      for (const mode of ['prepare', 'debrief'] as const) {
        const record = pack.modes[mode].steps.find((s) => s.finish);
        assert.match(record?.avoid ?? '', /volatile relationship/, mode);
        assert.match(record?.avoid ?? '', /domestic argument/, mode);
      }
    });

    it('cites the published sources by their exact titles, and no label internal to the project', () => {
      const titles = new Set([
        'Respect, The Respect Standard (3rd edition)',
        "Respect's guidance for frontline workers",
        'Safe & Together Institute, the Safe & Together Model',
        'SafeLives, Dash risk checklist guidance',
        'SafeLives, MARAC guidance',
        'Home Office, Domestic Abuse Act 2021 statutory guidance (2022)',
        'HM Government, Working Together to Safeguard Children (2023)',
        'Department for Education, Information sharing: advice for practitioners (2024)',
        'HM Government, Multi-agency statutory guidance for dealing with forced marriage and multi-agency practice guidelines: handling cases of forced marriage (2023)',
        "Information Commissioner's Office, A 10 step guide to sharing information to safeguard children (2023)",
        'Hampton Trust, DARE (Domestic Abuse Routine Enquiry) training and toolkit',
        'Miller and Rollnick, Motivational Interviewing (3rd edition)',
      ]);
      for (const [id, p] of loadPrincipleSummaries()) {
        for (const citation of p.source.split('; '))
          assert.ok(titles.has(citation), `${id} cites "${citation}"`);
        assert.doesNotMatch(
          `${p.summary} ${p.source}`,
          /content guide|stage \d|situations table/i,
          id,
        );
      }
    });

    it('works for a partner of any gender: no she, her, wife or girlfriend in what staff read or say', () => {
      for (const s of allText)
        assert.doesNotMatch(s.text, /\b(she|her|hers|herself|wife|girlfriend)\b/i, s.where);
    });

    it('gives the National Domestic Abuse Helpline wherever it says how to support his partner when seen safely alone', () => {
      const alone = allText.filter(
        (s) => /safely on their own/i.test(s.text) && !/timing|raised/i.test(s.text),
      );
      for (const mode of ['prepare', 'debrief'] as const) {
        const signpost = pack.modes[mode].steps.find((s) => s.stage === 6);
        assert.match(
          signpost?.whatToDo ?? '',
          /National Domestic Abuse Helpline, 0808 2000 247/,
          mode,
        );
      }
      assert.ok(alone.length >= 3);
      for (const s of alone)
        assert.match(s.text, /National Domestic Abuse Helpline, 0808 2000 247/, s.where);
    });
  });
});
