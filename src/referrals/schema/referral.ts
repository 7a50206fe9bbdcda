import { z } from 'zod';
import type { ReferralV1 } from './referralV1';
import { referralSections, type ReferralSectionName } from './referralDeclaration';

/**
 * What a referral to the partnership's behaviour-change service holds: the schema derived from
 * the field declaration (referralDeclaration.ts). The same schema checks the form server-side,
 * the partnership intake receiver, and the tests.
 */

export { referralLimits, referralSections, type ReferralSectionName } from './referralDeclaration';

/** The payload version this code writes (src/dev/partnershipIntake/README.md). */
export const referralPayloadVersion = 2;

export const referralSectionNames = Object.keys(referralSections) as ReferralSectionName[];

type SectionSchemas = { [K in ReferralSectionName]: (typeof referralSections)[K]['schema'] };

const sectionSchemas = Object.fromEntries(
  referralSectionNames.map((name) => [name, referralSections[name].schema]),
) as SectionSchemas;

export const referralSchema = z.object(
  {
    version: z
      .literal(referralPayloadVersion, {
        error: `The referral must be payload version ${referralPayloadVersion}.`,
      })
      .default(referralPayloadVersion),
    ...sectionSchemas,
    // Special category and criminal-offence data: always marked restricted.
    restricted: z.literal(true, { error: 'The referral must be marked restricted.' }).default(true),
  },
  { error: 'The referral is missing.' },
);

/** A referral in the shape this code writes. */
export type CurrentReferral = z.output<typeof referralSchema>;
/** A referral body in any payload version a stored record may hold (older ones may be queued). */
export type Referral = CurrentReferral | ReferralV1;
export type ReferralSection<K extends ReferralSectionName> = z.output<SectionSchemas[K]>;
