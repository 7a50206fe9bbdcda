import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CoachingAction } from '../../../src/coaching/actions';
import type { CoachingSession } from '../../../src/coaching/session';
import { coachingModes } from '../../../src/content/coaching/schema';
import { contacts, ctxAt, pack, started, walkthrough } from './builders';

/** A press: which button (by index into what the card offers) and whether it comes from an old card. */
const pressArb = fc.record({
  kind: fc.constantFrom('answer', 'next', 'skip', 'back', 'pause', 'resume'),
  pick: fc.nat(20),
  fromOldCard: fc.boolean(),
  note: fc.option(fc.constantFrom('he has a knife', 'all fine', 'she is leaving him'), {
    nil: undefined,
  }),
});

type Press = typeof pressArb extends fc.Arbitrary<infer T> ? T : never;

function actionFor(p: Press, session: CoachingSession, old: CoachingSession): CoachingAction {
  const on = p.fromOldCard ? old : session;
  const input = { ticked: [], ...(p.note === undefined ? {} : { note: p.note }) };
  const step = pack.modes[on.mode].stepsById.get(on.stepId);
  const answers = step?.answers ?? [];
  const at = { revision: on.revision, stepId: on.stepId, input };
  switch (p.kind) {
    case 'answer':
      return {
        type: 'answer',
        answerId: answers[p.pick % Math.max(answers.length, 1)]?.id ?? 'none',
        ...at,
      };
    case 'next':
    case 'skip':
    case 'back':
    case 'pause':
      return { type: p.kind, ...at };
    default:
      return { type: 'resume' };
  }
}

describe('walk-through invariants (property-based)', () => {
  it('any sequence of presses, fresh or stale, keeps the session valid and never changes it from an old card', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...coachingModes),
        fc.array(pressArb, { maxLength: 40 }),
        (mode, presses) => {
          let session = started(mode);
          let old = session;
          for (const p of presses) {
            const action = actionFor(p, session, old);
            const t = walkthrough.apply(session, action, ctxAt());
            if (t.kind === 'changed') {
              assert.ok(t.session.revision === session.revision + 1, 'revision goes up by one');
              assert.ok(
                'revision' in action ? action.revision === session.revision : true,
                'only a current card changes it',
              );
              old = session;
              session = t.session;
            }
            const content = pack.modes[mode];
            assert.ok(content.stepsById.has(session.stepId), 'always on a real step');
            for (const entry of session.path) assert.ok(content.stepsById.has(entry.stepId));
            assert.ok(
              !session.path.some((e) => e.via === 'skip' && e.stepId === content.firstStep),
              'the gate is never skipped',
            );
            assert.ok(walkthrough.view(session, contacts).card.startsWith('coaching-'));
            if (p.note === 'he has a knife' && action.type !== 'resume')
              assert.equal(t.safety?.card, 'safety-alert');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
