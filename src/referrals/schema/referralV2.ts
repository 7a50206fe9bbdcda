import type { z } from 'zod';
import { field, section } from './declaration';
import { referralBodySchema } from './referral';
import { agencyKinds, referralLimits, referralSections } from './referralDeclaration';
import { multiSelectPaths, referralCrossRules } from './referralFields';
import type { PayloadRules } from './validateReferral';

/**
 * Payload version 2: the field declaration before the other agencies became a list of their own
 * (version 3). Only the `agencies` section differs, so version 2 is the current declaration with
 * its version 2 agencies section (ticks and one note), declared here and never changed: it is
 * kept so that a referral queued in this shape before an upgrade is still checked and delivered,
 * and so that its JSON Schema stays published. The other sections are shared with the current
 * version, so they may only gain optional fields; anything else needs a new payload version.
 */
export const referralV2Agencies = section('Fill in the other agencies section.', {
  involved: field.choices({
    label: 'Other agencies involved (tick any)',
    subject: 'the other agencies involved',
    required: false,
    min: 0,
    options: agencyKinds,
  }),
  details: field.notes({
    label: 'Details of other agencies (optional)',
    subject: 'the details of other agencies',
    required: false,
    max: referralLimits.notes,
  }),
});

export const referralV2Sections = { ...referralSections, agencies: referralV2Agencies } as const;

export const referralV2Schema = referralBodySchema(2, referralV2Sections);

export type ReferralV2 = z.output<typeof referralV2Schema>;

/** Everything a receiver checks a version 2 body with. */
export const referralV2Payload: PayloadRules<ReferralV2> = {
  schema: referralV2Schema,
  sections: Object.keys(referralV2Sections),
  rules: referralCrossRules,
  multiSelects: new Set([...multiSelectPaths, 'agencies.involved']),
};
