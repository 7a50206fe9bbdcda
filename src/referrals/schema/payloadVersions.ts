import { referralPayloadVersion, type Referral } from './referral';
import { referralV1Payload } from './referralV1';
import { referralV2Payload } from './referralV2';
import {
  validateReferral,
  validateWith,
  type FieldErrors,
  type ValidateOptions,
} from './validateReferral';

/**
 * The payload versions a receiver accepts (src/dev/partnershipIntake/README.md): a referral says
 * which it is in `referral.version`; one without it is version 1, the shape sent before versions
 * existed, which a referral queued before an upgrade may still be in.
 */
export const payloadVersions = [1, 2, referralPayloadVersion] as const;
export type PayloadVersion = (typeof payloadVersions)[number];

/** The version a referral body declares, or undefined when it names one this code does not know. */
export function declaredVersion(referral: unknown): PayloadVersion | undefined {
  if (typeof referral !== 'object' || referral === null || !('version' in referral)) return 1;
  const { version } = referral;
  return payloadVersions.find((v) => v === version);
}

export type ReceivedValidation =
  { ok: true; referral: Referral; version: PayloadVersion } | { ok: false; errors: FieldErrors };

/** Checks a received referral against the version it declares. Never throws. */
export function validateReceivedReferral(
  referral: unknown,
  options: ValidateOptions = {},
): ReceivedValidation {
  const version = declaredVersion(referral);
  if (version === undefined) {
    return {
      ok: false,
      errors: { version: `Unknown payload version: use one of ${payloadVersions.join(', ')}.` },
    };
  }
  const checked =
    version === 1
      ? validateWith(referralV1Payload, referral, options)
      : version === 2
        ? validateWith(referralV2Payload, referral, options)
        : validateReferral(referral, options);
  return checked.ok ? { ok: true, referral: checked.referral, version } : checked;
}
