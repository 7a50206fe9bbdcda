import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'prettier';
import {
  formSteps,
  receiptView,
  staleNotice,
  type ReferralCardView,
  type ReferralDraft,
} from '../../../../src/referrals/form';
import { draftCounts } from '../../../../src/referrals/form/draft';
import { valuesFromReferral } from '../../../../src/referrals/form/formValues';
import {
  alreadySubmittedNotice,
  referralAlertView,
  resumeOffer,
  submittedNotice,
} from '../../../../src/referrals/form/notices';
import { reviewView } from '../../../../src/referrals/form/reviewView';
import { stepView } from '../../../../src/referrals/form/stepView';
import { validateReferral } from '../../../../src/referrals/schema/validateReferral';
import { genericLocalContacts } from '../../../../src/tenants/localContacts';
import { aReferralInput } from '../../../support/referrals/referralBuilders';

/** A draft holding the complete example referral, at `place`. */
export function aFullDraft(overrides: Partial<ReferralDraft> = {}): ReferralDraft {
  const checked = validateReferral(aReferralInput(), { now: new Date('2026-11-23T10:00:00Z') });
  if (!checked.ok) throw new Error('the example referral must pass');
  const { values, counts } = valuesFromReferral(checked.referral);
  return {
    schemaVersion: 1,
    status: 'editing',
    revision: 7,
    place: 'review',
    values,
    ...draftCounts(counts),
    openChild: null,
    completed: formSteps.map((s) => s.id),
    corrections: {},
    source: 'new',
    startedAt: '2026-11-22T09:00:00.000Z',
    updatedAt: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}

const summary = {
  referralId: '3f2a9c1b-8d7e-4c6b-9a5f-0e1d2c3b4a59',
  tenantId: '00000000-0000-4000-8000-00000000aaaa',
  referrerId: '00000000-0000-4000-8000-0000000000f1',
  submittedAt: '2026-11-23T10:00:00.000Z',
  statusChangedAt: '2026-11-23T10:00:05.000Z',
  attempts: 1,
} as const;

/** Sample data for every referral card: each step (with and without errors), review, receipts, notices. */
export function referralCardSamples(): Record<string, object[]> {
  const contacts = genericLocalContacts;
  const views: ReferralCardView[] = [];
  for (const step of formSteps) {
    views.push(stepView(step, aFullDraft({ place: step.id }), {}, contacts));
  }
  views.push(
    stepView(
      formSteps[1]!,
      aFullDraft({ place: 'father', values: { 'father.name': 'Sam <b>Testperson</b>' } }),
      {
        'father.name':
          'His name can only use letters, spaces, hyphens, apostrophes and full stops.',
        'father.phone': 'Enter his phone number.',
      },
      contacts,
    ),
    stepView(
      formSteps[2]!,
      aFullDraft({ place: 'household', childCount: 0, values: {} }),
      { 'household.children': 'List at most 12 children.' },
      contacts,
    ),
  );
  const full = aFullDraft();
  views.push(reviewView(full, full.values, {}, contacts));
  views.push(
    reviewView(
      aFullDraft({ values: { ...full.values, 'risk.highRiskSigns': '' } }),
      { ...full.values, 'risk.highRiskSigns': '' },
      { 'father.phone': 'Enter his phone number.', referral: 'The referral could not be read.' },
      contacts,
    ),
  );
  views.push(
    receiptView({ ...summary, status: 'queued', attempts: 0 }, contacts),
    receiptView({ ...summary, status: 'sent', reference: 'DPP-7K2M9QXA' }, contacts),
    receiptView(
      {
        ...summary,
        status: 'rejected',
        rejection: {
          httpStatus: 422,
          reason: 'Some fields need correcting.',
          fieldErrors: { 'father.phone': 'We cannot call this number.', 'x.y': 'Unknown.' },
        },
      },
      contacts,
    ),
    receiptView({ ...summary, status: 'failed', attempts: 9 }, contacts),
  );
  views.push(
    resumeOffer(full, undefined),
    staleNotice('out-of-date', true),
    staleNotice('no-draft', false),
    submittedNotice('3F2A9C1B'),
    alreadySubmittedNotice('3F2A9C1B'),
    referralAlertView({ ...summary, status: 'failed', attempts: 9 }, contacts),
    referralAlertView({ ...summary, status: 'rejected' }, contacts),
  );
  const samples: Record<string, object[]> = {};
  for (const v of views) (samples[v.card] ??= []).push(v.data);
  return samples;
}

/** Writes the fixtures from the view builders, formatted as `npm run lint` expects. */
async function writeSamples(): Promise<void> {
  const dir = path.resolve('test/fixtures/card-samples');
  for (const [card, samples] of Object.entries(referralCardSamples())) {
    const json = await format(JSON.stringify(samples), { parser: 'json' });
    writeFileSync(path.join(dir, `${card}.json`), json);
  }
}

// `npx tsx test/unit/referrals/form/cardSamples.ts` after changing a view or a template.
if (require.main === module) void writeSamples();
