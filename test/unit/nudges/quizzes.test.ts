import { strict as assert } from 'node:assert';
import {
  bundledQuizzesSource,
  loadQuizzes,
  parseQuizzes,
  replyIds,
} from '../../../src/content/nudges/loadQuizzes';
import { loadWordingLibrary } from '../../../src/content/wording/loadLibrary';

const pack = loadQuizzes();
const textOf = (q: (typeof pack.quizzes)[number]) =>
  [q.title, q.situation, ...q.replies.flatMap((r) => [r.text, r.feedback])].join(' ');

function broken(change: (data: { quizzes: Record<string, unknown>[] }) => void) {
  const source = bundledQuizzesSource();
  const data = structuredClone(source.data) as { quizzes: Record<string, unknown>[] };
  change(data);
  return () => parseQuizzes({ ...source, data });
}

describe('refresher quizzes (content)', function () {
  it('has at least 16 quizzes, each with three replies a, b, c, feedback on each and one best', function () {
    assert.ok(pack.quizzes.length >= 16, `${pack.quizzes.length} quizzes`);
    for (const quiz of pack.quizzes) {
      assert.deepEqual(
        quiz.replies.map((r) => r.id),
        [...replyIds],
        quiz.id,
      );
      for (const reply of quiz.replies) assert.ok(reply.feedback.length >= 40, quiz.id);
      assert.ok(replyIds.includes(quiz.best), quiz.id);
      assert.match(quiz.replies.find((r) => r.id === quiz.best)!.feedback, /^Best\./, quiz.id);
      for (const reply of quiz.replies.filter((r) => r.id !== quiz.best))
        assert.doesNotMatch(reply.feedback, /^Best\./, quiz.id);
    }
  });

  it('builds both confidence questions, and puts the best reply in every position', function () {
    const by = (q: string) => pack.quizzes.filter((x) => x.question === q).length;
    assert.ok(by('identify') >= 6 && by('engage') >= 6, `${by('identify')} / ${by('engage')}`);
    for (const id of replyIds)
      assert.ok(pack.quizzes.filter((q) => q.best === id).length >= 3, `best is ${id} too rarely`);
  });

  it('draws on wording situations that exist in the library, and names its sources', function () {
    const situations = new Set(loadWordingLibrary().situations.map((s) => s.id));
    for (const quiz of pack.quizzes) {
      assert.ok(quiz.wording.length > 0, quiz.id);
      for (const w of quiz.wording) assert.ok(situations.has(w), `${quiz.id}: ${w}`);
      assert.ok(quiz.source.length > 10, `${quiz.id} names its sources`);
    }
  });

  it('refuses an unknown wording situation, a missing reply and a duplicate id, naming the path', function () {
    assert.throws(
      broken((d) => (d.quizzes[1]!.wording = ['no-such-situation'])),
      /quizzes\.json.*quizzes\[1\]\.wording\[0\]/s,
    );
    assert.throws(
      broken((d) => (d.quizzes[0]!.replies = (d.quizzes[0]!.replies as unknown[]).slice(0, 2))),
      /quizzes\[0\]\.replies/,
    );
    assert.throws(
      broken((d) => (d.quizzes[3]!.id = d.quizzes[2]!.id)),
      /quizzes\[3\]\.id.*duplicate/s,
    );
  });

  it('speaks of his partner in words for any gender', function () {
    for (const quiz of pack.quizzes)
      assert.doesNotMatch(textOf(quiz), /\b(she|her|wife|girlfriend)\b/i, quiz.id);
  });

  it('never offers a best reply that brings the couple together, passes on what others said, or runs Dash with him', function () {
    for (const quiz of pack.quizzes) {
      const best = quiz.replies.find((r) => r.id === quiz.best)!.text;
      assert.doesNotMatch(
        best,
        /couples|mediat|together|dash|told (us|me)|police report|said about you/i,
        quiz.id,
      );
      // A wrong reply that does any of these is named as wrong in its own feedback.
      for (const reply of quiz.replies) {
        if (/couples|counselling|mediat|both come/i.test(reply.text))
          assert.match(reply.feedback, /\bnever\b/i, `${quiz.id} ${reply.id}`);
      }
    }
  });

  it('gives only 999 and the national numbers; local routes come from placeholders', function () {
    for (const quiz of pack.quizzes) {
      for (const number of textOf(quiz).match(/\b0\d{3} ?\d{3} ?\d{4}\b|\b\d{3} \d{3}\b/g) ?? [])
        assert.ok(
          ['0808 802 4040', '0808 801 0327', '0808 2000 247', '116 123'].includes(number),
          `${quiz.id}: ${number}`,
        );
    }
  });

  it('points to 999 wherever a quiz is about a high-risk sign', function () {
    for (const quiz of pack.quizzes.filter((q) => q.principles.includes('risk-indicators'))) {
      if (quiz.id === 'if-they-leave') continue; // the crisis route, with seeking advice the same day
      assert.match(textOf(quiz), /999/, quiz.id);
    }
  });
});
