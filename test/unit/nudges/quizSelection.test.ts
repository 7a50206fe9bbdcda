import { strict as assert } from 'node:assert';
import { loadQuizzes } from '../../../src/content/nudges/loadQuizzes';
import {
  nextQuiz,
  weakerQuestion,
  type QuizHistory,
  type SelectableQuiz,
} from '../../../src/nudges/quizzes/selection';

const quizzes: SelectableQuiz[] = [
  { id: 'i1', question: 'identify' },
  { id: 'e1', question: 'engage' },
  { id: 'i2', question: 'identify' },
  { id: 'e2', question: 'engage' },
];

const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}T10:00:00.000Z`;

function history(change: Partial<QuizHistory> = {}): QuizHistory {
  return { seen: new Map(), answers: [], confidence: {}, ...change };
}

describe('quiz selection (pure)', function () {
  it('gives someone with no history the first quiz in the pack', function () {
    assert.equal(nextQuiz(quizzes, history()), 'i1');
  });

  it('gives nothing when there are no quizzes', function () {
    assert.equal(nextQuiz([], history()), undefined);
  });

  it('skips what they have seen, answered or not', function () {
    const seen = new Map([
      ['i1', day(1)],
      ['e1', day(2)],
    ]);
    assert.equal(nextQuiz(quizzes, history({ seen })), 'i2');
    const answers = [{ quizId: 'i1', correct: true, answeredAt: day(1) }];
    assert.equal(nextQuiz(quizzes, history({ answers })), 'e1', 'answered counts as seen');
  });

  it('gives back one they got wrong once nothing unseen is left, the one met longest ago first', function () {
    const seen = new Map(quizzes.map((q, i) => [q.id, day(i + 1)]));
    const answers = [
      { quizId: 'e1', correct: false, answeredAt: day(2) },
      { quizId: 'e2', correct: false, answeredAt: day(4) },
      { quizId: 'i1', correct: true, answeredAt: day(1) },
    ];
    assert.equal(nextQuiz(quizzes, history({ seen, answers })), 'e1');
    // e1 was sent again later and left unanswered: e2 is now the one met longest ago.
    const resent = new Map([...seen, ['e1', day(9)]]);
    assert.equal(nextQuiz(quizzes, history({ seen: resent, answers })), 'e2');
  });

  it('goes by their last answer to a quiz: wrong then right is done, right then wrong comes back', function () {
    const seen = new Map(quizzes.map((q) => [q.id, day(1)]));
    const rightAfterWrong = [
      { quizId: 'i2', correct: false, answeredAt: day(2) },
      { quizId: 'i2', correct: true, answeredAt: day(5) },
      { quizId: 'e2', correct: true, answeredAt: day(2) },
      { quizId: 'e2', correct: false, answeredAt: day(6) },
    ];
    assert.equal(nextQuiz(quizzes, history({ seen, answers: rightAfterWrong })), 'e2');
  });

  it('prefers unseen over got-wrong when both are there', function () {
    const seen = new Map([['i1', day(1)]]);
    const answers = [{ quizId: 'i1', correct: false, answeredAt: day(1) }];
    assert.equal(nextQuiz(quizzes, history({ seen, answers })), 'e1');
  });

  it('breaks ties towards the confidence question their last answer was lower on', function () {
    assert.equal(nextQuiz(quizzes, history({ confidence: { identify: 4, engage: 2 } })), 'e1');
    assert.equal(nextQuiz(quizzes, history({ confidence: { identify: 2, engage: 3 } })), 'i1');
    // Level, or one unknown: no preference, the pack's order.
    assert.equal(nextQuiz(quizzes, history({ confidence: { identify: 3, engage: 3 } })), 'i1');
    assert.equal(nextQuiz(quizzes, history({ confidence: { engage: 1 } })), 'i1');
  });

  it('never lets the weaker question outrank whether a quiz is due', function () {
    const seen = new Map([
      ['e1', day(1)],
      ['e2', day(1)],
    ]);
    const answers = [{ quizId: 'e1', correct: true, answeredAt: day(1) }];
    assert.equal(
      nextQuiz(quizzes, history({ seen, answers, confidence: { identify: 5, engage: 1 } })),
      'i1',
    );
  });

  it('prefers a got-wrong quiz on the weaker question over an unseen one on the other', function () {
    const seen = new Map([
      ['e1', day(1)],
      ['e2', day(2)],
    ]);
    const answers = [
      { quizId: 'e1', correct: false, answeredAt: day(1) },
      { quizId: 'e2', correct: true, answeredAt: day(2) },
    ];
    assert.equal(
      nextQuiz(quizzes, history({ seen, answers, confidence: { identify: 5, engage: 1 } })),
      'e1',
    );
  });

  it('when all are done, brings round the one sent longest ago (weaker question first)', function () {
    const seen = new Map([
      ['i1', day(3)],
      ['e1', day(4)],
      ['i2', day(1)],
      ['e2', day(2)],
    ]);
    const answers = quizzes.map((q) => ({
      quizId: q.id,
      correct: true,
      answeredAt: seen.get(q.id)!,
    }));
    assert.equal(nextQuiz(quizzes, history({ seen })), 'i2', 'seen, none answered');
    assert.equal(nextQuiz(quizzes, history({ seen, answers })), 'i2', 'all answered right');
    assert.equal(
      nextQuiz(quizzes, history({ seen, confidence: { identify: 5, engage: 2 } })),
      'e2',
    );
  });

  it('is stable: the same history always gives the same quiz, whatever order answers come in', function () {
    const seen = new Map(quizzes.map((q, i) => [q.id, day(i + 1)]));
    const answers = [
      { quizId: 'i2', correct: false, answeredAt: day(7) },
      { quizId: 'e2', correct: false, answeredAt: day(7) },
    ];
    const one = nextQuiz(quizzes, history({ seen, answers }));
    const two = nextQuiz(quizzes, history({ seen, answers: [...answers].reverse() }));
    assert.equal(one, two);
    assert.equal(one, 'i2', 'met at the same time: the pack order decides');
  });

  it('walks a new person through the whole shipped pack before repeating one', function () {
    const pack = loadQuizzes().quizzes;
    const seen = new Map<string, string>();
    for (let i = 0; i < pack.length; i += 1) {
      const id = nextQuiz(pack, history({ seen, confidence: { identify: 2, engage: 4 } }));
      assert.ok(id && !seen.has(id), `week ${i}: ${id}`);
      seen.set(id, new Date(Date.UTC(2026, 0, 1 + 7 * i)).toISOString());
    }
    assert.equal(seen.size, pack.length);
    assert.equal(pack.find((q) => q.id === [...seen.keys()][0])?.question, 'identify');
  });

  it('names the weaker question only when both are known and differ', function () {
    assert.equal(weakerQuestion({ identify: 1, engage: 2 }), 'identify');
    assert.equal(weakerQuestion({ identify: 2, engage: 1 }), 'engage');
    assert.equal(weakerQuestion({ identify: 2, engage: 2 }), undefined);
    assert.equal(weakerQuestion({}), undefined);
  });
});
