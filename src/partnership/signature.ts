import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The request signature shared by the bot (which signs) and any receiver (which verifies); the
 * recipe is the contract in src/dev/partnershipIntake/README.md and is defined only here:
 *
 *   X-DARE-Timestamp: <unix time, whole seconds>
 *   X-DARE-Signature: sha256=<lowercase hex HMAC-SHA256(secret, timestamp + "." + raw body)>
 */
export const signatureHeaders = {
  idempotencyKey: 'Idempotency-Key',
  timestamp: 'X-DARE-Timestamp',
  signature: 'X-DARE-Signature',
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
  if (!input.timestamp || !input.signature) return { ok: false, reason: 'missing' };
  const match = signaturePattern.exec(input.signature);
  if (!timestampPattern.test(input.timestamp) || !match) return { ok: false, reason: 'malformed' };
  const skew = Math.abs(Math.floor(input.now.getTime() / 1000) - Number(input.timestamp));
  if (skew > (input.toleranceSeconds ?? defaultToleranceSeconds))
    return { ok: false, reason: 'stale' };
  const expected = digest(input.secret, input.timestamp, input.body);
  const given = Buffer.from(match[1] as string, 'hex');
  // Both are 32 bytes here (the pattern fixes the length), as timingSafeEqual requires.
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? { ok: true }
    : { ok: false, reason: 'mismatch' };
}
