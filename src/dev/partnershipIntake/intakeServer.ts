import { createHash, randomBytes } from 'node:crypto';
import restify, { type Request, type Response } from 'restify';
import { systemClock, type Clock } from '../../kernel/clock';
import {
  signatureHeaders,
  verifyAnySignature,
  defaultToleranceSeconds,
} from '../../partnership/signature';
import type { Referral } from '../../referrals/schema/referral';
import { validateReceivedReferral as validateReferral } from './intakeValidation';
import { envelopeSchema, isReferralId, sha256Hex } from '../../referrals/schema/wire';
import { renderIntakePage, type IntakeRow } from './intakePage';

/**
 * A development stand-in for the partnership's intake endpoint, implementing the contract in
 * README.md beside it: signature and timestamp window, replay refusal, idempotency by key, body
 * validation. It keeps what it receives in memory and lists it on a local page. Loopback only.
 */

export interface IntakeOptions {
  /** The shared signing secret (PARTNERSHIP_SIGNING_SECRET on the bot's side). */
  readonly secret: string;
  /** Other secrets accepted too, during a changeover (the old one, or the next one). */
  readonly otherSecrets?: readonly string[];
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** The receiver's clock for the timestamp window and the received times. */
  readonly clock?: Clock;
  readonly toleranceSeconds?: number;
  /** Larger bodies get 413. Default 1 MiB. */
  readonly maxBodyBytes?: number;
}

export interface ReceivedReferral {
  readonly reference: string;
  readonly idempotencyKey: string;
  readonly receivedAt: string;
  readonly bodySha256: string;
  /** The raw body as received. */
  readonly body: string;
  readonly referral: Referral;
}

export type IntakeOutcome =
  | 'stored'
  | 'duplicate'
  | 'unauthorised'
  | 'invalid'
  | 'conflict'
  | 'fault'
  | 'dropped'
  | 'stalled'
  | 'not-found'
  | 'too-large';

/** One request as the receiver saw it (no body): for tests to check keys and retries. */
export interface IntakeRequest {
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey?: string;
  readonly httpStatus?: number;
  readonly outcome: IntakeOutcome;
}

export interface PartnershipIntake {
  /** http://127.0.0.1:<port> — the listing page. */
  readonly url: string;
  /** Where referrals are POSTed: PARTNERSHIP_REFERRAL_URL for the bot. */
  readonly referralUrl: string;
  readonly port: number;
  /** Each referral stored, once, in the order received. */
  received(): ReceivedReferral[];
  /** Every request handled, in order. */
  requests(): IntakeRequest[];
  /** The next `count` authenticated POSTs get `status` (default 503) and are not stored; `body`
   * replaces the default answer (e.g. field errors with a 4xx). */
  failNext(count: number, status?: number, body?: unknown): void;
  /** The next `count` authenticated POSTs are processed (and stored), then the connection is cut
   * before the answer: the sender cannot know it got through. */
  dropResponseNext(count: number): void;
  /** The next `count` authenticated POSTs get no answer at all (until stop()): a timeout. */
  stallNext(count: number): void;
  /** Changes the secrets accepted from now on (a rotation on the partnership's side). */
  acceptSecrets(secrets: readonly string[]): void;
  /** Closes the server and every connection. Safe to call twice. */
  stop(): Promise<void>;
}

type Reply = (status: number, payload: unknown) => void;

type Fault =
  | { readonly kind: 'status'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'drop' }
  | { readonly kind: 'stall' };

const referencePrefix = 'DPP-';
const referenceAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newReference(): string {
  const bytes = randomBytes(8);
  let out = referencePrefix;
  for (const byte of bytes) out += referenceAlphabet[byte % referenceAlphabet.length];
  return out;
}

function sendJson(
  res: Response,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.send(status, body, { 'cache-control': 'no-store', ...headers });
}

/**
 * The raw body bytes the signature covers. restify's bodyReader hands JSON and text bodies over as
 * UTF-8 text; encoding it again gives the bytes back for any body that was valid UTF-8 (a body that
 * was not cannot verify, and could not be JSON either).
 */
function rawBody(req: Request): Buffer {
  const body: unknown = req.body;
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(typeof body === 'string' ? body : '', 'utf8');
}

