import assert from 'node:assert/strict';
import { referralPrefillData } from '../../../src/coaching';
import { InMemoryStorage } from '../../../src/storage/memory/InMemoryStorage';
import { runTurn } from '../../support/botHarness';
import { aCardAction, fakeTenantId, fakeUser } from '../../support/builders';
import { answers, fillEveryStep, nextWith } from '../../support/referrals/formAnswers';
import { aReferralHarness, inputsOf } from '../../support/referrals/formHarness';

const personal = [
  'Sam Testperson',
  '07700 900 123',
  'ZZ1 1ZZ',
  'Checks her phone',
  '1 Fictional Street',
];
const day = 24 * 60 * 60_000;

describe('referral form turns', () => {
  it('walks every step from "refer" to Send: one referral queued, the receipt a new message, the draft gone', async () => {
    const h = aReferralHarness();
    await h.user.say('refer');
    assert.match(h.user.text(), /Step 1 of 7: About you/);
    const prefilled = inputsOf(h.user.card);
    assert.equal(prefilled['referrer.name'], 'Alex Example', 'name from the Teams profile');
    assert.equal(prefilled['referrer.email'], 'alex.example@council.example.org');

    await fillEveryStep(h.user);
    assert.match(h.user.text(), /Sam Testperson/, 'the review shows everything');
    assert.match(h.user.text(), /Child 1[\s\S]*age 4; his child/);
    assert.deepEqual(await h.counts(), { referrals: 0, outbox: 0 }, 'nothing stored before Send');

    await h.user.press('Send the referral');
    assert.match(h.user.text(), /Referral submitted/);
    assert.equal(h.user.newCards.length, 1, 'the receipt arrives as a new message');
    const receipt = JSON.stringify(h.user.newCards[0]);
    assert.match(receipt, /Queued for delivery/);
    for (const text of [...personal, 'Alex Example'])
      assert.ok(!receipt.includes(text), `receipt shows "${text}"`);
    assert.deepEqual(await h.counts(), { referrals: 1, outbox: 1 });
    assert.equal(h.wakes.length, 1, 'the delivery worker is woken');

    const [stored] = await h.deps.stores.referrals.listPartition(fakeTenantId);
    assert.equal(stored?.value.status, 'queued');
    assert.equal(stored?.value.referrerId, fakeUser.aadObjectId);
    assert.equal(stored?.value.body?.father.name, 'Sam Testperson');
    assert.equal(stored?.value.body?.household.children.length, 1);
    assert.equal(stored?.value.body?.restricted, true);
    const receiptRecord = await h.deps.receipts.find(fakeTenantId, stored?.id ?? '');
    assert.equal(receiptRecord?.receipt.shownStatus, 'queued');
    assert.ok(receiptRecord?.receipt.activityId, 'the receipt’s activity id is remembered');
    assert.equal(
      await h.deps.drafts.load({ tenantId: fakeTenantId, userId: fakeUser.aadObjectId }),
      undefined,
    );
    for (const text of personal)
      assert.ok(!h.logs.text().includes(text), `the log shows "${text}"`);
  });

  it('remembers role, team and council: the next referral asks for them prefilled', async () => {
    const h = aReferralHarness();
    await h.user.say('refer');
    await nextWith(h.user, answers.referrer, /Step 2 of 7/);
    const again = aReferralHarness({ storage: h.storage, clock: h.clock });
    await again.user.say('refer');
    await again.user.press('Start a new one');
    const inputs = inputsOf(again.user.card);
    assert.equal(inputs['referrer.role'], 'Family support worker');
    assert.equal(inputs['referrer.team'], 'Family Hub North');
    assert.equal(inputs['referrer.organisation'], 'Exampleshire Council');
  });

  it('shows a field error beside the field with every answer kept, then moves on once corrected', async () => {
    const h = aReferralHarness();
    await h.user.say('refer');
    await nextWith(h.user, answers.referrer, /Step 2 of 7/);
    await h.user.press('Next', {
      ...answers.father,
      'father.phone': 'call me maybe',
      'father.name': '<script>alert(1)</script>',
      'father.dateOfBirth': '',
    });
    assert.match(h.user.text(), /Step 2 of 7/);
    assert.match(h.user.text(), /3 answers need your attention/);
    assert.deepEqual(Object.keys(h.user.errors()).sort(), [
      'father.dateOfBirth',
      'father.name',
      'father.phone',
    ]);
    assert.match(h.user.errors()['father.phone'] ?? '', /Enter his phone number as digits/);
    const kept = inputsOf(h.user.card);
    assert.equal(kept['father.phone'], 'call me maybe', 'what was typed is kept');
    assert.equal(kept['father.name'], '<script>alert(1)</script>', 'kept as text, never run');
    assert.equal(kept['father.address.postcode'], 'ZZ1 1ZZ');
    assert.ok(
      !JSON.stringify(h.user.errors()).includes('call me maybe'),
      'messages never quote the input',
    );
    assert.deepEqual(await h.counts(), { referrals: 0, outbox: 0 });

    await nextWith(
      h.user,
      {
        'father.phone': '07700 900 123',
        'father.name': 'Sam Testperson',
        'father.dateOfBirth': '1988-02-29',
      },
      /Step 3 of 7/,
    );
  });

  it('keeps the draft when Teams is closed: "refer" offers to carry on or start a new one', async () => {
    const first = aReferralHarness();
    await first.user.say('refer');
    await nextWith(first.user, answers.referrer, /Step 2 of 7/);
    await nextWith(first.user, answers.father, /Step 3 of 7/);

    first.clock.advance(3 * day);
    const later = aReferralHarness({ storage: first.storage, clock: first.clock });
    await later.user.say('refer');
    assert.match(later.user.text(), /You have a referral draft/);
    later.user.keep('offer');
    await later.user.press('Carry on with my draft');
    assert.match(later.user.text(), /Step 3 of 7/);
    await later.user.press('Back');
    assert.equal(
      inputsOf(later.user.card)['father.name'],
      'Sam Testperson',
      'earlier answers are there',
    );

    await later.user.pressOn('offer', 'Start a new one');
    assert.match(later.user.text(), /Step 1 of 7/);
    assert.equal(inputsOf(later.user.card)['father.name'], undefined);
    await later.user.press('Next', answers.referrer);
    assert.equal(
      inputsOf(later.user.card)['father.name'],
      '',
      'the old answers went with the old draft',
    );
  });

  it('lets a draft expire after 7 days untouched (checked with the clock): old cards say so', async () => {
    // A store that has not yet collected the expired document: the form's own clock check decides.
    const h = aReferralHarness({ storage: new InMemoryStorage() });
    await h.user.say('refer');
    await nextWith(h.user, answers.referrer, /Step 2 of 7/);
    h.user.keep('step 2');
    h.clock.advance(7 * day + 60_000);
    await h.user.pressOn('step 2', 'Next', answers.father);
    assert.match(h.user.text(), /Your draft has expired/);
    await h.user.say('refer');
    assert.match(h.user.text(), /Step 1 of 7/, 'no offer to carry on an expired draft');
  });

  it('lets the store’s TTL collect an expired draft: old cards find no draft', async () => {
    const h = aReferralHarness();
    await h.user.say('refer');
    h.user.keep('step 1');
    h.clock.advance(7 * day + 60_000);
    await h.user.pressOn('step 1', 'Next', answers.referrer);
    assert.match(h.user.text(), /There is no referral draft/);
  });

  it('requires the safety routes to be acknowledged when a high-risk sign is ticked', async () => {
    const h = aReferralHarness();
    await h.setContacts({
      mashName: 'the Exampleshire Children’s Front Door',
      mashPhone: '01632 960 999',
      maracRoute: 'the Exampleshire MARAC referral form',
    });
    await h.user.say('refer');
    await nextWith(h.user, answers.referrer, /Step 2/);
    await nextWith(h.user, answers.father, /Step 3/);
    await nextWith(h.user, answers.household, /Step 4/);
    await nextWith(h.user, answers.concerns, /Step 5 of 7: Risk/);
    const routes = h.user.text();
    assert.match(routes, /does not replace these/);
    assert.match(routes, /999/);
    assert.match(routes, /Exampleshire Children’s Front Door \(01632 960 999\)/);
    assert.match(routes, /Exampleshire MARAC referral form/);

    await h.user.press('Next', { ...answers.risk, 'risk.highRiskSigns': 'threats-to-kill' });
    assert.match(h.user.text(), /Step 5 of 7/);
    assert.match(
      h.user.errors()['risk.safetyRoutesConsidered'] ?? '',
      /999.*safeguarding.*MARAC.*does not replace/,
    );

    await nextWith(
      h.user,
      { 'risk.highRiskSigns': 'threats-to-kill', 'risk.safetyRoutesConsidered': 'yes' },
      /Step 6 of 7/,
    );
    await nextWith(h.user, answers.agenciesConsent, /Step 7/);
    await nextWith(h.user, answers.partnerNotes, /Check your answers/);
    assert.match(h.user.text(), /You ticked high-risk signs[\s\S]*does not replace/);
    assert.match(h.user.text(), /Threats to kill/);
  });

  it('answers an old card with "out of date" and changes nothing', async () => {
    const h = aReferralHarness();
    await h.user.say('refer');
    h.user.keep('step 1');
    await nextWith(h.user, answers.referrer, /Step 2 of 7/);
    await h.user.pressOn('step 1', 'Next', {
      ...answers.referrer,
      'referrer.role': 'Changed on an old card',
    });
    assert.match(h.user.text(), /This form card is out of date/);
    await h.user.press('Carry on with my draft');
    assert.match(h.user.text(), /Step 2 of 7/);
    await h.user.press('Back');
    assert.equal(inputsOf(h.user.card)['referrer.role'], 'Family support worker');
  });

  it('answers malformed or unknown referral actions with a clear card, never a crash', async () => {
    const h = aReferralHarness();
    await h.user.say('refer');
    for (const [verb, data] of [
      ['referral.next', { revision: 'one', place: 'referrer' }],
      ['referral.next', { revision: 1, place: 'somewhere' }],
      ['referral.next', 'not an object'],
      ['referral.send', [1, 2]],
      ['referral.editChild', { revision: 1, place: 'household', index: -1 }],
      ['referral.status', { referralId: 'not-a-uuid' }],
      ['referral.send', { revision: 1, place: 'review' }],
    ] as const) {
      await h.user.send(verb, data);
      assert.match(h.user.text(), /out of date/i, `${verb} ${JSON.stringify(data)}`);
    }
    await h.user.send('referral.explode', {});
    assert.match(h.user.text(), /out of date/i);
    assert.deepEqual(await h.counts(), { referrals: 0, outbox: 0 });
  });

  it('sends once: Send pressed again on the old review card finds no draft; still one referral', async () => {
    const h = aReferralHarness();
    await h.user.say('refer');
    await fillEveryStep(h.user);
    h.user.keep('review');
    await h.user.press('Send the referral');
    await h.user.pressOn('review', 'Send the referral');
    assert.match(h.user.text(), /There is no referral draft/);
    assert.equal(h.user.newCards.length, 0, 'no second receipt');
    assert.deepEqual(await h.counts(), { referrals: 1, outbox: 1 });
  });

  it('a Send cut short after storing the referral: "refer" finishes it with a receipt; the draft is never offered again', async () => {
    const first = aReferralHarness();
    const drafts = first.deps.drafts;
    const cut = aReferralHarness({
      storage: first.storage,
      clock: first.clock,
      deps: {
        drafts: {
          load: (k) => drafts.load(k),
          save: (k, d, e) => drafts.save(k, d, e),
          delete: () => Promise.reject(new Error('the process stopped')),
        },
      },
    });
    await cut.user.say('refer');
    await fillEveryStep(cut.user);
    await cut.user.press('Send the referral').catch(() => undefined);
    assert.equal(cut.user.newCards.length, 0, 'no receipt was posted');
    assert.deepEqual(await first.counts(), { referrals: 1, outbox: 1 });

    const later = aReferralHarness({ storage: first.storage, clock: first.clock });
    await later.user.say('refer');
    assert.doesNotMatch(later.user.text(), /You have a referral draft|Carry on/);
    const texts = later.user.newCards.map((c) => JSON.stringify(c)).join('\n');
    assert.match(texts, /This referral was already submitted/);
    assert.match(texts, /Referral receipt[\s\S]*Queued for delivery/, 'the receipt is posted');
    const [stored] = await later.deps.stores.referrals.listPartition(fakeTenantId);
    const receipt = await later.deps.receipts.find(fakeTenantId, stored?.id ?? '');
    assert.ok(receipt, 'the receipt is remembered, so it updates itself');
    assert.equal(
      await later.deps.drafts.load({ tenantId: fakeTenantId, userId: fakeUser.aadObjectId }),
      undefined,
    );
    assert.deepEqual(await later.counts(), { referrals: 1, outbox: 1 }, 'still one referral');
  });

  it('keeps an out-of-range age on the child’s card with its own error, never another value', async () => {
    const h = aReferralHarness();
    await h.user.say('refer');
    await nextWith(h.user, answers.referrer, /Step 2/);
    await nextWith(h.user, answers.father, /Step 3/);
    await h.user.press('Add a child');
    for (const age of ['150', '-3', '4.5']) {
      await h.user.press('Save this child', {
        ...answers.child(0),
        'household.children.0.age': age,
      });
      assert.deepEqual(Object.keys(h.user.errors()), ['household.children.0.age'], age);
      assert.match(h.user.errors()['household.children.0.age'] ?? '', /whole number from 0 to 17/);
      assert.equal(inputsOf(h.user.card)['household.children.0.age'], age, 'the age as typed');
    }
  });

  it('adds, changes and removes children one at a time, each checked on its own card', async () => {
    const h = aReferralHarness();
    await h.user.say('refer');
    await nextWith(h.user, answers.referrer, /Step 2/);
    await nextWith(h.user, answers.father, /Step 3/);
    await h.user.press('Add a child', { 'household.partnerRelationship': 'ex-partner' });
    await h.user.press('Save this child', { 'household.children.0.age': '19' });
    assert.match(h.user.text(), /Child 1/);
    assert.match(h.user.errors()['household.children.0.age'] ?? '', /0 to 17/);
    assert.match(h.user.errors()['household.children.0.relationship'] ?? '', /Choose/);
    await h.user.press('Save this child', answers.child(0));
    await h.user.press('Add a child');
    await h.user.press('Save this child', { ...answers.child(1), 'household.children.1.age': '9' });
    assert.match(h.user.text(), /Child 1: age 4[\s\S]*Child 2: age 9/);
    assert.equal(
      inputsOf(h.user.card)['household.partnerRelationship'],
      'ex-partner',
      'kept across child cards',
    );

    await h.user.press('Add a child');
    await h.user.press('Cancel');
    assert.ok(!/Child 3/.test(h.user.text()), 'a child added and left blank is dropped on Cancel');

    await h.user.press('Remove child 1');
    assert.match(h.user.text(), /Child 1: age 9/);
    assert.ok(!/Child 2/.test(h.user.text()));
    await h.user.press('Change child 1');
    assert.equal(inputsOf(h.user.card)['household.children.0.age'], '9');
    await h.user.press('Cancel');
    await nextWith(h.user, answers.household, /Step 4/);
  });

  it('prefills from the coaching walk-through: high-risk ticks, his response, interpreter, consent', async () => {
    const h = aReferralHarness();
    const data = referralPrefillData({
      source: 'coaching',
      mode: 'debrief',
      packVersion: '2026.11.0',
      riskIndicators: ['strangulation', 'child-harm', 'weapon'],
      facts: ['minimised', 'interpreter-needed', 'consent-given'],
      childConcern: true,
    });
    await h.user.send('referral.start', data);
    assert.match(h.user.text(), /filled in from your walk-through/);
    await nextWith(h.user, answers.referrer, /Step 2/);
    assert.equal(inputsOf(h.user.card)['father.interpreterNeeded'], 'yes');
    await nextWith(h.user, { ...answers.father, 'father.interpreterNeeded': 'yes' }, /Step 3/);
    await nextWith(h.user, answers.household, /Step 4/);
    assert.equal(inputsOf(h.user.card)['concerns.acknowledgement'], 'minimises');
    await nextWith(h.user, answers.concerns, /Step 5/);
    assert.equal(inputsOf(h.user.card)['risk.highRiskSigns'], 'strangulation-or-choking,weapons');
    await h.user.press('Next', {
      ...answers.risk,
      'risk.highRiskSigns': 'strangulation-or-choking,weapons',
    });
    assert.ok(
      h.user.errors()['risk.safetyRoutesConsidered'],
      'the prefilled signs still need the acknowledgement',
    );
    await nextWith(h.user, { 'risk.safetyRoutesConsidered': 'yes' }, /Step 6/);
    assert.equal(inputsOf(h.user.card)['consent.basis'], 'consent');
  });

  it('offers the walk-through’s prefill again when a draft exists ("start a new one" keeps it)', async () => {
    const h = aReferralHarness();
    await h.user.say('refer');
    const data = referralPrefillData({
      source: 'coaching',
      mode: 'debrief',
      packVersion: '2026.11.0',
      riskIndicators: ['stalking'],
      facts: [],
      childConcern: false,
    });
    await h.user.send('referral.start', data);
    assert.match(h.user.text(), /You have a referral draft/);
    await h.user.press('Start a new one');
    assert.match(h.user.text(), /filled in from your walk-through/);
  });

  it('refuses to open the form outside a personal chat', async () => {
    const h = aReferralHarness();
    const replies = await runTurn(
      h.adapter,
      aCardAction('referral.start', {}, { conversationType: 'channel' }),
    );
    const body = JSON.stringify(replies.at(-1)?.value);
    assert.match(body, /only work in your personal chat/);
    assert.match(body, /teams.microsoft.com\/l\/chat/, 'with the way to the personal chat');
    assert.ok(!/Step 1 of 7/.test(body));
  });

  it('deletes a draft on request', async () => {
    const h = aReferralHarness();
    await h.user.say('refer');
    await fillEveryStep(h.user);
    await h.user.press('Delete this draft');
    assert.match(h.user.text(), /Draft deleted/);
    await h.user.say('refer');
    assert.match(h.user.text(), /Step 1 of 7/);
    assert.deepEqual(await h.counts(), { referrals: 0, outbox: 0 });
  });

  it('raises the safety card as a new message when danger words are typed in the form', async () => {
    const h = aReferralHarness();
    await h.user.say('refer');
    await nextWith(h.user, answers.referrer, /Step 2/);
    await nextWith(h.user, answers.father, /Step 3/);
    await nextWith(h.user, answers.household, /Step 4/);
    await h.user.press('Next', {
      ...answers.concerns,
      'concerns.recentIncidents': 'Last week he put his hands round her neck and choked her.',
    });
    assert.match(h.user.text(), /Step 5 of 7/, 'the form carries on');
    assert.equal(h.user.newCards.length, 1);
    const safety = JSON.stringify(h.user.newCards[0]);
    assert.match(safety, /999/);
    assert.ok(!safety.includes('hands round her neck'), 'what was typed is not echoed');
  });

  it('goes back to any step from the review and returns to the review after Next', async () => {
    const h = aReferralHarness();
    await h.user.say('refer');
    await fillEveryStep(h.user);
    await h.user.press('Change: About him');
    assert.match(h.user.text(), /Step 2 of 7/);
    await h.user.press('Check your answers', { 'father.bestTimes': 'Evenings' });
    assert.match(h.user.text(), /Check your answers before sending[\s\S]*Evenings/);
  });
});
