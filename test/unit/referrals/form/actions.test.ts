import assert from 'node:assert/strict';
import { referralPrefillData } from '../../../../src/coaching';
import { parseReferralAction, seedData, type DraftSeed } from '../../../../src/referrals/form';

const id = '3f2a9c1b-8d7e-4c6b-9a5f-0e1d2c3b4a59';

describe('parseReferralAction (card data at the edge)', () => {
  const accepted: ReadonlyArray<readonly [string, unknown, unknown]> = [
    ['referral.start', undefined, { type: 'start', seed: undefined }],
    ['referral.start', { anything: 'else' }, { type: 'start', seed: undefined }],
    ['referral.resume', {}, { type: 'resume' }],
    [
      'referral.next',
      { revision: '3', place: 'father', 'father.name': 5 },
      {
        type: 'next',
        revision: 3,
        place: 'father',
        input: { revision: '3', place: 'father', 'father.name': 5 },
      },
    ],
    [
      'referral.back',
      { revision: 2, place: 'review', extra: 1 },
      { type: 'back', revision: 2, place: 'review' },
    ],
    [
      'referral.edit',
      { revision: 2, place: 'review', target: 'risk' },
      { type: 'edit', revision: 2, place: 'review', target: 'risk' },
    ],
    [
      'referral.cancelChild',
      { revision: 4, place: 'household', index: '1' },
      {
        type: 'cancelChild',
        revision: 4,
        place: 'household',
        group: 'household.children',
        index: 1,
      },
    ],
    [
      'referral.addChild',
      { revision: 5, place: 'agenciesConsent', group: 'agencies.list', 'agencies.details': 'x' },
      {
        type: 'addChild',
        revision: 5,
        place: 'agenciesConsent',
        group: 'agencies.list',
        input: {
          revision: 5,
          place: 'agenciesConsent',
          group: 'agencies.list',
          'agencies.details': 'x',
        },
      },
    ],
    [
      'referral.send',
      { revision: 9, place: 'review' },
      { type: 'send', revision: 9, place: 'review' },
    ],
    ['referral.status', { referralId: id }, { type: 'status', referralId: id }],
    [
      'referral.correct',
      { referralId: id },
      { type: 'start', seed: { kind: 'returned', referralId: id } },
    ],
  ];
  for (const [verb, data, expected] of accepted) {
    it(`parses ${verb} ${JSON.stringify(data)}`, () =>
      assert.deepEqual(parseReferralAction(verb, data), expected));
  }

  const refused: ReadonlyArray<readonly [string, unknown]> = [
    ['referral.next', { place: 'father' }],
    ['referral.next', { revision: 0, place: 'father' }],
    ['referral.next', { revision: 1, place: 'elsewhere' }],
    ['referral.edit', { revision: 1, place: 'review', target: 'review' }],
    ['referral.removeChild', { revision: 1, place: 'household' }],
    ['referral.saveChild', { revision: 1, place: 'household', index: 100 }],
    [
      'referral.removeChild',
      { revision: 1, place: 'agenciesConsent', group: 'father.name', index: 0 },
    ],
    ['referral.status', { referralId: '../../etc' }],
    ['referral.correct', {}],
    ['referral.back', 'a string'],
    ['referral.back', [1]],
    ['referral.explode', {}],
    ['coaching.next', { revision: 1, place: 'father' }],
  ];
  for (const [verb, data] of refused) {
    it(`refuses ${verb} ${JSON.stringify(data)}`, () =>
      assert.equal(parseReferralAction(verb, data), undefined));
  }

  it('reads the coaching summary’s "make a referral" data (the contract in coaching/summary.ts)', () => {
    const data = referralPrefillData({
      source: 'coaching',
      mode: 'debrief',
      packVersion: '2026.11.0',
      riskIndicators: ['strangulation', 'weapon'],
      facts: ['minimised'],
      childConcern: true,
    });
    assert.deepEqual(parseReferralAction('referral.start', data), {
      type: 'start',
      seed: {
        kind: 'coaching',
        prefill: {
          riskIndicators: ['strangulation', 'weapon'],
          facts: ['minimised'],
          childConcern: true,
        },
      },
    });
  });

  it('drops category ids that are not ids', () => {
    const command = parseReferralAction('referral.start', {
      from: 'coaching',
      riskIndicators: 'weapon,<b>,${x}, ,stalking',
    });
    assert.deepEqual(command, {
      type: 'start',
      seed: {
        kind: 'coaching',
        prefill: { riskIndicators: ['weapon', 'stalking'], facts: [], childConcern: false },
      },
    });
  });

  it('carries a seed through button data unchanged ("start a new one" on the resume card)', () => {
    const seeds: DraftSeed[] = [
      {
        kind: 'coaching',
        prefill: { riskIndicators: ['weapon'], facts: ['denied'], childConcern: false },
      },
      { kind: 'returned', referralId: id },
    ];
    for (const seed of seeds) {
      assert.deepEqual(parseReferralAction('referral.new', seedData(seed)), { type: 'new', seed });
    }
  });
});
