import assert from 'node:assert/strict';
import sinon from 'sinon';
import {
  handleCoachingAction,
  findResumable,
  type CoachingDeps,
} from '../../../src/coaching/handleCoachingAction';
import type { CoachingAction, StepInput } from '../../../src/coaching/actions';
import type { CoachingSession } from '../../../src/coaching/session';
import {
  DocumentStoreSessionRepository,
  itemKey,
  sessionTtlSeconds,
} from '../../../src/coaching/sessionRepository';
import { AppError, ErrorCodes } from '../../../src/kernel/errors';
import { RecentItems } from '../../../src/kernel/recentItems';
import { currentStep } from '../../../src/coaching/stepView';
import { documentIdFor } from '../../../src/kernel/hash';
import { contacts, days, FakeClock, walkthrough } from './builders';
import { FakeDocumentStore } from './fakeDocumentStore';

const who = { tenantId: '11111111-2222-3333-4444-555555555555', userId: '29:user-aad-object-id' };

function harness() {
  const store = new FakeDocumentStore<CoachingSession>();
  const sessions = new DocumentStoreSessionRepository(store);
  const load = sinon.spy(sessions, 'load');
  const save = sinon.spy(sessions, 'save');
  const clock = new FakeClock();
  const deps: CoachingDeps = { sessions, walkthrough, clock };
  const turn = (action: CoachingAction) => handleCoachingAction(deps, { ...who, action, contacts });
  /** Presses a button on the card for the stored session, as the last turn rendered it. */
  const pressOn = async (
    type: 'answer' | 'next' | 'skip' | 'back' | 'pause',
    answerId = '',
    input: StepInput = { ticked: [] },
  ) => {
    const stored = (await store.read(itemKey(who)))?.value;
    assert.ok(stored);
    const at = { revision: stored.revision, stepId: stored.stepId, input };
    return turn(type === 'answer' ? { type, answerId, ...at } : { type, ...at });
  };
  return { store, sessions, load, save, clock, deps, turn, pressOn };
}

