import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedActivity {
  readonly path: string;
  readonly body: Record<string, unknown>;
}

/**
 * A real HTTP server standing in for the Bot Framework connector (the serviceUrl of incoming
 * activities): it records every reply the bot posts, so HTTP tests can see what the user would.
 */
export async function startFakeConnector(
  /** The HTTP status to answer a request with (e.g. 429 for an update); 200 when absent. */
  statusFor: (request: { readonly method: string; readonly path: string }) => number = () => 200,
): Promise<{
  url: string;
  received: ReceivedActivity[];
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedActivity[]>;
  stop(): Promise<void>;
}> {
  const received: ReceivedActivity[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({
        path: req.url ?? '',
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      });
      res.writeHead(statusFor({ method: req.method ?? '', path: req.url ?? '' }), {
        'content-type': 'application/json',
      });
      res.end(JSON.stringify({ id: `reply-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} replies, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return received;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
