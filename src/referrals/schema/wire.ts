import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Referral } from './referral';

/**
 * The JSON body POSTed to the partnership (documented in src/dev/partnershipIntake/README.md):
 *
 *   { "referralId": "<uuid, = Idempotency-Key>", "submittedAt": "<ISO time>", "referral": {...} }
 *
 * Serialised canonically (object keys sorted, no whitespace), so every retry sends the very same
 * bytes whatever order the store gave the properties back in, and the hash in the audit record is
 * the hash of what the partnership received.
 */
export interface ReferralEnvelope {
  readonly referralId: string;
  readonly submittedAt: string;
  readonly referral: Referral;
}

/** JSON with object keys in code-point order at every level; `undefined` members are left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    // Top-level undefined/function: not representable; callers only pass parsed JSON data.
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  const entries = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map(
      (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
    );
  return `{${entries.join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function wireBody(envelope: ReferralEnvelope): string {
  return canonicalJson({
    referralId: envelope.referralId,
    submittedAt: envelope.submittedAt,
    referral: envelope.referral,
  });
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isReferralId = (value: unknown): value is string =>
  typeof value === 'string' && uuid.test(value);

/** The envelope as a receiver parses it; `referral` is then checked with validateReferral. */
export const envelopeSchema = z.object(
  {
    referralId: z.string({ error: 'referralId must be the referral id.' }).refine(isReferralId, {
      error: 'referralId must be a UUID.',
    }),
    submittedAt: z.iso.datetime({ error: 'submittedAt must be an ISO 8601 date and time.' }),
    referral: z.unknown(),
  },
  { error: 'The body must be a JSON object.' },
);