describe('handleCoachingAction (use case)', () => {
  it('does at most one session read and one session write per turn', async () => {
    const h = harness();
    await h.turn({ type: 'start', mode: 'prepare' });
    for (const verb of ['answer', 'next', 'skip', 'back', 'pause'] as const) {
      h.load.resetHistory();
      h.save.resetHistory();
      await h.pressOn(verb, 'safe');
      assert.equal(h.load.callCount, 1, `${verb}: reads`);
      assert.ok(h.save.callCount <= 1, `${verb}: writes`);
    }
    h.load.resetHistory();
    h.save.resetHistory();
    await h.turn({ type: 'resume' });
    assert.equal(h.load.callCount, 1);
    assert.equal(h.save.callCount, 1);
  });

  it('stores the session under the tenant, with a hashed user id and a 30-day TTL', async () => {
    const h = harness();
    await h.turn({ type: 'start', mode: 'debrief' });
    const [item] = await h.store.listPartition(who.tenantId);
    assert.equal(item?.id, `coaching-${documentIdFor(who.userId)}`);
    assert.ok(!JSON.stringify(item).includes(who.userId));
    assert.deepEqual(
      h.store.writes.map((w) => w.options),
      [{ ttlSeconds: sessionTtlSeconds }],
    );
    assert.equal(sessionTtlSeconds, 30 * 24 * 60 * 60);
  });

  it('writes nothing for a stale card and says the card is out of date', async () => {
    const h = harness();
    await h.turn({ type: 'start', mode: 'prepare' });
    const stale = {
      type: 'answer',
      revision: 1,
      stepId: 'prepare.safe-to-ask',
      answerId: 'safe',
      input: { ticked: [] },
    } as const;
    await h.turn(stale);
    h.save.resetHistory();
    const result = await h.turn(stale);
    assert.equal(result.stale, 'out-of-date');
    assert.equal(result.view.card, 'coaching-stale');
    assert.equal(h.save.callCount, 0);
  });

  it('reports a write lost to another device (412) as stale, keeping the other device’s session', async () => {
    const h = harness();
    await h.turn({ type: 'start', mode: 'prepare' });
    const before = await h.store.read(itemKey(who));
    // Another instance writes between this turn's read and write.
    sinon.stub(h.store, 'replace').callsFake(async () => {
      throw new AppError(ErrorCodes.storePreconditionFailed, 'etag mismatch');
    });
    const result = await h.pressOn('answer', 'safe');
    assert.equal(result.stale, 'out-of-date');
    assert.equal(result.view.card, 'coaching-stale');
    assert.deepEqual((await h.store.read(itemKey(who)))?.value, before?.value);
  });

  it('two devices pressing the same card at once: one wins, the other is told it is out of date', async () => {
    const h = harness();
    await h.turn({ type: 'start', mode: 'prepare' });
    const [a, b] = await Promise.all([
      h.pressOn('answer', 'safe'),
      h.pressOn('answer', 'partner-present'),
    ]);
    assert.deepEqual([a.stale, b.stale].sort(), ['out-of-date', undefined].sort());
    const stored = (await h.store.read(itemKey(who)))?.value;
    assert.equal(stored?.revision, 2);
    assert.equal(stored?.path.length, 1);
  });

  it('reports a concurrent first write (409) as stale too', async () => {
    const h = harness();
    sinon.stub(h.store, 'create').rejects(new AppError(ErrorCodes.storeConflict, 'exists'));
    const result = await h.turn({ type: 'start', mode: 'prepare' });
    assert.equal(result.stale, 'out-of-date');
  });

  it('lets other storage failures through, for the turn-error handler', async () => {
    const h = harness();
    sinon.stub(h.store, 'create').rejects(new AppError(ErrorCodes.storeUnavailable, 'down'));
    await assert.rejects(h.turn({ type: 'start', mode: 'prepare' }), /down/);
  });

  it('resumes a paused walk-through days later, and expires it after 30 days by the clock', async () => {
    const h = harness();
    await h.turn({ type: 'start', mode: 'prepare' });
    await h.pressOn('answer', 'safe');
    await h.pressOn('pause');
    h.clock.advance(days(29));
    const resumed = await h.turn({ type: 'resume' });
    assert.equal(resumed.view.card, 'coaching-step');
    assert.equal(resumed.view.card === 'coaching-step' && resumed.view.data.stepId, 'prepare.open');
    h.clock.advance(days(30));
    h.save.resetHistory();
    const expired = await h.turn({ type: 'resume' });
    assert.equal(expired.stale, 'expired');
    assert.equal(h.save.callCount, 0);
  });

  it('starts afresh over an expired or unreadable stored session', async () => {
    const h = harness();
    // A document from an older release: the cast is the point, the repository must not trust it.
    await h.store.create(itemKey(who), { not: 'a session' } as unknown as CoachingSession);
    const result = await h.turn({ type: 'start', mode: 'debrief' });
    assert.equal(result.view.card, 'coaching-step');
    assert.equal((await h.store.read(itemKey(who)))?.value.mode, 'debrief');
  });

  it('returns the safety card in the same turn as the step card', async () => {
    const h = harness();
    await h.turn({ type: 'start', mode: 'debrief' });
    const result = await h.pressOn('answer', 'it-was-safe', {
      ticked: [],
      note: 'she told me he has a gun',
    });
    assert.equal(result.view.card, 'coaching-step');
    assert.equal(result.safety?.card, 'safety-alert');
    assert.deepEqual(
      result.safety?.data.actions.map((a) => a.verb),
      ['coaching.resume', 'welcome.show'],
    );
  });

  it('describes a resumable walk-through for the welcome card (one read)', async () => {
    const h = harness();
    assert.equal(await findResumable(h.deps, who), undefined);
    await h.turn({ type: 'start', mode: 'prepare' });
    await h.pressOn('answer', 'safe');
    await h.pressOn('pause');
    h.load.resetHistory();
    assert.deepEqual(await findResumable(h.deps, who), {
      mode: 'prepare',
      status: 'paused',
      description: 'Prepare for a conversation. Step 2 of 7: Open the conversation',
    });
    assert.equal(h.load.callCount, 1);
  });

  describe('two instances over one store, each keeping the sessions it last read or wrote', () => {
    /** One bot instance: its own repository and copies, the shared store underneath. */
    function anInstance(store: FakeDocumentStore<CoachingSession>, clock: FakeClock) {
      const sessions = new DocumentStoreSessionRepository(
        store,
        undefined,
        new RecentItems({ maxItems: 10, maxIdleMs: 60_000 }),
      );
      const deps: CoachingDeps = { sessions, walkthrough, clock };
      return {
        turn: (action: CoachingAction) => handleCoachingAction(deps, { ...who, action, contacts }),
      };
    }

    function twoInstances() {
      const store = new FakeDocumentStore<CoachingSession>();
      const clock = new FakeClock();
      const read = sinon.spy(store, 'read');
      /** The first quick answer on the card as the stored session stands now. */
      const cardNow = async () => {
        const stored = (await store.read(itemKey(who)))?.value;
        assert.ok(stored);
        const answerId = currentStep(walkthrough.pack, stored).answers[0]?.id;
        assert.ok(answerId, 'the step has a quick answer');
        return {
          type: 'answer',
          answerId,
          revision: stored.revision,
          stepId: stored.stepId,
          input: { ticked: [] },
        } as const;
      };
      return { store, read, cardNow, a: anInstance(store, clock), b: anInstance(store, clock) };
    }

    it('a press on the instance that wrote last needs no read', async () => {
      const t = twoInstances();
      await t.a.turn({ type: 'start', mode: 'prepare' });
      const card = await t.cardNow();
      t.read.resetHistory();
      const result = await t.a.turn(card);
      assert.equal(result.stale, undefined);
      assert.equal(t.read.callCount, 0);
      assert.equal((await t.store.read(itemKey(who)))?.value.path.length, 1);
    });

    it('a press on a card the other instance drew: the copy is behind, so the store decides, and the press counts', async () => {
      const t = twoInstances();
      await t.a.turn({ type: 'start', mode: 'prepare' });
      await t.a.turn(await t.cardNow());
      // The next press lands on b, the one after that on a again, whose copy is now behind.
      await t.b.turn(await t.cardNow());
      const card = await t.cardNow();
      t.read.resetHistory();
      const result = await t.a.turn(card);
      assert.equal(result.stale, undefined, 'the card pressed was the current one');
      assert.equal(t.read.callCount, 1, 'the store was read');
      const stored = (await t.store.read(itemKey(who)))?.value;
      assert.equal(stored?.revision, 4);
      assert.equal(stored?.path.length, 3, 'every press is in the path, none lost or doubled');
    });

    it('a press on an old card is still out of date when the copy is behind (its write gets 412)', async () => {
      const t = twoInstances();
      await t.a.turn({ type: 'start', mode: 'prepare' });
      const old = await t.cardNow();
      // The same card pressed on another device first, served by b.
      await t.b.turn(old);
      const replace = sinon.spy(t.store, 'replace');
      const result = await t.a.turn(old);
      assert.equal(result.stale, 'out-of-date');
      assert.equal(replace.callCount, 1, 'the copy was tried once, refused by If-Match');
      assert.equal((await t.store.read(itemKey(who)))?.value.revision, 2);
    });

    it('two presses of one card at once on two instances: one wins, the other is out of date', async () => {
      const t = twoInstances();
      await t.a.turn({ type: 'start', mode: 'prepare' });
      await t.b.turn({ type: 'resume' });
      const card = await t.cardNow();
      const [x, y] = await Promise.all([t.a.turn(card), t.b.turn(card)]);
      assert.deepEqual([x.stale, y.stale].sort(), ['out-of-date', undefined].sort());
      assert.equal((await t.store.read(itemKey(who)))?.value.path.length, 1);
    });
  });
});
