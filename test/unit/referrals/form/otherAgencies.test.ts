import assert from 'node:assert/strict';
import { referralStoresFrom } from '../../../../src/referrals';
import {
  DocumentStoreDraftRepository,
  DocumentStoreReferrerProfiles,
  handleReferralTurn,
  type ReferralCommand,
  type ReferralDraft,
  type ReferralFormDeps,
  type ReferralTurnResult,
} from '../../../../src/referrals/form';
import { referralLimits } from '../../../../src/referrals/schema/referral';
import { InMemoryStorage } from '../../../../src/storage/memory/InMemoryStorage';
import { genericLocalContacts } from '../../../../src/tenants/localContacts';
import { FakeDocumentStore } from '../../coaching/fakeDocumentStore';
import { ManualClock } from '../../../support/referrals/deliveryFakes';
import { aFullDraft } from './cardSamples';

const key = {
  tenantId: '00000000-0000-4000-8000-00000000aaaa',
  userId: '00000000-0000-4000-8000-0000000000f1',
};
const group = 'agencies.list';
const place = 'agenciesConsent';

/** The form over in-memory stores, with a draft on the other-agencies step. */
async function onAgenciesStep(draft: Partial<ReferralDraft> = {}) {
  const clock = new ManualClock('2026-11-23T10:00:00.000Z');
  const drafts = new FakeDocumentStore<unknown>();
  const deps: ReferralFormDeps = {
    drafts: new DocumentStoreDraftRepository(drafts),
    profiles: new DocumentStoreReferrerProfiles(drafts),
    stores: referralStoresFrom(new InMemoryStorage({ clock })),
    clock,
  };
  const repo = deps.drafts;
  await repo.save(key, aFullDraft({ place, revision: 1, ...draft }), undefined);
  const current = async (): Promise<ReferralDraft> => {
    const loaded = await repo.load(key);
    assert.ok(loaded?.draft);
    return loaded.draft;
  };
  /** Presses a button on the card the draft is on now. */
  const press = async (
    type: ReferralCommand['type'],
    data: Record<string, unknown> = {},
  ): Promise<ReferralTurnResult> => {
    const now = await current();
    const command = { type, revision: now.revision, place: now.place, group, ...data };
    return handleReferralTurn(deps, {
      ...key,
      command: command as ReferralCommand,
      contacts: genericLocalContacts,
      profile: () => Promise.resolve({}),
    });
  };
  return { press, current };
}

const itemsOf = (result: ReferralTurnResult) =>
  result.kind === 'view' && result.view.card === 'referral-step' ? result.view.data.items : [];

describe('other agencies: a list in the form, one card per agency', () => {
  it('adds an agency without losing what was typed on the step card, and opens the agency’s card', async () => {
    const f = await onAgenciesStep();
    const typed = { 'agencies.details': 'Typed before adding', 'sharing.reason': 'Still here' };
    const result = await f.press('addChild', { input: typed });
    const draft = await f.current();
    assert.equal(draft.values['agencies.details'], 'Typed before adding');
    assert.equal(draft.values['sharing.reason'], 'Still here');
    assert.equal(draft.itemCounts[group], 2);
    assert.deepEqual([draft.openGroup, draft.openChild], [group, 1]);
    assert.deepEqual(
      itemsOf(result).map((i) => i.id),
      ['agency', 'contact', 'phone', 'email'].map((f) => `${group}.1.${f}`),
    );
  });

  it('refuses a bad answer on the agency’s own card, beside the field, and keeps what was typed', async () => {
    const f = await onAgenciesStep();
    await f.press('addChild', { input: {} });
    const bad = { [`${group}.1.agency`]: 'probation', [`${group}.1.phone`]: 'ring me' };
    const result = await f.press('saveChild', { index: 1, input: bad });
    const phone = itemsOf(result).find((i) => i.id === `${group}.1.phone`);
    assert.equal(phone?.value, 'ring me');
    assert.match(phone?.error ?? '', /phone number/);
    assert.equal((await f.current()).openChild, 1, 'the agency’s card stays open');

    const good = { ...bad, [`${group}.1.phone`]: '01632 960 333' };
    const saved = await f.press('saveChild', { index: 1, input: good });
    const lines = itemsOf(saved).map((i) => i.label);
    assert.ok(lines.includes('Agency 2: Probation'), JSON.stringify(lines));
    assert.equal((await f.current()).openChild, null);
  });

  it('removes an agency: the ones after it move up, with their answers', async () => {
    const f = await onAgenciesStep();
    await f.press('addChild', { input: {} });
    await f.press('saveChild', { index: 1, input: { [`${group}.1.agency`]: 'police' } });
    await f.press('removeChild', { index: 0, input: {} });
    const draft = await f.current();
    assert.equal(draft.itemCounts[group], 1);
    assert.equal(draft.values[`${group}.0.agency`], 'police');
    assert.equal(draft.values[`${group}.1.agency`], undefined);
  });

  it(`takes at most ${referralLimits.agencies} agencies: then there is no button to add another`, async () => {
    const f = await onAgenciesStep({ itemCounts: { [group]: referralLimits.agencies } });
    // A press on an older card that still had the button: nothing is added, the card is redrawn.
    const result = await f.press('addChild', { input: {} });
    assert.equal((await f.current()).itemCounts[group], referralLimits.agencies);
    const titles = itemsOf(result).flatMap((i) => i.buttons.map((b) => b.title));
    assert.ok(titles.includes(`Remove agency ${referralLimits.agencies}`), JSON.stringify(titles));
    assert.ok(!titles.includes('Add an agency'), JSON.stringify(titles));
  });
});
