import assert from 'node:assert/strict';
import sinon from 'sinon';
import { AppError, ErrorCodes, isAppError } from '../../../../src/kernel/errors';
import { RecentItems } from '../../../../src/kernel/recentItems';
import { referralStoresFrom } from '../../../../src/referrals';
import {
  DocumentStoreDraftRepository,
  DocumentStoreReferrerProfiles,
  draftItemKey,
  type ReferralDraft,
  draftTtlSeconds,
  handleReferralTurn,
  type ReferralCommand,
  type ReferralFormDeps,
  type ReferralTurnResult,
} from '../../../../src/referrals/form';
import { genericLocalContacts } from '../../../../src/tenants/localContacts';
import { FakeDocumentStore } from '../../coaching/fakeDocumentStore';
import { ManualClock } from '../../../support/referrals/deliveryFakes';
import { aFullDraft } from './cardSamples';
import { InMemoryStorage } from '../../../../src/storage/memory/InMemoryStorage';

const tenantId = '00000000-0000-4000-8000-00000000aaaa';
const userId = '00000000-0000-4000-8000-0000000000f1';
const key = { tenantId, userId };
const fixedId = '3f2a9c1b-8d7e-4c6b-9a5f-0e1d2c3b4a59';

function aForm(options: { newId?: () => string } = {}) {
  const clock = new ManualClock('2026-11-23T10:00:00.000Z');
  const drafts = new FakeDocumentStore<unknown>();
  const storage = new InMemoryStorage({ clock });
  const deps: ReferralFormDeps = {
    drafts: new DocumentStoreDraftRepository(drafts),
    profiles: new DocumentStoreReferrerProfiles(drafts),
    stores: referralStoresFrom(storage),
    clock,
    ...(options.newId ? { newId: options.newId } : {}),
  };
  const turn = (command: ReferralCommand) =>
    handleReferralTurn(deps, {
      ...key,
      command,
      contacts: genericLocalContacts,
      profile: async () => ({ name: 'Alex Example' }),
    });
  const referrals = async () => (await deps.stores.referrals.listPartition(tenantId)).length;
  return { clock, drafts, deps, turn, referrals };
}

