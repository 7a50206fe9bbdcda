import assert from 'node:assert/strict';
import { parseCoachingAction } from '../../../src/coaching/actions';

describe('parseCoachingAction (card data at the edge)', () => {
  const table: ReadonlyArray<readonly [string, unknown, unknown]> = [
    ['coaching.prepare', undefined, { type: 'start', mode: 'prepare' }],
    ['coaching.debrief', {}, { type: 'start', mode: 'debrief' }],
    ['coaching.start', { mode: 'debrief' }, { type: 'start', mode: 'debrief' }],
    ['coaching.resume', {}, { type: 'resume' }],
    [
      'coaching.answer',
      { revision: 3, stepId: 'prepare.open', answerId: 'if-angry', note: '' },
      {
        type: 'answer',
        revision: 3,
        stepId: 'prepare.open',
        answerId: 'if-angry',
        input: { note: undefined, ticked: [] },
      },
    ],
    [
      'coaching.next',
      {
        revision: '4',
        stepId: 'debrief.check-risk',
        ticked: 'weapon,child-harm',
        note: ' his words ',
      },
      {
        type: 'next',
        revision: 4,
        stepId: 'debrief.check-risk',
        input: { note: ' his words ', ticked: ['weapon', 'child-harm'] },
      },
    ],
    [
      'coaching.back',
      { revision: 2, stepId: 'x', ticked: ['a'] },
      { type: 'back', revision: 2, stepId: 'x', input: { note: undefined, ticked: ['a'] } },
    ],
    [
      'coaching.skip',
      { revision: 2, stepId: 'x', extra: 'ignored' },
      { type: 'skip', revision: 2, stepId: 'x', input: { note: undefined, ticked: [] } },
    ],
    [
      'coaching.pause',
      { revision: 9, stepId: 'x' },
      { type: 'pause', revision: 9, stepId: 'x', input: { note: undefined, ticked: [] } },
    ],
  ];
  for (const [verb, data, expected] of table) {
    it(`parses ${verb}`, () => assert.deepEqual(parseCoachingAction(verb, data), expected));
  }

  const refused: ReadonlyArray<readonly [string, unknown]> = [
    ['coaching.start', { mode: 'lecture' }],
    ['coaching.answer', { revision: 3, stepId: 'x' }],
    ['coaching.next', { stepId: 'x' }],
    ['coaching.next', { revision: 0, stepId: 'x' }],
    ['coaching.next', { revision: 'three', stepId: 'x' }],
    ['coaching.back', 'not an object'],
    ['coaching.explode', {}],
    ['wording.show', { situation: 'denies' }],
  ];
  for (const [verb, data] of refused) {
    it(`refuses ${verb} with ${JSON.stringify(data)}`, () =>
      assert.equal(parseCoachingAction(verb, data), undefined));
  }
});
