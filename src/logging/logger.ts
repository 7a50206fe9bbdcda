import pino, { type DestinationStream } from 'pino';

/**
 * The keys a log line may carry. Redaction is by construction: any other key is dropped before
 * it reaches pino, so names, emails, phone numbers, dates of birth, addresses and free text have
 * no way in. Identifiers go in only as fingerprints (see kernel/hash.ts).
 */
export const safeLogKeys = [
  'component',
  'event',
  'verb',
  'command',
  'activityType',
  'channelId',
  'tenantHash',
  'userHash',
  'conversationHash',
  'container',
  'status',
  'httpStatus',
  'method',
  'route',
  'durationMs',
  'count',
  'attempt',
  'port',
  'url',
  'version',
  'code',
  'reason',
  'environment',
  'botAuth',
  'storage',
  'allowedTenantCount',
  'partnershipConfigured',
  'referralId',
  'nudgeId',
  'template',
] as const;

export type SafeLogKey = (typeof safeLogKeys)[number];

/**
 * Keys whose values a caller can choose (an activity's type, a message extension's command id, a
 * request path): only the listed values are written, anything else becomes `other`. The lists are
 * protocol constants and our own command ids (a unit test checks them against the bot's tables).
 */
export const enumeratedLogValues: Partial<Record<SafeLogKey, ReadonlySet<string>>> = {
  activityType: new Set([
    'message',
    'conversationUpdate',
    'installationUpdate',
    'invoke',
    'invokeResponse',
    'messageReaction',
    'messageUpdate',
    'messageDelete',
    'typing',
    'endOfConversation',
    'event',
    'trace',
    'handoff',
    'command',
    'commandResult',
    'contactRelationUpdate',
    'deleteUserData',
    'suggestion',
  ]),
  route: new Set(['/api/messages', '/healthz', '/readyz']),
  command: new Set([
    // Text commands (src/bot/commands.ts) and the message extension's command ids (manifest).
    'help',
    'prepare',
    'debrief',
    'wording',
    'refer',
    'nudges',
    'searchWording',
  ]),
};

/** What an enumerated key's value is written as when it is not on its list. */
export const unlistedLogValue = 'other';
export type LogValue = string | number | boolean | undefined;
export type LogFields = Partial<Record<SafeLogKey, LogValue>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  /** `err` is reduced to its name, code and stack frames: its message may quote user input. */
  error(message: string, fields?: LogFields, err?: unknown): void;
  child(bindings: LogFields): Logger;
}

const allowed = new Set<string>(safeLogKeys);
const maxValueLength = 200;

function sanitize(fields: Record<string, unknown> | undefined): Record<string, LogValue> {
  const out: Record<string, LogValue> = {};
  if (!fields) return out;
  for (const [key, value] of Object.entries(fields)) {
    if (!allowed.has(key)) continue;
    const listed = enumeratedLogValues[key as SafeLogKey];
    if (listed) {
      if (value !== undefined)
        out[key] = typeof value === 'string' && listed.has(value) ? value : unlistedLogValue;
    } else if (typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else if (typeof value === 'string') out[key] = value.slice(0, maxValueLength);
  }
  return out;
}

const safeCode = /^[A-Za-z0-9_.-]{1,40}$/;

/** Name, code and call sites of an error; never its message unless we wrote it (AppError). */
export function describeError(err: unknown): Record<string, string | string[]> {
  if (!(err instanceof Error)) return { errorName: typeof err };
  const described: Record<string, string | string[]> = { errorName: err.name };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') described.errorCode = String(code);
  if (err.name === 'AppError') described.errorMessage = err.message;
  // What lies under a wrapped error (the transport's ECONNRESET, the store's 408): name and code
  // only, never its message, which can quote ids.
  const cause: unknown = err.cause;
  if (cause instanceof Error) {
    described.causeName = cause.name;
    const causeCode = (cause as { code?: unknown }).code;
    if (
      typeof causeCode === 'number' ||
      (typeof causeCode === 'string' && safeCode.test(causeCode))
    )
      described.causeCode = String(causeCode);
  }
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .map((line) => line.trim());
  if (frames.length > 0) described.stack = frames.slice(0, 15);
  return described;
}

class SafeLogger implements Logger {
  /** `root` is the unbound pino logger; `bindings` what this logger adds to every line. */
  constructor(
    private readonly root: pino.Logger,
    private readonly bindings: Record<string, LogValue> = {},
    private readonly base: pino.Logger = root,
  ) {}

  debug(message: string, fields?: LogFields): void {
    this.base.debug(sanitize(fields), message);
  }
  info(message: string, fields?: LogFields): void {
    this.base.info(sanitize(fields), message);
  }
  warn(message: string, fields?: LogFields): void {
    this.base.warn(sanitize(fields), message);
  }
  error(message: string, fields?: LogFields, err?: unknown): void {
    const payload =
      err === undefined ? sanitize(fields) : { ...sanitize(fields), err: describeError(err) };
    this.base.error(payload, message);
  }
  /** Bindings merge rather than repeat; components nest as `parent.child`. */
  child(bindings: LogFields): Logger {
    const added = sanitize(bindings);
    const merged = { ...this.bindings, ...added };
    const parent = this.bindings.component;
    const child = added.component;
    if (typeof child === 'string' && typeof parent === 'string') {
      const alreadyThere = parent === child || parent.endsWith(`.${child}`);
      merged.component = alreadyThere ? parent : `${parent}.${child}`;
    }
    return new SafeLogger(this.root, merged, this.root.child(merged));
  }
}

export interface LoggerOptions {
  readonly level: string;
  /** Where JSON lines go; stdout by default. Tests pass a capturing stream. */
  readonly destination?: DestinationStream;
}

/** One JSON logger for the process; take `child({ component })` loggers from it. */
export function createLogger(options: LoggerOptions): Logger {
  const base = pino(
    { level: options.level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
    options.destination ?? pino.destination({ sync: false }),
  );
  return new SafeLogger(base);
}
