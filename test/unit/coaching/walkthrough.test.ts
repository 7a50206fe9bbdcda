import assert from 'node:assert/strict';
import type { CoachingSession } from '../../../src/coaching/session';
import { isWhatIf } from '../../../src/coaching/stepView';
import { coachingModes, stageIds, type CoachingMode } from '../../../src/content/coaching/schema';
import {
  changed,
  ctxAt,
  days,
  pack,
  press,
  started,
  stepData,
  t0,
  walk,
  walkthrough,
} from './builders';

describe('coaching walk-through engine', () => {
  for (const mode of coachingModes) {
    describe(`${mode} mode`, () => {
      const content = pack.modes[mode];

      it('starts at stage 1 with revision 1 and an empty path', () => {
        const t = changed(walkthrough.start(mode, ctxAt()));
        const data = stepData(t.view);
        assert.equal(t.session.revision, 1);
        assert.equal(t.session.status, 'active');
        assert.deepEqual(t.session.path, []);
        assert.equal(data.stageNumber, 1);
        assert.equal(data.progress, `Step 1 of 7: ${content.stageNames[0] ?? ''}`);
        assert.equal(data.revision, 1);
      });

      it('reaches every one of the seven stages by pressing buttons from the start', () => {
        const seen = exploreAll(mode);
        const stages = new Set([...seen.values()].map((s) => s.stage));
        assert.deepEqual(
          [...stages].sort(),
          stageIds.map((_, i) => i + 1),
        );
        assert.equal(seen.size, content.steps.length, 'every step is reachable');
      });

      it('sends every quick answer to a step that exists, and it renders', () => {
        for (const step of content.steps) {
          for (const answer of step.answers) {
            const session = { ...started(mode), stepId: step.id };
            const t = changed(
              walkthrough.apply(session, press.answer(session, answer.id), ctxAt()),
            );
            // "Do not ask now" while preparing ends the walk-through rather than going on.
            if (t.session.status === 'completed' && step.tone === 'stop') continue;
            if (isWhatIf(mode, step, answer)) {
              // A "what if…" opens its guidance on the same step; Next then goes on.
              assert.equal(t.session.stepId, step.id, `${step.id} / ${answer.id} stays`);
              const open = stepData(t.view);
              assert.ok(open.whatIfOpen);
              assert.equal(open.whatIf.heading, answer.label);
              assert.ok(open.navigation.some((a) => a.title === 'Next'));
              const on = changed(
                walkthrough.apply(t.session, press.nav('next', t.session), ctxAt()),
              );
              assert.equal(on.session.stepId, answer.next);
              continue;
            }
            assert.equal(t.session.stepId, answer.next, `${step.id} → ${answer.id}`);
            assert.ok(content.stepsById.has(t.session.stepId));
            const data = stepData(t.view);
            assert.equal(data.stepId, answer.next);
            if (answer.wording) {
              assert.equal(
                data.wordingOffers[0]?.data.situation,
                answer.wording,
                `${step.id}/${answer.id} offers its wording first`,
              );
            }
          }
        }
      });

      it('follows the default path with Next from the first safe answer to the summary', () => {
        const safeAnswer =
          content.steps[0]?.answers.find((a) => a.next.endsWith('.open'))?.id ?? '';
        let session = walk(mode, [safeAnswer]);
        const visited = [session.stepId];
        while (session.status === 'active') {
          session = changed(
            walkthrough.apply(session, press.nav('next', session), ctxAt()),
          ).session;
          visited.push(session.stepId);
        }
        assert.equal(session.status, 'completed');
        assert.deepEqual(
          visited.map((id) => content.stepsById.get(id)?.stage),
          [2, 3, 4, 5, 6, 7, 7],
        );
        assert.equal(walkthrough.view(session, ctxAt().contacts).card, 'coaching-summary');
      });

      it('fills local details into the step texts', () => {
        const session = { ...started(mode), stepId: `${mode}.check-risk` };
        const data = stepData(walkthrough.view(session, ctxAt().contacts));
        assert.match(data.whatToDo, /Testshire MASH on 01234 567890/);
        assert.doesNotMatch(JSON.stringify(data), /\{\{/);
      });
    });
  }

  describe('the safe-to-ask gate', () => {
    const gate: Array<[CoachingMode, string, string]> = [
      ['prepare', 'partner-present', 'prepare.not-now-partner'],
      ['prepare', 'other-adult-present', 'prepare.not-now-others'],
      ['prepare', 'child-present', 'prepare.not-now-child'],
      ['prepare', 'family-interpreter', 'prepare.not-now-interpreter'],
      ['debrief', 'partner-was-present', 'debrief.was-not-safe-partner'],
      ['debrief', 'child-was-present', 'debrief.was-not-safe-child'],
      ['debrief', 'family-interpreted', 'debrief.was-not-safe-interpreter'],
    ];
    for (const [mode, answer, outcome] of gate) {
      it(`${mode}: "${answer}" leads to a stop outcome saying what to do instead`, () => {
        const session = walk(mode, [answer]);
        const data = stepData(walkthrough.view(session, ctxAt().contacts));
        assert.equal(session.stepId, outcome);
        assert.equal(data.isStop, true);
        assert.equal(data.stageNumber, 1);
        assert.ok(data.whatToDo.length > 80);
      });
    }

    it('prepare: not safe → do not ask now, and the walk-through ends there with its summary, not at recording', () => {
      const session = walk('prepare', ['partner-present']);
      const data = stepData(walkthrough.view(session, ctxAt().contacts));
      assert.match(data.title, /^Do not ask now/);
      const t = changed(walkthrough.apply(session, press.nav('next', session), ctxAt()));
      assert.equal(t.session.status, 'completed');
      assert.equal(t.view.card, 'coaching-summary');
    });

    it('prepare: safe to ask → continue to opening the conversation', () => {
      assert.equal(walk('prepare', ['safe']).stepId, 'prepare.open');
    });

    it('cannot be skipped, and has no Next: an answer is required', () => {
      for (const mode of coachingModes) {
        const session = started(mode);
        const titles = stepData(walkthrough.view(session, ctxAt().contacts)).navigation.map(
          (a) => a.verb,
        );
        assert.deepEqual(titles, ['coaching.pause', 'welcome.leave']);
        assert.equal(
          walkthrough.apply(session, press.nav('skip', session), ctxAt()).kind,
          'unchanged',
        );
        assert.equal(
          walkthrough.apply(session, press.nav('next', session), ctxAt()).kind,
          'unchanged',
        );
      }
    });
  });

  describe('navigation', () => {
    it('back returns to the previous step and forgets what was recorded there', () => {
      const session = walk('debrief', ['it-was-safe', 'talked', 'minimised']);
      assert.equal(session.stepId, 'debrief.check-risk');
      const back = changed(walkthrough.apply(session, press.nav('back', session), ctxAt())).session;
      assert.equal(back.stepId, 'debrief.explore');
      assert.equal(back.path.length, 2);
      assert.ok(!back.path.some((e) => e.answerId === 'minimised'));
      assert.equal(back.revision, session.revision + 1);
    });

    it('back on the first step does nothing', () => {
      const session = started('prepare');
      assert.equal(
        walkthrough.apply(session, press.nav('back', session), ctxAt()).kind,
        'unchanged',
      );
    });

    it('skip moves on and marks the step as not covered', () => {
      const session = walk('prepare', ['safe', 'skip']);
      assert.equal(session.stepId, 'prepare.explore');
      assert.equal(session.path[1]?.via, 'skip');
    });

    it('pause, then resume, returns to the same step with a new revision', () => {
      const session = walk('prepare', ['safe', 'next']);
      const paused = changed(
        walkthrough.apply(session, press.nav('pause', session), ctxAt()),
      ).session;
      assert.equal(paused.status, 'paused');
      const later = new Date(t0.getTime() + days(12));
      const t = changed(walkthrough.apply(paused, { type: 'resume' }, ctxAt(later)));
      assert.equal(t.session.status, 'active');
      assert.equal(t.session.stepId, session.stepId);
      assert.equal(stepData(t.view).stepId, 'prepare.explore');
      assert.ok(t.session.revision > paused.revision);
    });

    it('resume on an active walk-through shows the current step without a change', () => {
      const session = walk('debrief', ['it-was-safe']);
      const t = walkthrough.apply(session, { type: 'resume' }, ctxAt());
      assert.equal(t.kind, 'unchanged');
      assert.equal(stepData(t.view).stepId, 'debrief.open');
    });

    it('back from the summary reopens the last step', () => {
      const done = walk('debrief', [
        'it-was-safe',
        'nothing-of-concern',
        'none',
        'next',
        'next',
        'next',
      ]);
      assert.equal(done.status, 'completed');
      const t = changed(walkthrough.apply(done, press.nav('back', done), ctxAt()));
      assert.equal(t.session.status, 'active');
      assert.equal(stepData(t.view).stepId, 'debrief.record');
    });

    it('a new start continues the revision count, so cards from the old walk-through go stale', () => {
      const old = walk('prepare', ['safe', 'next']);
      const fresh = changed(walkthrough.start('debrief', ctxAt(), old)).session;
      assert.equal(fresh.revision, old.revision + 1);
      assert.equal(walkthrough.apply(fresh, press.nav('next', old), ctxAt()).kind, 'stale');
    });
  });

  describe('stale and expired actions', () => {
    it('an action with an old revision is stale and changes nothing', () => {
      const first = started('prepare');
      const moved = changed(walkthrough.apply(first, press.answer(first, 'safe'), ctxAt())).session;
      const before = structuredClone(moved);
      const t = walkthrough.apply(moved, press.answer(first, 'partner-present'), ctxAt());
      assert.equal(t.kind, 'stale');
      assert.equal(t.view.card, 'coaching-stale');
      assert.deepEqual(moved, before);
      if (t.view.card === 'coaching-stale') {
        assert.equal(t.view.data.title, 'This card is out of date');
        assert.deepEqual(
          t.view.data.actions.map((a) => a.verb),
          ['coaching.resume'],
        );
      }
    });

    it('an action for another step with the current revision is stale', () => {
      const session = started('prepare');
      const t = walkthrough.apply(
        session,
        { ...press.answer(session, 'safe'), stepId: 'prepare.open' },
        ctxAt(),
      );
      assert.equal(t.kind, 'stale');
    });

    it('a step action on a paused walk-through is stale', () => {
      const session = started('prepare');
      const paused = changed(
        walkthrough.apply(session, press.nav('pause', session), ctxAt()),
      ).session;
      assert.equal(
        walkthrough.apply(
          paused,
          { ...press.answer(session, 'safe'), revision: paused.revision },
          ctxAt(),
        ).kind,
        'stale',
      );
    });

    it('an unknown answer id is not applied', () => {
      const session = started('prepare');
      assert.equal(
        walkthrough.apply(session, press.answer(session, 'no-such'), ctxAt()).kind,
        'unchanged',
      );
    });

    it('expires 30 days after last use, checked with the clock', () => {
      const session = started('prepare');
      const justBefore = new Date(t0.getTime() + days(30) - 1000);
      assert.equal(
        walkthrough.apply(session, { type: 'resume' }, ctxAt(justBefore)).kind,
        'unchanged',
      );
      const t = walkthrough.apply(
        session,
        { type: 'resume' },
        ctxAt(new Date(t0.getTime() + days(30))),
      );
      assert.equal(t.kind, 'stale');
      assert.equal(t.kind === 'stale' && t.reason, 'expired');
    });

    it('every change pushes expiry 30 days from now', () => {
      const later = new Date(t0.getTime() + days(20));
      const session = started('prepare');
      const moved = changed(
        walkthrough.apply(session, press.answer(session, 'safe'), ctxAt(later)),
      ).session;
      assert.equal(moved.expiresAt, new Date(later.getTime() + days(30)).toISOString());
    });

    it('a session on a step a newer pack dropped carries on from the first step', () => {
      const session = { ...started('prepare'), stepId: 'prepare.retired-step' };
      const data = stepData(walkthrough.view(session, ctxAt().contacts));
      assert.equal(data.stepId, 'prepare.safe-to-ask');
      const pressed = { ...press.answer(session, 'safe'), stepId: data.stepId };
      assert.equal(
        changed(walkthrough.apply(session, pressed, ctxAt())).session.stepId,
        'prepare.open',
      );
    });

    it('no session: resume and step actions say there is nothing to carry on', () => {
      const t = walkthrough.apply(undefined, { type: 'resume' }, ctxAt());
      assert.equal(t.kind === 'stale' && t.reason, 'not-found');
    });
  });

  describe('safety net inside the walk-through', () => {
    it('a danger phrase typed in the note raises the safety card and is recorded as categories only', () => {
      const session = walk('debrief', ['it-was-safe', 'talked']);
      const note = 'He said he put his hands round her neck last week';
      const t = changed(
        walkthrough.apply(session, press.answer(session, 'minimised', { note }), ctxAt()),
      );
      assert.equal(t.safety?.card, 'safety-alert');
      assert.deepEqual(t.session.path.at(-1)?.safety, ['strangulation']);
      // The personal card shows the words that raised it, never the rest of the note.
      assert.match(t.safety?.data.words ?? '', /neck/);
      assert.ok(!JSON.stringify(t.safety).includes('last week'), 'never echoes the rest');
    });

    it('ticked risk signs raise the safety card', () => {
      const session = walk('prepare', ['safe', 'next', 'next']);
      const t = changed(
        walkthrough.apply(
          session,
          press.nav('next', session, { ticked: ['weapon', 'child-harm'] }),
          ctxAt(),
        ),
      );
      assert.deepEqual(t.session.path.at(-1)?.safety, ['weapon', 'child-harm']);
      assert.deepEqual(
        t.safety?.data.concerns.map((c) => c.label),
        ['Weapons', 'A child hurt, frightened or caught up in abuse'],
      );
    });

    it('a quick answer that carries a trigger raises the safety card', () => {
      const session = walk('debrief', ['it-was-safe', 'talked', 'denied']);
      const t = changed(walkthrough.apply(session, press.answer(session, 'separating'), ctxAt()));
      assert.deepEqual(
        t.safety?.data.concerns.map((c) => c.label),
        ['Separation, or plans to separate'],
      );
    });

    it('danger typed on an out-of-date card still raises the safety card, without changing the session', () => {
      const first = started('debrief');
      const moved = changed(
        walkthrough.apply(first, press.answer(first, 'it-was-safe'), ctxAt()),
      ).session;
      const t = walkthrough.apply(
        moved,
        press.nav('pause', first, { note: 'he threatened to kill her' }),
        ctxAt(),
      );
      assert.equal(t.kind, 'stale');
      assert.equal(t.safety?.card, 'safety-alert');
    });

    it('no safety card when nothing of concern was typed', () => {
      const session = started('prepare');
      const t = walkthrough.apply(
        session,
        press.answer(session, 'safe', { note: 'Meeting at the family hub on Tuesday' }),
        ctxAt(),
      );
      assert.equal(t.safety, undefined);
    });

    it('keeps at most the stored length of a note, but scans all of it', () => {
      const note = `${'a '.repeat(1500)} she is terrified of him`;
      const session = started('prepare');
      const t = changed(
        walkthrough.apply(session, press.answer(session, 'safe', { note }), ctxAt()),
      );
      assert.equal(t.session.path[0]?.note?.length, 1000);
      assert.deepEqual(t.session.path[0]?.safety, ['victim-fear']);
    });
  });
});

/** Every step reachable by pressing any button, breadth first. */
function exploreAll(mode: CoachingMode): Map<string, { stage: number }> {
  const seen = new Map<string, { stage: number }>();
  const queue: CoachingSession[] = [started(mode)];
  for (let session = queue.shift(); session; session = queue.shift()) {
    if (seen.has(session.stepId) || session.status !== 'active') continue;
    const data = stepData(walkthrough.view(session, ctxAt().contacts));
    seen.set(session.stepId, { stage: data.stageNumber });
    const actions = [
      ...data.quickAnswers.map((a) => press.answer(session, String(a.data.answerId))),
      ...data.navigation
        .filter((a) => a.verb === 'coaching.next' || a.verb === 'coaching.skip')
        .map((a) => press.nav(a.verb === 'coaching.next' ? 'next' : 'skip', session)),
    ];
    for (const action of actions) {
      const t = walkthrough.apply(session, action, ctxAt());
      if (t.kind === 'changed') queue.push(t.session);
    }
  }
  return seen;
}