describe('the referral form use case', () => {
  it('keeps drafts per user in the tenant’s partition, under a hash of the user id, for 7 days, with If-Match', async () => {
    const f = aForm();
    await f.turn({ type: 'start' });
    const [stored] = [...f.drafts.items.values()];
    assert.equal(stored?.partitionKey, tenantId);
    assert.equal(stored?.id, draftItemKey(key).id);
    assert.ok(
      !stored?.id.includes(userId) && !JSON.stringify(stored?.value).includes(userId),
      'the user id is not stored',
    );
    assert.equal(f.drafts.writes[0]?.options?.ttlSeconds, 7 * 24 * 60 * 60);
    assert.equal(draftTtlSeconds, 604_800);

    // A write that lost a race (another device wrote first) is refused, not merged.
    const etag = stored.etag;
    await f.turn({ type: 'next', revision: 1, place: 'referrer', input: {} });
    const repo = new DocumentStoreDraftRepository(f.drafts);
    const loaded = await repo.load(key);
    assert.deepEqual(await repo.save(key, loaded!.draft!, etag), { ok: false });
  });

  it('two Sends of one draft at once: one referral, the other told the card is out of date', async () => {
    const f = aForm();
    await f.deps.drafts.save(key, aFullDraft(), undefined);
    const results = await Promise.all([
      f.turn({ type: 'send', revision: 7, place: 'review' }),
      f.turn({ type: 'send', revision: 7, place: 'review' }),
    ]);
    assert.deepEqual(results.map((r) => r.kind).sort(), ['submitted', 'view']);
    assert.equal(await f.referrals(), 1);
  });

  it('a Send that stopped after choosing the referral id reuses it: still one referral', async () => {
    const ids = ['a1b2c3d4-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002'];
    const f = aForm({ newId: () => ids.shift() ?? 'x' });
    // The draft as a crashed Send left it: claimed, with its id, but nothing submitted yet.
    await f.deps.drafts.save(
      key,
      aFullDraft({ status: 'sending', referralId: fixedId, revision: 8 }),
      undefined,
    );
    const result = await f.turn({ type: 'send', revision: 8, place: 'review' });
    assert.equal(result.kind, 'submitted');
    assert.equal(result.kind === 'submitted' && result.referral.referralId, fixedId);
  });

  it('a Send that stopped after submitting (draft not yet deleted) finds its referral: no second one', async () => {
    const f = aForm({ newId: () => fixedId });
    await f.deps.drafts.save(key, aFullDraft(), undefined);
    const first = await f.turn({ type: 'send', revision: 7, place: 'review' });
    assert.equal(first.kind, 'submitted');
    // As if the draft's deletion had not happened: the claimed draft is back.
    await f.deps.drafts.save(
      key,
      aFullDraft({ status: 'sending', referralId: fixedId, revision: 8 }),
      undefined,
    );
    const again = await f.turn({ type: 'send', revision: 8, place: 'review' });
    assert.equal(again.kind, 'submitted');
    assert.equal(await f.referrals(), 1);
  });

  describe('a draft left `sending` by a Send that stored its referral (the draft was not deleted)', () => {
    /** Send stores the referral, then deleting the draft fails: the draft stays, `sending`. */
    async function aSendThatStopped() {
      const f = aForm({ newId: () => fixedId });
      await f.deps.drafts.save(key, aFullDraft(), undefined);
      const drafts = f.deps.drafts;
      const down = new AppError(ErrorCodes.storeUnavailable, 'The store is unavailable.');
      const failingDelete: ReferralFormDeps = {
        ...f.deps,
        drafts: {
          load: (k) => drafts.load(k),
          save: (k, d, e) => drafts.save(k, d, e),
          delete: () => Promise.reject(down),
        },
      };
      await assert.rejects(
        handleReferralTurn(failingDelete, {
          ...key,
          command: { type: 'send', revision: 7, place: 'review' },
          contacts: genericLocalContacts,
          profile: async () => ({}),
        }),
      );
      const left = await drafts.load(key);
      assert.equal(left?.draft?.status, 'sending');
      assert.equal(await f.referrals(), 1);
      return f;
    }

    const finished = (result: ReferralTurnResult) => {
      assert.equal(result.kind, 'submitted', 'the Send is finished, not the draft reopened');
      if (result.kind !== 'submitted') return;
      assert.equal(result.referral.referralId, fixedId);
      assert.equal(result.receipt.card, 'referral-receipt');
      const text = JSON.stringify(result.view.data);
      assert.match(text, /already submitted/);
      assert.doesNotMatch(text, /Nothing was sent|Carry on with my draft/);
    };

    it('"refer" finishes the Send (receipt, draft deleted) instead of offering to carry on', async () => {
      const f = await aSendThatStopped();
      finished(await f.turn({ type: 'start' }));
      assert.equal(await f.deps.drafts.load(key), undefined, 'the draft is deleted');
      assert.equal((await f.turn({ type: 'resume' })).kind, 'view', 'nothing left to carry on');
    });

    for (const command of [
      { type: 'resume' },
      { type: 'edit', revision: 8, place: 'review', target: 'father' },
      { type: 'next', revision: 8, place: 'review', input: { 'father.name': 'Someone Else' } },
      { type: 'send', revision: 8, place: 'review' },
      { type: 'discard', revision: 8, place: 'review' },
    ] as ReferralCommand[]) {
      it(`"${command.type}" cannot change, resend or discard it: the Send is finished, one referral`, async () => {
        const f = await aSendThatStopped();
        finished(await f.turn(command));
        assert.equal(await f.referrals(), 1);
        assert.equal(await f.deps.drafts.load(key), undefined);
      });
    }

    it('a draft left `sending` whose referral was never stored is still a draft: edited and sent', async () => {
      const f = aForm({ newId: () => 'a1b2c3d4-0000-4000-8000-000000000009' });
      await f.deps.drafts.save(
        key,
        aFullDraft({ status: 'sending', referralId: fixedId, revision: 8 }),
        undefined,
      );
      const offer = await f.turn({ type: 'start' });
      assert.match(JSON.stringify(offer.view.data), /Carry on with my draft/);
      const opened = await f.turn({ type: 'edit', revision: 8, place: 'review', target: 'father' });
      assert.equal(opened.view.card, 'referral-step');
      assert.equal((await f.deps.drafts.load(key))?.draft?.status, 'editing');
      const father = Object.fromEntries(
        Object.entries(aFullDraft().values).filter(([p]) => p.startsWith('father.')),
      );
      const reviewed = await f.turn({
        type: 'next',
        revision: 9,
        place: 'father',
        input: { ...father, 'father.name': 'Sam Changed' },
      });
      assert.equal(reviewed.view.card, 'referral-review');
      const sent = await f.turn({ type: 'send', revision: 10, place: 'review' });
      assert.equal(sent.kind, 'submitted');
      const [stored] = await f.deps.stores.referrals.listPartition(tenantId);
      assert.equal(stored?.value.body?.father.name, 'Sam Changed', 'the edits are what is sent');
      assert.equal(stored?.id, 'a1b2c3d4-0000-4000-8000-000000000009', 'under a new id');
    });
  });

  it('checks the whole referral before Send: a draft that no longer passes goes back to the review with errors', async () => {
    const f = aForm();
    const draft = aFullDraft();
    await f.deps.drafts.save(
      key,
      { ...draft, values: { ...draft.values, 'father.phone': 'nope' } },
      undefined,
    );
    const result = await f.turn({ type: 'send', revision: 7, place: 'review' });
    assert.equal(result.kind, 'view');
    assert.equal(result.kind === 'view' && result.view.card, 'referral-review');
    assert.equal(result.kind === 'view' && result.errorCount, 1);
    assert.equal(await f.referrals(), 0);
  });

  it('a store failure on Send is the store’s error (the turn-error handler answers): nothing submitted', async () => {
    const f = aForm();
    await f.deps.drafts.save(key, aFullDraft(), undefined);
    const down = new AppError(ErrorCodes.storeUnavailable, 'The store is unavailable.');
    const outbox = { ...f.deps.stores.outbox, create: () => Promise.reject(down) };
    const failing: ReferralFormDeps = { ...f.deps, stores: { ...f.deps.stores, outbox } };
    await assert.rejects(
      handleReferralTurn(failing, {
        ...key,
        command: { type: 'send', revision: 7, place: 'review' },
        contacts: genericLocalContacts,
        profile: async () => ({}),
      }),
      (err: unknown) => isAppError(err, ErrorCodes.storeUnavailable),
    );
    assert.equal(await f.referrals(), 0);
  });

  describe('two instances over one store, each keeping the drafts it last read or wrote', () => {
    function twoInstances() {
      const clock = new ManualClock('2026-11-23T10:00:00.000Z');
      const drafts = new FakeDocumentStore<unknown>();
      const stores = referralStoresFrom(new InMemoryStorage({ clock }));
      const instance = () => {
        const deps: ReferralFormDeps = {
          drafts: new DocumentStoreDraftRepository(
            drafts,
            undefined,
            new RecentItems<ReferralDraft>({ maxItems: 10, maxIdleMs: 60_000 }),
          ),
          profiles: new DocumentStoreReferrerProfiles(drafts),
          stores,
          clock,
        };
        return (command: ReferralCommand) =>
          handleReferralTurn(deps, {
            ...key,
            command,
            contacts: genericLocalContacts,
            profile: async () => ({ name: 'Alex Example' }),
          });
      };
      const stored = async () => {
        const item = await drafts.read(draftItemKey(key));
        return item?.value as ReferralDraft | undefined;
      };
      return { drafts, stored, a: instance(), b: instance() };
    }

    it('Back on the instance that wrote last needs no read; after the other wrote, the store decides', async () => {
      const t = twoInstances();
      await t.a({ type: 'new' });
      await t.drafts.replace(
        { ...draftItemKey(key), etag: (await t.drafts.read(draftItemKey(key)))!.etag },
        { ...(await t.stored())!, place: 'father', completed: ['referrer'] },
      );
      // a's copy is behind the write above: a Back on the card as it stands still works.
      const read = sinon.spy(t.drafts, 'read');
      const first = await t.a({ type: 'back', revision: 1, place: 'father' });
      assert.equal(first.kind === 'view' && first.stale, undefined);
      assert.equal(read.callCount, 1, 'the copy was behind: the store was read');
      assert.equal((await t.stored())?.place, 'referrer');
      const revision = (await t.stored())!.revision;
      read.resetHistory();
      const next = await t.a({ type: 'next', revision, place: 'referrer', input: {} });
      assert.equal(next.kind === 'view' && next.stale, undefined);
      assert.equal(read.callCount, 0, 'the copy a wrote itself: no read');
    });

    it('a press on an old card is out of date whichever instance gets it', async () => {
      const t = twoInstances();
      await t.a({ type: 'new' });
      await t.b({ type: 'next', revision: 1, place: 'referrer', input: {} });
      const result = await t.a({ type: 'next', revision: 1, place: 'referrer', input: {} });
      assert.equal(result.kind === 'view' && result.stale, 'out-of-date');
      assert.equal((await t.stored())?.revision, 2);
    });
  });
});
