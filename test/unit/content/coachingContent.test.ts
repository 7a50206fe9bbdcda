import assert from 'node:assert/strict';
import {
  bundledCoachingSources,
  loadCoachingPack,
} from '../../../src/content/coaching/loadCoachingPack';
import { coachingModes, wordingSituationIds } from '../../../src/content/coaching/schema';
import { walkStrings } from '../../../src/content/loadPack';
import { fillLocalDetails, genericLocalContacts } from '../../../src/tenants/localContacts';
import { shownStrings } from './shownText';

const pack = loadCoachingPack();
const sources = bundledCoachingSources();
const contentFiles = [sources.pack, sources.prepare, sources.debrief, sources.safety];

/** Every string of the coaching content, with where it is. */
const strings: Array<{ where: string; text: string }> = [];
for (const source of contentFiles) {
  walkStrings(source.data, [], (text, path) => {
    strings.push({ where: `${source.file} ${path.join('.')}`, text });
  });
}
/** Words shown to staff (not ids, phrases or syntax notes). */
const shown = shownStrings(contentFiles);

describe('coaching content follows the content guide', () => {
  it('never suggests couples counselling, mediation or joint sessions (only warns against them)', () => {
    const mentions = shown.filter((s) =>
      /\bcounsell?ing\b|\bmediation\b|\bjoint sessions?\b|\bas a couple\b/i.test(s.text),
    );
    assert.ok(mentions.length > 0, 'the warnings themselves are present');
    for (const s of mentions) {
      assert.equal(s.field, 'avoid', `${s.where} mentions it outside an "avoid"`);
      assert.match(s.text, /^(Do not|Never|Avoid)/, `${s.where} must warn against it`);
    }
  });

  it('never mentions DASH, and never a risk checklist except to say not with him', () => {
    for (const s of strings) {
      assert.doesNotMatch(s.text, /\bDASH\b/, s.where);
      if (/checklist/i.test(s.text))
        assert.match(s.text, /do not go through a risk checklist with him/i, s.where);
    }
  });

  it('never suggests telling him what his partner disclosed', () => {
    for (const s of shown) {
      for (const sentence of s.text.split(/(?<=[.!?])\s+/)) {
        if (/(partner|she)\b.{0,25}\b(told|disclosed|said)\b/i.test(sentence)) {
          assert.match(sentence, /\b(never|not|do not)\b/i, `${s.where}: "${sentence}"`);
        }
      }
    }
  });

  it('hard-codes no local phone numbers: only 999 and the three national lines', () => {
    const allowed = new Set(['0808 802 4040', '0808 801 0327', '0808 2000 247']);
    for (const s of shown) {
      for (const number of s.text.match(/\b0\d{3}[\s\d]{6,9}\d\b/g) ?? []) {
        assert.ok(
          allowed.has(number),
          `${s.where} has ${number}: local numbers come from tenant settings`,
        );
      }
    }
  });

  it('fills every placeholder from tenant settings, leaving no braces', () => {
    for (const s of strings)
      assert.doesNotMatch(fillLocalDetails(s.text, genericLocalContacts), /[{}]/, s.where);
  });

  it('names the national lines correctly where it offers them', () => {
    const all = shown.map((s) => s.text).join('\n');
    assert.match(all, /Respect Phoneline, 0808 802 4040/);
    assert.match(all, /Men's Advice Line, 0808 801 0327/);
  });

  for (const mode of coachingModes) {
    describe(`${mode} mode`, () => {
      const content = pack.modes[mode];

      it('has a step for each of the seven stages, in order', () => {
        assert.equal(content.stageNames.length, 7);
        const stages = content.steps.map((s) => s.stage);
        for (let stage = 1; stage <= 7; stage++)
          assert.ok(stages.includes(stage), `stage ${stage}`);
      });

      it('gives each step what to do, why, two or three questions and at least one principle', () => {
        for (const step of content.steps) {
          assert.ok(step.whatToDo.length > 40 && step.why.length > 40, step.id);
          assert.ok(step.questions.length >= 2 && step.questions.length <= 3, step.id);
          assert.ok(step.principles.length >= 1, step.id);
          for (const answer of step.answers)
            assert.ok(answer.principles.length >= 1, `${step.id}/${answer.id}`);
        }
      });

      it('opens with the safe-to-ask gate: partner, child and family interpreter stop; safe goes on', () => {
        const gate = content.stepsById.get(content.firstStep);
        assert.ok(gate);
        assert.equal(gate.canSkip, false);
        const outcome = (pattern: RegExp) => {
          const answer = gate.answers.find((a) => pattern.test(a.label));
          assert.ok(answer, `gate answer ${String(pattern)}`);
          return content.stepsById.get(answer.next);
        };
        for (const who of [/partner/i, /child/i, /interpret/i])
          assert.equal(outcome(who)?.tone, 'stop', String(who));
        assert.equal(outcome(/safe/i)?.stage, 2);
      });
    });
  }

  it('offers every wording situation somewhere', () => {
    const offered = new Set<string>();
    for (const mode of coachingModes) {
      for (const step of pack.modes[mode].steps) {
        step.wording.forEach((w) => offered.add(w));
        step.answers.forEach((a) => a.wording && offered.add(a.wording));
      }
    }
    assert.deepEqual([...offered].sort(), [...wordingSituationIds].sort());
  });

  it('has the debrief quick answers staff most need', () => {
    const labels = pack.modes.debrief.steps.flatMap((s) =>
      s.answers.map((a) => a.label.toLowerCase()),
    );
    for (const wanted of [
      'denied',
      'minimised',
      'blamed his partner',
      'got angry',
      'open to help',
      'is the victim',
      'separating',
      'nothing of concern',
    ]) {
      assert.ok(
        labels.some((l) => l.includes(wanted)),
        wanted,
      );
    }
  });
});
