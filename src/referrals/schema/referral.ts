import { z } from 'zod';
import type { Section } from './declaration';
import type { ReferralV1 } from './referralV1';
import type { ReferralV2 } from './referralV2';
import { referralSections, type ReferralSectionName } from './referralDeclaration';

/**
 * What a referral to the partnership's behaviour-change service holds: the schema derived from
 * the field declaration (referralDeclaration.ts). The same schema checks the form server-side,
 * the partnership intake receiver, and the tests.
 */

export { referralLimits, referralSections, type ReferralSectionName } from './referralDeclaration';

/** The payload version this code writes (src/dev/partnershipIntake/README.md). */
export const referralPayloadVersion = 3;

export const referralSectionNames = Object.keys(referralSections) as ReferralSectionName[];

type SchemasOf<S extends Readonly<Record<string, Section>>> = { [K in keyof S]: S[K]['schema'] };

/** The whole body of one payload version: its version, its sections, and the restricted mark. */
export function referralBodySchema<
  const V extends number,
  const S extends Readonly<Record<string, Section>>,
>(version: V, sections: S) {
  const schemas = Object.fromEntries(
    Object.entries(sections).map(([name, section]) => [name, section.schema]),
  ) as SchemasOf<S>;
  return z.object(
    {
      version: z
        .literal(version, { error: `The referral must be payload version ${version}.` })
        .default(version),
      ...schemas,
      // Special category and criminal-offence data: always marked restricted.
      restricted: z
        .literal(true, { error: 'The referral must be marked restricted.' })
        .default(true),
    },
    { error: 'The referral is missing.' },
  );
}

export const referralSchema = referralBodySchema(referralPayloadVersion, referralSections);

type SectionSchemas = SchemasOf<typeof referralSections>;

/** A referral in the shape this code writes. */
export type CurrentReferral = z.output<typeof referralSchema>;
/** A referral body in any payload version a stored record may hold (older ones may be queued). */
export type Referral = CurrentReferral | ReferralV2 | ReferralV1;
export type ReferralSection<K extends ReferralSectionName> = z.output<SectionSchemas[K]>;
