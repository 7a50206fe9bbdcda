import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { Server } from 'node:https';
import { AppError, ErrorCodes } from '../../kernel/errors';

export interface EmbeddedCosmos {
  /** https://127.0.0.1:<port> */
  readonly endpoint: string;
  /** Any non-empty base64 string satisfies the server; a random one keeps scanners quiet. */
  readonly key: string;
  /** Closes the server and every open connection; safe to call twice. */
  stop(): Promise<void>;
}

function isModuleNotFound(err: unknown): boolean {
  return (
    err instanceof Error &&
    'code' in err &&
    (err.code === 'MODULE_NOT_FOUND' || err.code === 'ERR_MODULE_NOT_FOUND')
  );
}

async function loadServerFactory(): Promise<() => Server> {
  try {
    // A devDependency: absent from production installs, so it is loaded only when asked for.
    const { createHttpsServer } = await import('@zeit/cosmosdb-server');
    return () => createHttpsServer();
  } catch (err) {
    if (!isModuleNotFound(err)) throw err;
    throw new AppError(
      ErrorCodes.configInvalid,
      'No Cosmos DB to use: set COSMOS_ENDPOINT or install dev dependencies (for the embedded server).',
      { catastrophic: true, cause: err },
    );
  }
}

/** Ways to watch the server from outside (the turn bench counts storage calls at the server). */
export interface EmbeddedCosmosOptions {
  /** Called for every request before the server handles it. */
  readonly onRequest?: (req: IncomingMessage) => void;
  /** Called for every TLS connection a client opens. */
  readonly onConnection?: () => void;
}

/**
 * @zeit/cosmosdb-server sets `connection: close` on every response, so each call would cost its
 * client a new TCP and TLS handshake. Dropping that one header lets connections be reused, as
 * they are with Cosmos DB itself.
 */
export function keepConnectionsOpen(server: Server): void {
  server.prependListener('request', (_req, res) => {
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name, value) =>
      name.toLowerCase() === 'connection' ? res : setHeader(name, value);
  });
}

/** How long an idle connection is held open by a local Cosmos-protocol server. */
export const idleConnectionMs = 30_000;

/**
 * Node closes an idle keep-alive connection after 5 s. A client picks idle connections from its
 * pool and stops reusing them only 1 s before the time the server announces, so a client whose
 * event loop lags under load can write a request onto a connection the server is closing, and a
 * write that meets a reset is not retried (it may have been applied). Azure Cosmos DB holds
 * idle connections for minutes; a local server announcing 30 s makes that race as rare as there.
 */
export function holdIdleConnections(server: Server): void {
  server.keepAliveTimeout = idleConnectionMs;
  server.headersTimeout = idleConnectionMs + 1_000;
}

function listen(server: Server): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the server accepts any key, so it must not be reachable from elsewhere.
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(
          new AppError(
            ErrorCodes.storeUnavailable,
            'Embedded Cosmos DB server has no TCP address.',
          ),
        );
      } else {
        resolve(address);
      }
    });
  });
}

/**
 * Starts an in-process Cosmos-protocol server (@zeit/cosmosdb-server, HTTPS with a self-signed
 * certificate) on a free loopback port, keeping connections open between calls. Data lives in
 * memory and ends with `stop()`.
 */
export async function startEmbeddedCosmos(
  options: EmbeddedCosmosOptions = {},
): Promise<EmbeddedCosmos> {
  const createServer = await loadServerFactory();
  const server = createServer();
  keepConnectionsOpen(server);
  holdIdleConnections(server);
  const { onRequest, onConnection } = options;
  if (onRequest) server.prependListener('request', (req) => onRequest(req));
  if (onConnection) server.on('secureConnection', () => onConnection());
  const { port } = await listen(server);
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= new Promise<void>((resolve) => {
      // close() alone waits for idle keep-alive sockets; drop them so the process can exit.
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return stopped;
  };
  return { endpoint: `https://127.0.0.1:${port}`, key: randomBytes(32).toString('base64'), stop };
}
