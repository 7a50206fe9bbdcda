import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  bundledCoachingSources,
  loadCoachingPack,
} from '../../../src/content/coaching/loadCoachingPack';
import { coachingModes } from '../../../src/content/coaching/schema';
import { loadPrinciples, principleSummaries } from '../../../src/content/principles';
import { contentReport } from '../../../src/content/report';
import { notYetReviewed } from '../../../src/content/review';
import { loadWordingLibrary } from '../../../src/content/wording/loadLibrary';
import { safetyFileSchema } from '../../../src/safety/schema';
import { loadQuizzes } from '../../../src/content/nudges/loadQuizzes';

const pack = loadCoachingPack();
const library = loadWordingLibrary();
const principles = loadPrinciples();
const safety = safetyFileSchema.parse(bundledCoachingSources().safety.data);
const report = contentReport({
  pack,
  library,
  principles,
  summaries: principleSummaries(principles),
  safety,
  quizzes: loadQuizzes(),
});

/** The report's text with Markdown escapes and emphasis removed, to look for content words in. */
const plain = report.replace(/\\([\\`*_[\]<>|])/g, '$1');

describe('content report (npm run content:report)', () => {
  it('opens with the review status and the versions it covers', () => {
    const [title, , status] = report.split('\n');
    assert.equal(title, '# DARE Coach content');
    assert.match(status ?? '', new RegExp(notYetReviewed));
    assert.ok(status?.includes(pack.version) && status.includes(library.version));
  });

  it('prints both walk-throughs stage by stage, with every step and every answer', () => {
    for (const mode of coachingModes) {
      const content = pack.modes[mode];
      const start = report.indexOf(`## Walk-through: ${content.title}`);
      assert.ok(start >= 0, mode);
      content.stageNames.forEach((name, i) =>
        assert.ok(report.indexOf(`### Stage ${i + 1}: ${name}`, start) > start, `${mode} ${name}`),
      );
      for (const step of content.steps) {
        assert.ok(report.includes(`Step \`${step.id}\``), step.id);
        assert.ok(plain.includes(step.whatToDo.split('{{')[0] ?? ''), `${step.id} what to do`);
        for (const answer of step.answers)
          assert.ok(
            plain.includes(`**${answer.label}** (\`${answer.id}\`)`),
            `${step.id}/${answer.id}`,
          );
      }
    }
  });

  it('prints every wording situation and phrasing, with the words to say', () => {
    for (const s of library.situations) {
      assert.ok(report.includes(`Situation \`${s.id}\``), s.id);
      for (const p of s.phrasings) {
        assert.ok(report.includes(`Phrasing \`${p.id}\``), p.id);
        assert.ok(plain.includes(`> ${p.words.split('{{')[0] ?? ''}`), `${p.id} words`);
      }
    }
  });

  it('cites every principle with its sources, and the safety card’s words', () => {
    for (const [id, p] of principleSummaries(principles)) {
      assert.ok(report.includes(`\`${id}\``), id);
      assert.ok(plain.includes(p.source), `${id} source`);
    }
    for (const title of Object.values(safety.alert.titles)) assert.ok(plain.includes(title));
    for (const c of safety.categories) assert.ok(plain.includes(c.label), c.id);
  });

  it('shows local details as generic words, never as raw placeholders', () => {
    assert.doesNotMatch(report, /\{\{/);
  });

  it('runs from the command line and prints the same document', function () {
    this.timeout(60_000);
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/dev/contentReport.ts'], {
      encoding: 'utf8',
    });
    assert.equal(out, report);
  });

  it('prints every refresher quiz with each reply, its feedback and the best one marked', () => {
    for (const quiz of loadQuizzes().quizzes) {
      assert.ok(plain.includes(`\`${quiz.id}\``), quiz.id);
      for (const reply of quiz.replies) {
        const feedback = reply.feedback.replace(/\{\{[^}]+\}\}/g, '');
        assert.ok(plain.includes(feedback.slice(0, 40)), `${quiz.id} ${reply.id}`);
      }
    }
    assert.equal((plain.match(/\(best\)/g) ?? []).length, loadQuizzes().quizzes.length);
  });
});
