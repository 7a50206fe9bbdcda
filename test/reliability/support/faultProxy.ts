import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import https, { type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { holdIdleConnections } from '../../../src/storage/cosmos/embeddedCosmos';

/** What the proxy does to each request on its way to the Cosmos-protocol server. */
export type FaultMode = 'none' | '503' | '429' | 'drop' | 'hang' | 'writes';

export interface RequestCounts {
  reads: number;
  queries: number;
  writes: number;
  other: number;
}

export interface FaultProxy {
  /** https://127.0.0.1:<port>: give this to the bot as COSMOS_ENDPOINT. */
  readonly endpoint: string;
  setMode(mode: FaultMode): void;
  /** Requests that reached the server (faulted ones are not counted), by kind. */
  counts(): RequestCounts;
  /** Writes that reached the server, by container. */
  writesByContainer(): Record<string, number>;
  resetCounts(): void;
  stop(): Promise<void>;
}

type Kind = keyof RequestCounts;

function kindOf(method: string, url: string, headers: Record<string, unknown>): Kind {
  if (!url.includes('/docs')) return 'other';
  if (method === 'GET') return 'reads';
  const header = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' ? value.toLowerCase() : '';
  };
  const isQuery =
    header('x-ms-documentdb-isquery') === 'true' ||
    header('x-ms-cosmos-is-query-plan-request') === 'true' ||
    header('content-type').startsWith('application/query+json');
  if (method === 'POST' && isQuery) return 'queries';
  if (method === 'POST' || method === 'PUT' || method === 'DELETE' || method === 'PATCH')
    return 'writes';
  return 'other';
}

/**
 * A small TLS-terminating HTTP proxy in front of the Cosmos-protocol server (it speaks HTTPS with
 * the server package's own self-signed certificate, which the bot accepts on loopback), able to
 * answer 503 or 429 itself, drop the connection, hang without answering, or fail only writes
 * while reads get through. It also counts what reaches the server.
 */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const certDir = path.dirname(require.resolve('@zeit/cosmosdb-server/package.json'));
  const target = new URL(upstream);
  let mode: FaultMode = 'none';
  let counts: RequestCounts = { reads: 0, queries: 0, writes: 0, other: 0 };
  let byContainer: Record<string, number> = {};
  const hung = new Set<ServerResponse>();
  const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });

  const server: Server = https.createServer(
    {
      cert: readFileSync(path.join(certDir, 'cert.pem')),
      key: readFileSync(path.join(certDir, 'key.pem')),
    },
    (req, res) => {
      const kind = kindOf(req.method ?? 'GET', req.url ?? '', req.headers);
      const faulted = mode === 'writes' ? kind === 'writes' : mode !== 'none' && kind !== 'other';
      if (faulted) {
        req.resume();
        if (mode === 'drop') {
          req.socket.destroy();
          return;
        }
        if (mode === 'hang') {
          hung.add(res);
          res.once('close', () => hung.delete(res));
          return;
        }
        const status = mode === '429' ? 429 : 503;
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (status === 429) headers['x-ms-retry-after-ms'] = '200';
        res.writeHead(status, headers);
        res.end(
          JSON.stringify({
            code: status === 429 ? 'TooManyRequests' : 'ServiceUnavailable',
            message: 'fault proxy',
          }),
        );
        return;
      }
      counts[kind] += 1;
      if (kind === 'writes') {
        const container = /\/colls\/([^/]+)/.exec(req.url ?? '')?.[1] ?? 'unknown';
        byContainer[container] = (byContainer[container] ?? 0) + 1;
      }
      const forward = https.request(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
          agent,
        },
        (upstreamRes) => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    },
  );
  holdIdleConnections(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${port}`,
    setMode: (next) => {
      mode = next;
      if (next !== 'hang') for (const res of hung) res.destroy();
    },
    counts: () => ({ ...counts }),
    writesByContainer: () => ({ ...byContainer }),
    resetCounts: () => {
      counts = { reads: 0, queries: 0, writes: 0, other: 0 };
      byContainer = {};
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const res of hung) res.destroy();
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