/** Starts the receiver on 127.0.0.1 (a free port unless `port` is given). */
export async function start(options: IntakeOptions): Promise<PartnershipIntake> {
  if (!options.secret) throw new Error('The partnership intake needs a signing secret.');
  const clock = options.clock ?? systemClock;
  const toleranceSeconds = options.toleranceSeconds ?? defaultToleranceSeconds;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;

  const stored = new Map<string, ReceivedReferral>();
  const log: IntakeRequest[] = [];
  const faults: Fault[] = [];
  /** Signatures already used, until their timestamp leaves the window: replays get 401. */
  const seenSignatures = new Map<string, number>();
  let secrets: readonly string[] = [options.secret, ...(options.otherSecrets ?? [])];

  const note = (req: Request, entry: Omit<IntakeRequest, 'at' | 'method' | 'path'>): void => {
    log.push({
      at: clock.now().toISOString(),
      method: req.method ?? '',
      path: req.url ?? '',
      ...entry,
    });
  };

  const header = (req: Request, name: string): string | undefined => req.header(name) || undefined;

  /** Answers one POST; false when a stall fault leaves it unanswered (the chain must not end). */
  function receive(req: Request, res: Response): boolean {
    const key = header(req, signatureHeaders.idempotencyKey);
    const keyField = key === undefined ? {} : { idempotencyKey: key };
    const body = rawBody(req);
    const now = clock.now();

    // 1. Who sent it: signature over timestamp + raw body, timestamp in the window, not a replay.
    const timestamp = header(req, signatureHeaders.timestamp);
    const check = verifyAnySignature({
      secrets,
      timestamp,
      signatures: [
        header(req, signatureHeaders.signature),
        header(req, signatureHeaders.nextSignature),
      ],
      body,
      now,
      toleranceSeconds,
    });
    for (const [sig, expires] of seenSignatures)
      if (expires < now.getTime()) seenSignatures.delete(sig);
    // What was signed (timestamp and body) is the replay key, whichever header carried it.
    const signed = `${timestamp ?? ''}.${createHash('sha256').update(body).digest('hex')}`;
    if (!check.ok || seenSignatures.has(signed)) {
      const reason = check.ok ? 'replayed' : check.reason;
      note(req, { ...keyField, httpStatus: 401, outcome: 'unauthorised' });
      sendJson(res, 401, {
        error: 'unauthorised',
        message: `Request not authenticated (${reason}).`,
      });
      return true;
    }
    seenSignatures.set(signed, (Number(timestamp) + toleranceSeconds) * 1000);

    // 2. The key every retry repeats.
    if (!isReferralId(key)) {
      note(req, { ...keyField, httpStatus: 400, outcome: 'invalid' });
      sendJson(res, 400, {
        error: 'invalid_request',
        message: 'Idempotency-Key must be the referral id (a UUID).',
        fields: {},
      });
      return true;
    }

    // 3. Faults asked for by a test.
    const fault = faults.shift();
    if (fault?.kind === 'status') {
      note(req, { idempotencyKey: key, httpStatus: fault.status, outcome: 'fault' });
      sendJson(res, fault.status, fault.body);
      return true;
    }
    if (fault?.kind === 'stall') {
      note(req, { idempotencyKey: key, outcome: 'stalled' });
      return false; // no answer until the connection is closed
    }
    // With a "drop" fault the work is done as usual, then the connection is cut instead of answered.
    const reply: Reply =
      fault?.kind === 'drop'
        ? () => void res.socket?.destroy()
        : (status, payload) => sendJson(res, status, payload);

    // 4. A key seen before: the original reference, nothing stored twice.
    const bodySha256 = sha256Hex(body.toString('utf8'));
    const known = stored.get(key);
    if (known) {
      if (known.bodySha256 !== bodySha256) {
        note(req, { idempotencyKey: key, httpStatus: 409, outcome: 'conflict' });
        reply(409, {
          error: 'idempotency_key_reused',
          message: 'This Idempotency-Key was already used with a different body.',
        });
        return true;
      }
      note(req, { idempotencyKey: key, httpStatus: 200, outcome: 'duplicate' });
      reply(200, { reference: known.reference, duplicate: true });
      return true;
    }

    // 5. The body itself.
    const contentType = header(req, 'content-type') ?? '';
    let json: unknown;
    try {
      if (!/^application\/json\b/i.test(contentType)) throw new Error('not json');
      json = JSON.parse(body.toString('utf8'));
    } catch {
      note(req, { idempotencyKey: key, httpStatus: 400, outcome: 'invalid' });
      reply(400, {
        error: 'invalid_json',
        message: 'The body must be JSON (application/json).',
        fields: {},
      });
      return true;
    }
    const envelope = envelopeSchema.safeParse(json);
    const envelopeErrors: Record<string, string> = {};
    if (!envelope.success) {
      for (const issue of envelope.error.issues)
        envelopeErrors[issue.path.join('.') || 'body'] ??= issue.message;
    } else if (envelope.data.referralId !== key) {
      envelopeErrors.referralId = 'referralId must equal the Idempotency-Key.';
    }
    const validation = validateReferral(envelope.success ? envelope.data.referral : undefined, {
      now,
    });
    if (!envelope.success || Object.keys(envelopeErrors).length > 0 || !validation.ok) {
      note(req, { idempotencyKey: key, httpStatus: 400, outcome: 'invalid' });
      reply(400, {
        error: 'invalid_referral',
        message: 'Some fields need correcting.',
        fields: { ...envelopeErrors, ...(validation.ok ? {} : validation.errors) },
      });
      return true;
    }

    // 6. Stored once.
    const record: ReceivedReferral = {
      reference: newReference(),
      idempotencyKey: key,
      receivedAt: now.toISOString(),
      bodySha256,
      body: body.toString('utf8'),
      referral: validation.referral,
    };
    stored.set(key, record);
    note(req, {
      idempotencyKey: key,
      httpStatus: 201,
      outcome: fault?.kind === 'drop' ? 'dropped' : 'stored',
    });
    reply(201, { reference: record.reference });
    return true;
  }

  function page(res: Response): void {
    const counts = new Map<string, number>();
    for (const r of log)
      if (r.idempotencyKey) counts.set(r.idempotencyKey, (counts.get(r.idempotencyKey) ?? 0) + 1);
    const rows: IntakeRow[] = [...stored.values()].reverse().map((r) => ({
      reference: r.reference,
      referralId: r.idempotencyKey,
      receivedAt: r.receivedAt,
      bodySha256: r.bodySha256,
      requests: counts.get(r.idempotencyKey) ?? 0,
    }));
    res.sendRaw(200, renderIntakePage(rows), {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
  }

  const server = restify.createServer({
    name: 'partnership-intake',
    handleUncaughtExceptions: false,
  });
  server.post(
    '/referrals',
    restify.plugins.bodyReader({ maxBodySize: maxBodyBytes }),
    (req: Request, res: Response, next: restify.Next) => {
      try {
        if (receive(req, res)) next();
      } catch (error) {
        next(error instanceof Error ? error : new Error(String(error)));
      }
    },
  );
  const showPage = (_req: Request, res: Response, next: restify.Next): void => {
    page(res);
    next();
  };
  server.get('/', showPage);
  server.head('/', showPage);

  // restify's own refusals (unknown route, body too large, a handler that threw) answer in the
  // contract's error shape and are noted like every other request.
  const notFound = {
    outcome: 'not-found',
    body: { error: 'not_found', message: 'POST /referrals or GET /.' },
  } as const;
  const refusals: Readonly<Record<number, { outcome: IntakeOutcome; body: object }>> = {
    404: notFound,
    405: notFound, // a known path with another method: the same answer as before restify
    413: {
      outcome: 'too-large',
      body: { error: 'too_large', message: `The body must be at most ${maxBodyBytes} bytes.` },
    },
  };
  const failure = { error: 'internal', message: 'The receiver failed.' };
  server.on(
    'restifyError',
    (
      req: Request,
      res: Response,
      err: { statusCode?: number; toJSON?: () => object },
      done: () => void,
    ) => {
      const status = err.statusCode ?? 500;
      const refusal = refusals[status];
      const key = header(req, signatureHeaders.idempotencyKey);
      note(req, {
        ...(key === undefined ? {} : { idempotencyKey: key }),
        httpStatus: status,
        outcome: refusal?.outcome ?? 'fault',
      });
      err.toJSON = () => refusal?.body ?? failure;
      res.header('cache-control', 'no-store');
      if (status === 413) res.header('connection', 'close');
      return done();
    },
  );

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.removeListener('error', reject);
      resolve(server.address().port);
    });
  });
  let stopped: Promise<void> | undefined;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    referralUrl: `${url}/referrals`,
    port,
    received: () => [...stored.values()],
    requests: () => [...log],
    failNext: (
      count,
      status = 503,
      body = { error: 'unavailable', message: 'Injected failure.' },
    ) => {
      for (let i = 0; i < count; i += 1) faults.push({ kind: 'status', status, body });
    },
    dropResponseNext: (count) => {
      for (let i = 0; i < count; i += 1) faults.push({ kind: 'drop' });
    },
    stallNext: (count) => {
      for (let i = 0; i < count; i += 1) faults.push({ kind: 'stall' });
    },
    acceptSecrets: (next) => {
      if (next.length === 0) throw new Error('The partnership intake needs a signing secret.');
      secrets = [...next];
    },
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // close() alone waits for keep-alive and stalled connections.
        server.server.closeAllConnections();
      });
      return stopped;
    },
  };
}

/** The same as `start`, under a name that reads well at a call site. */
export const startPartnershipIntake = start;
