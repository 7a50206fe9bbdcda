import restify, { type Request, type Response } from 'restify';
import type { Logger } from '../logging/logger';
import type { ReadinessAnswer } from './readiness';

/** Bot Framework activities are small; anything larger than this is refused with 413. */
export const maxRequestBodyBytes = 256 * 1024;

export interface HttpServerOptions {
  readonly logger: Logger;
  /** Authenticates and runs one Bot Framework request, writing the response itself. */
  readonly handleBotRequest: (req: Request, res: Response) => Promise<void>;
  /** Whether storage takes writes; answers quickly whatever storage does (see readiness.ts). */
  readonly checkReadiness: () => Promise<ReadinessAnswer>;
  /** Largest request body accepted, in bytes; bigger requests get 413 before any bot code. */
  readonly maxBodyBytes: number;
}

export interface HttpServer {
  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting, waits for in-flight requests (up to `graceMs`), then closes. */
  stop(graceMs?: number): Promise<void>;
}

/** The restify server: HTTP only, no business logic. */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { logger } = options;
  const server = restify.createServer({ name: 'dare-coach', handleUncaughtExceptions: false });
  let inFlight = 0;
  let stopping = false;
  const drained: Array<() => void> = [];

  server.pre((_req, res, next) => {
    if (stopping) {
      res.header('Connection', 'close');
      res.send(503, { status: 'stopping' });
      return next(false);
    }
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) drained.splice(0).forEach((resolve) => resolve());
    });
    return next();
  });
  // restify inflates gzip bodies without a limit (maxBodySize counts the bytes on the wire), so a
  // few kB could become gigabytes before authentication; Bot Framework never compresses requests.
  server.pre((req, res, next) => {
    const encoding = req.headers['content-encoding'];
    if (encoding === undefined || encoding.trim().toLowerCase() === 'identity') return next();
    res.send(415, { error: 'Compressed request bodies are not accepted.' });
    return next(false);
  });
  // Only JSON is read, and only up to the limit: restify's general bodyParser would hand
  // multipart bodies to formidable (which writes file parts to disk before authentication) and
  // accept form-urlencoded ones as activities.
  server.pre((req, res, next) => {
    if (req.method !== 'POST') return next();
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type === 'application/json') return next();
    res.header('Connection', 'close');
    res.send(415, { error: 'Only application/json bodies are accepted.' });
    return next(false);
  });
  server.use(restify.plugins.bodyReader({ maxBodySize: options.maxBodyBytes }));
  server.use(restify.plugins.jsonBodyParser({ bodyReader: true, mapParams: false }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    await options.handleBotRequest(req, res);
  });

  server.get('/healthz', (_req: Request, res: Response, next) => {
    res.send(200, { status: 'ok' });
    return next();
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    if (stopping) {
      res.send(503, { status: 'stopping' });
      return;
    }
    const answer = await options.checkReadiness();
    if (answer.ready) {
      res.send(200, { status: 'ready', storage: 'ok' });
      return;
    }
    logger.warn('not ready', { reason: answer.reason });
    res.send(503, { status: 'unavailable', storage: 'unreachable' });
  });

  server.on(
    'restifyError',
    (req: Request, _res: Response, err: { statusCode?: number }, callback: () => void) => {
      // Log the status only: a body parser error message may quote the request, and the path is
      // the caller's choice (the logger writes only our own routes; any other becomes "other").
      logger.warn('request refused', { httpStatus: err.statusCode, route: req.getPath() });
      return callback();
    },
  );

  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(address.port);
        });
      }),
    stop: async (graceMs = 10_000) => {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
      server.server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => drained.push(resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref()),
        ]);
      }
      server.server.closeAllConnections();
      await closed;
    },
  };
}
