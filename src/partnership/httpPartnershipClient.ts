import { z } from 'zod';
import { systemClock, type Clock } from '../kernel/clock';
import type {
  DeliveryOutcome,
  DeliveryRequest,
  PartnershipClient,
} from '../referrals/delivery/ports';
import { signatureFor, signatureHeaders, timestampFor } from './signature';

export interface HttpPartnershipClientOptions {
  /** PARTNERSHIP_REFERRAL_URL. */
  readonly url: string;
  /** PARTNERSHIP_SIGNING_SECRET. */
  readonly secret: string;
  /** PARTNERSHIP_SIGNING_SECRET_NEXT: while set, every request is also signed with it
   * (X-DARE-Signature-Next), so the partnership can switch to it at any moment. */
  readonly nextSecret?: string;
  /** Whole request, connect to last byte of the answer. Default 15 s; keep it under the lease. */
  readonly timeoutMs?: number;
  /** Signs with this clock's time; the system clock unless a test says otherwise. */
  readonly clock?: Clock;
  /** The fetch to use; Node's own by default (tests may wrap it to watch requests go out). */
  readonly fetch?: typeof fetch;
}

const maxReasonLength = 500;
const maxFieldErrors = 50;
const maxAnswerBytes = 64 * 1024;

const acceptedAnswer = z.object({
  reference: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/),
});

const rejectedAnswer = z.object({
  message: z.string().optional(),
  error: z.string().optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Retry-After as delta-seconds or an HTTP date, in milliseconds from `now`. */
export function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** The partnership's reason for a 4xx, trimmed to something a card can show. */
function rejectionFrom(httpStatus: number, text: string): DeliveryOutcome {
  const parsed = rejectedAnswer.safeParse(parseJson(text));
  const answer = parsed.success ? parsed.data : {};
  const fieldErrors: Record<string, string> = {};
  for (const [field, message] of Object.entries(answer.fields ?? {}).slice(0, maxFieldErrors)) {
    if (typeof message === 'string' && field.length <= 200) {
      fieldErrors[field] = message.slice(0, maxReasonLength);
    }
  }
  const reason = (
    answer.message ??
    answer.error ??
    `The partnership refused the referral (HTTP ${httpStatus}).`
  ).slice(0, maxReasonLength);
  return { kind: 'rejected', httpStatus, reason, fieldErrors };
}

/** Reads at most `maxAnswerBytes` of an answer: a misbehaving server cannot fill our memory. */
async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxAnswerBytes) {
      await reader.cancel();
      break;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function transportCode(err: unknown): string | undefined {
  const cause = err instanceof Error ? err.cause : undefined;
  if (
    typeof cause === 'object' &&
    cause !== null &&
    'code' in cause &&
    typeof cause.code === 'string'
  ) {
    return cause.code;
  }
  return undefined;
}

/** Maps an answer to the port's outcome: the whole table of what each status means. */
export async function outcomeOf(response: Response, now: Date): Promise<DeliveryOutcome> {
  const status = response.status;
  const text = await readCapped(response);
  if (status >= 200 && status < 300) {
    const parsed = acceptedAnswer.safeParse(parseJson(text));
    // Accepted is accepted: a missing or odd reference does not make the partnership un-receive it.
    return parsed.success
      ? { kind: 'accepted', httpStatus: status, reference: parsed.data.reference }
      : { kind: 'accepted', httpStatus: status };
  }
  const wait = retryAfterMs(response.headers.get('retry-after'), now);
  const retryable = (
    reason:
      'server-error' | 'throttled' | 'unauthorised' | 'endpoint-refused' | 'unexpected-response',
  ) =>
    ({
      kind: 'retryable',
      reason,
      httpStatus: status,
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    }) as const;
  if (status >= 500) return retryable('server-error');
  if (status === 408 || status === 425 || status === 429) return retryable('throttled');
  // Our signature refused: a configuration fault on one side, not the referrer's to fix.
  if (status === 401 || status === 403) return retryable('unauthorised');
  // Only the contract's rejections mean "the referral needs correcting"; any other 4xx comes from
  // a wrong URL, a proxy or a firewall, which the referrer cannot fix.
  if (status === 400 || status === 409 || status === 422) return rejectionFrom(status, text);
  if (status >= 400) return retryable('endpoint-refused');
  // 1xx/3xx: redirects are not followed (the body is special category data: it goes to the
  // configured URL or nowhere).
  return retryable('unexpected-response');
}

/**
 * The partnership as an HTTP endpoint: POSTs the referral's JSON, signed, with its id as the
 * Idempotency-Key (the same on every retry), and answers with an outcome; never throws.
 */
export function createHttpPartnershipClient(
  options: HttpPartnershipClientOptions,
): PartnershipClient {
  const clock = options.clock ?? systemClock;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    async deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
      const timestamp = timestampFor(clock.now());
      try {
        const response = await doFetch(options.url, {
          method: 'POST',
          body: request.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
          headers: {
            'content-type': 'application/json; charset=utf-8',
            accept: 'application/json',
            [signatureHeaders.idempotencyKey]: request.referralId,
            [signatureHeaders.timestamp]: timestamp,
            [signatureHeaders.signature]: signatureFor(options.secret, timestamp, request.body),
            ...(options.nextSecret
              ? {
                  [signatureHeaders.nextSignature]: signatureFor(
                    options.nextSecret,
                    timestamp,
                    request.body,
                  ),
                }
              : {}),
          },
        });
        return await outcomeOf(response, clock.now());
      } catch (err) {
        if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
          return { kind: 'retryable', reason: 'timeout' };
        }
        const code = transportCode(err);
        return { kind: 'retryable', reason: 'connection', ...(code === undefined ? {} : { code }) };
      }
    },
  };
}
