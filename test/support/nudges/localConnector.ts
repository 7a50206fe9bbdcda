import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A refusal the connector gives one recipient every time (a 403 sub-code, or 404). */
export interface PermanentFault {
  readonly status: 403 | 404;
  readonly code?: string;
}

export interface LocalConnectorOptions {
  /** Requests per second per tenant before 429 (Teams: 50 per app per tenant). */
  readonly tenantPerSecond?: number;
  /** Requests per second per conversation before 429 (Teams: 7). */
  readonly conversationPerSecond?: number;
  /** Seconds asked for in Retry-After with a 429. */
  readonly retryAfterSeconds?: number;
  /** The team roster, served by paged members. */
  readonly roster?: ReadonlyArray<{ readonly id: string; readonly aadObjectId: string }>;
  /** Recipients (channel user ids) refused permanently. */
  readonly permanent?: ReadonlyMap<string, PermanentFault>;
  /** Decides, per request, a transient failure (500/502/503/504) or a slow answer (ms). */
  readonly chaos?: () => { readonly status?: number; readonly delayMs?: number };
}

export interface ConnectorStats {
  requests: number;
  throttled: number;
  /** Of the 429s, how many for the per-conversation limit. */
  throttledConversation: number;
  transient: number;
  created: number;
  /** Team roster pages served (requests too, but before any sending starts). */
  rosterPages: number;
  /** First and last send or conversation creation (performance.now ms): the sending phase. */
  firstAt: number;
  lastAt: number;
  /** When each send or conversation creation arrived (performance.now ms), in order. */
  readonly arrivals: number[];
  /** Accepted sends per conversation id. */
  readonly sends: Map<string, number>;
  /** Requests per sending process, by the `x-sender` header it names itself with. */
  readonly bySender: Map<string, number>;
}

/**
 * Teams' connector, locally: accepts proactive sends and personal-chat creation, serves a team's
 * paged roster, and enforces Teams' limits (per tenant and per conversation, counted over a
 * sliding second; 429 with Retry-After past them). Can refuse chosen recipients for good (each 403
 * sub-code, 404) and inject transient 5xx and slow answers. Binds to 127.0.0.1 on a free port.
 */
export async function startLocalConnector(options: LocalConnectorOptions = {}) {
  const tenantLimit = options.tenantPerSecond ?? 50;
  const conversationLimit = options.conversationPerSecond ?? 7;
  const stats: ConnectorStats = {
    requests: 0,
    throttled: 0,
    throttledConversation: 0,
    transient: 0,
    created: 0,
    rosterPages: 0,
    firstAt: 0,
    lastAt: 0,
    sends: new Map(),
    bySender: new Map(),
    arrivals: [],
  };
  const tenantWindow: number[] = [];
  const conversationWindows = new Map<string, number[]>();
  const overLimit = (window: number[], limit: number, now: number): boolean => {
    while (window.length > 0 && window[0]! <= now - 1000) window.shift();
    if (window.length >= limit) return true;
    window.push(now);
    return false;
  };
  const answer = (res: http.ServerResponse, status: number, body: object, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const now = performance.now();
      stats.requests += 1;
      const url = new URL(req.url ?? '/', 'http://connector');
      if (url.pathname.endsWith('/pagedmembers')) stats.rosterPages += 1;
      else {
        if (stats.firstAt === 0) stats.firstAt = now;
        stats.lastAt = now;
        stats.arrivals.push(now);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const body = (text ? JSON.parse(text) : {}) as {
        members?: Array<{ id: string }>;
      };
      const conversationId = decodeURIComponent(
        /^\/v3\/conversations\/([^/]+)/.exec(url.pathname)?.[1] ?? '',
      );
      const chaos = options.chaos?.() ?? {};
      const throttle = () => {
        stats.throttled += 1;
        const retryAfter = String(options.retryAfterSeconds ?? 1);
        answer(res, 429, { error: { code: 'Throttled' } }, { 'retry-after': retryAfter });
      };
      // Counted as it arrives (a slow answer is slow after Teams counted it).
      const byTenant = overLimit(tenantWindow, tenantLimit, now);
      let byConversation = false;
      if (!byTenant && conversationId) {
        const window = conversationWindows.get(conversationId) ?? [];
        conversationWindows.set(conversationId, window);
        byConversation = overLimit(window, conversationLimit, now);
      }
      const sender = req.headers['x-sender'];
      if (typeof sender === 'string') {
        stats.bySender.set(sender, (stats.bySender.get(sender) ?? 0) + 1);
      }
      const reply = () => {
        if (byTenant) return throttle();
        if (byConversation) {
          stats.throttledConversation += 1;
          return throttle();
        }
        if (chaos.status) {
          stats.transient += 1;
          return answer(res, chaos.status, { error: { code: 'ServiceError' } });
        }
        if (req.method === 'GET' && url.pathname.endsWith('/pagedmembers')) {
          const roster = options.roster ?? [];
          const size = Number(url.searchParams.get('pageSize') ?? '500');
          const start = Number(url.searchParams.get('continuationToken') ?? '0');
          const members = roster.slice(start, start + size);
          const next = start + size < roster.length ? String(start + size) : undefined;
          return answer(res, 200, { members, ...(next ? { continuationToken: next } : {}) });
        }
        if (req.method === 'POST' && url.pathname === '/v3/conversations') {
          const userId = body.members?.[0]?.id ?? '';
          const fault = options.permanent?.get(userId);
          if (fault)
            return answer(res, fault.status, { error: { code: fault.code ?? 'NotFound' } });
          stats.created += 1;
          return answer(res, 201, { id: `a:chat-${userId}` });
        }
        if (req.method === 'POST' && url.pathname.endsWith('/activities')) {
          const userId = conversationId.replace(/^a:chat-/, '');
          const fault = options.permanent?.get(userId);
          if (fault)
            return answer(res, fault.status, { error: { code: fault.code ?? 'NotFound' } });
          stats.sends.set(conversationId, (stats.sends.get(conversationId) ?? 0) + 1);
          return answer(res, 201, { id: `activity-${stats.requests}` });
        }
        return answer(res, 404, { error: { code: 'NotFound' } });
      };
      const slow = chaos.delayMs ?? 0;
      if (slow > 0) setTimeout(reply, slow);
      else reply();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
