import { fingerprint } from '../kernel/hash';
import { safeLogKeys } from '../logging/logger';

/**
 * What may leave the process as telemetry: the log allow-list plus the OpenTelemetry attributes
 * that describe a request or a dependency call without saying who made it. Everything else is
 * dropped; URLs lose their query, credentials and every path segment beyond the route; client
 * addresses, user agents and exception messages never pass; identifiers pass only as hashes.
 */
export const telemetryAttributeKeys: readonly string[] = [
  ...safeLogKeys,
  // HTTP, old and new semantic conventions (URLs and paths are reduced below, never dropped raw).
  'http.method',
  'http.request.method',
  'http.status_code',
  'http.response.status_code',
  'http.route',
  'http.scheme',
  'http.flavor',
  'http.url',
  'http.target',
  'url.full',
  'url.path',
  'url.scheme',
  'server.address',
  'server.port',
  'net.host.name',
  'net.host.port',
  'net.peer.name',
  'net.peer.port',
  'network.protocol.version',
  'error.type',
  // Azure SDK (Cosmos DB) dependency calls: our own database and container names.
  'az.namespace',
  'db.system',
  'db.system.name',
  'db.name',
  'db.namespace',
  'db.operation',
  'db.operation.name',
  'db.collection.name',
  'db.cosmosdb.container',
  'db.cosmosdb.status_code',
  'db.cosmosdb.sub_status_code',
  'db.response.status_code',
  // Exceptions: the type and the call sites, never the message (it may quote user input).
  'exception.type',
  'exception.stacktrace',
];

/** Identifier attributes that are replaced by their fingerprint under a `*Hash` key. */
const hashedIds: Readonly<Record<string, 'tenantHash' | 'userHash' | 'conversationHash'>> = {
  'enduser.id': 'userHash',
  'user.id': 'userHash',
  userId: 'userHash',
  aadObjectId: 'userHash',
  tenantId: 'tenantHash',
  'tenant.id': 'tenantHash',
  conversationId: 'conversationHash',
};

const urlKeys = new Set(['http.url', 'url.full', 'url']);
const pathKeys = new Set(['http.target', 'url.path', 'http.route']);
const allowed = new Set(telemetryAttributeKeys);
const maxValueLength = 200;

/** The routes the bot serves; any other incoming path is reported as its first segment at most. */
export const serverRoutes: readonly string[] = ['/api/messages', '/healthz', '/readyz'];
const plainSegment = /^[A-Za-z][A-Za-z0-9_-]{0,30}$/;

/** A path cut to its route: a known route, else its first plain segment, else `/`. */
export function routeOf(path: string): string {
  const bare = path.split(/[?#]/, 1)[0] ?? '';
  const known = serverRoutes.find((route) => bare === route || bare.startsWith(`${route}/`));
  if (known !== undefined) return known;
  const first = bare.split('/').find((segment) => segment !== '') ?? '';
  return plainSegment.test(first) ? `/${first}` : '/';
}

/** A URL reduced to scheme, host, port and route: no credentials, query, fragment or ids. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.origin}${routeOf(url.pathname)}`;
  } catch {
    return routeOf(raw);
  }
}

/** Call sites only: the first line of a stack is `Name: message`, and the message may be personal. */
export function stackFrames(stack: string): string {
  return stack
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, 15)
    .join('\n');
}

type AttributeValue =
  string | number | boolean | readonly (string | number | boolean | null | undefined)[];

/** One attribute as it may be exported, under its (possibly new) key; undefined drops it. */
function redactAttribute(
  key: string,
  value: unknown,
): { key: string; value: AttributeValue } | undefined {
  const idKey = hashedIds[key];
  if (idKey !== undefined) {
    return typeof value === 'string' ? { key: idKey, value: fingerprint(value) } : undefined;
  }
  if (!allowed.has(key)) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return { key, value };
  if (typeof value !== 'string') return undefined;
  if (urlKeys.has(key)) return { key, value: redactUrl(value) };
  if (pathKeys.has(key)) return { key, value: routeOf(value) };
  if (key === 'exception.stacktrace') return { key, value: stackFrames(value) };
  return { key, value: value.slice(0, maxValueLength) };
}

/**
 * Rewrites an attribute bag in place (the SDK hands processors its own object): keeps what the
 * allow-list permits, reduced; hashes identifiers; deletes everything else.
 */
export function redactAttributesInPlace(attributes: Record<string, unknown>): void {
  const kept: [string, AttributeValue][] = [];
  for (const [key, value] of Object.entries(attributes)) {
    const redacted = redactAttribute(key, value);
    if (redacted !== undefined) kept.push([redacted.key, redacted.value]);
  }
  for (const key of Object.keys(attributes)) Reflect.deleteProperty(attributes, key);
  for (const [key, value] of kept) attributes[key] = value;
  // Application Insights shows an exception's message; it gets a fixed one, never the original.
  const type = attributes['exception.type'];
  if (typeof type === 'string') attributes['exception.message'] = withheldMessage(type);
}

/** What an exported exception says instead of its message. */
function withheldMessage(exceptionType: string): string {
  return `${exceptionType} (message withheld)`;
}

/** A span name without query strings or path segments beyond the route (`GET /api/messages`). */
export function redactSpanName(name: string): string {
  // Everything from a query or fragment on goes: a query may hold spaces, so cut before splitting.
  const beforeQuery = name.split(/[?#]/, 1)[0] ?? '';
  return beforeQuery
    .split(' ')
    .map((word) =>
      word.includes('://') ? redactUrl(word) : word.startsWith('/') ? routeOf(word) : word,
    )
    .join(' ')
    .slice(0, 100);
}
