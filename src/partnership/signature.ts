import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The request signature shared by the bot (which signs) and any receiver (which verifies); the
 * recipe is the contract in src/dev/partnershipIntake/README.md and is defined only here:
 *
 *   X-DARE-Timestamp: <unix time, whole seconds>
 *   X-DARE-Signature: sha256=<lowercase hex HMAC-SHA256(secret, timestamp + "." + raw body)>
 *   X-DARE-Signature-Next: the same with the next secret, only while a secret is being rotated
 *
 * A receiver accepts a request when either signature matches any secret it holds, so the secret
 * can be changed on either side first without a referral being refused.
 */
export const signatureHeaders = {
  idempotencyKey: 'Idempotency-Key',
  timestamp: 'X-DARE-Timestamp',
  signature: 'X-DARE-Signature',
  nextSignature: 'X-DARE-Signature-Next',
} as const;

/** How far a timestamp may be from the receiver's clock, either way. */
export const defaultToleranceSeconds = 300;

const signaturePattern = /^sha256=([0-9a-f]{64})$/;
const timestampPattern = /^\d{1,12}$/;

function digest(secret: string, timestamp: string, body: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(body).digest();
}

/** The X-DARE-Signature value for a body sent at `timestamp` (unix seconds, as a string). */
export function signatureFor(secret: string, timestamp: string, body: string | Buffer): string {
  return `sha256=${digest(secret, timestamp, body).toString('hex')}`;
}

/** Unix seconds for the X-DARE-Timestamp header. */
export function timestampFor(time: Date): string {
  return Math.floor(time.getTime() / 1000).toString();
}

export type SignatureCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export interface SignatureInput {
  readonly secret: string;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  /** The raw body bytes as received: verify before parsing, never a re-serialisation. */
  readonly body: string | Buffer;
  readonly now: Date;
  readonly toleranceSeconds?: number;
}

/** Verifies a request's signature and timestamp window; compares digests in constant time. */
export function verifySignature(input: SignatureInput): SignatureCheck {
  const { secret, signature, ...rest } = input;
  return verifyAnySignature({ ...rest, secrets: [secret], signatures: [signature] });
}

export interface RotatingSignatureInput extends Omit<SignatureInput, 'secret' | 'signature'> {
  /** Every secret the receiver holds: during a changeover, the old and the new. */
  readonly secrets: readonly string[];
  /** The request's X-DARE-Signature and X-DARE-Signature-Next values (either may be absent). */
  readonly signatures: readonly (string | undefined)[];
}

/**
 * Verifies a request signed with any of the receiver's secrets, in either signature header: what
 * lets a secret be rotated with referrals in flight. Digests are compared in constant time.
 */
export function verifyAnySignature(input: RotatingSignatureInput): SignatureCheck {
  const given = input.signatures.filter((s): s is string => s !== undefined && s !== '');
  if (!input.timestamp || given.length === 0) return { ok: false, reason: 'missing' };
  const digests = given.map((s) => signaturePattern.exec(s)?.[1]).filter((d) => d !== undefined);
  if (!timestampPattern.test(input.timestamp) || digests.length === 0) {
    return { ok: false, reason: 'malformed' };
  }
  const skew = Math.abs(Math.floor(input.now.getTime() / 1000) - Number(input.timestamp));
  if (skew > (input.toleranceSeconds ?? defaultToleranceSeconds))
    return { ok: false, reason: 'stale' };
  const timestamp = input.timestamp;
  const matches = input.secrets.some((secret) => {
    const expected = digest(secret, timestamp, input.body);
    // Both are 32 bytes here (the pattern fixes the length), as timingSafeEqual requires.
    return digests.some((hex) => timingSafeEqual(Buffer.from(hex, 'hex'), expected));
  });
  return matches ? { ok: true } : { ok: false, reason: 'mismatch' };
}
