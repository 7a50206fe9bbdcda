import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorReply {
  readonly conversationId: string;
  readonly method: string;
  readonly body: Record<string, unknown>;
}

export interface Connector {
  readonly url: string;
  /** Replies and updates posted to one conversation, in order. */
  repliesTo(conversationId: string): ConnectorReply[];
  total(): number;
  stop(): Promise<void>;
}

/** Obviously fake Teams profile answered for any member look-up (the referral form pre-fills from it). */
export const fakeProfile = {
  id: '29:fake-reliability-user',
  name: 'Alex Example',
  givenName: 'Alex',
  surname: 'Example',
  email: 'alex.example@council.example.org',
  userPrincipalName: 'alex.example@council.example.org',
  aadObjectId: '00000000-0000-4000-8000-0000000000f1',
};

/**
 * The Bot Framework connector the bot replies to (its activities' serviceUrl): records what the bot
 * posts per conversation, answers member look-ups with a fake profile, and accepts updates.
 */
export async function startConnector(): Promise<Connector> {
  const byConversation = new Map<string, ConnectorReply[]>();
  let total = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = /\/v3\/conversations\/([^/]+)(\/.*)?$/.exec(req.url ?? '');
      const conversationId = decodeURIComponent(match?.[1] ?? '');
      const rest = match?.[2] ?? '';
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && rest.includes('/members/')) {
        res.end(JSON.stringify(fakeProfile));
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown>;
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        body = {};
      }
      if (req.method === 'POST' || req.method === 'PUT') {
        total += 1;
        const list = byConversation.get(conversationId) ?? [];
        list.push({ conversationId, method: req.method, body });
        byConversation.set(conversationId, list);
      }
      res.end(JSON.stringify({ id: `reply-${total}` }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    repliesTo: (id) => [...(byConversation.get(id) ?? [])],
    total: () => total,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
