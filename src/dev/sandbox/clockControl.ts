import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { AppConfig } from '../../config/config';
import { AppError, ErrorCodes } from '../../kernel/errors';
import type { RunningPart } from './parts';
import type { TestClock } from './testClock';

/** What a move of the clock asks for: forward by minutes, or forward to an instant. */
const moveSchema = z.union([
  z
    .object({
      advanceMinutes: z
        .number()
        .positive()
        .max(366 * 24 * 60),
    })
    .strict(),
  z.object({ to: z.string().datetime({ offset: true }) }).strict(),
]);

export interface ClockControl extends RunningPart {
  /** e.g. http://127.0.0.1:56151/clock */
  readonly url: string;
}

const loopback = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const maxBodyBytes = 1024;

/**
 * The sandbox's test clock over HTTP, on 127.0.0.1 only: `GET /clock` answers the app's time,
 * `POST /clock` with `{"advanceMinutes": 90}` or `{"to": "2026-03-19T10:00:00Z"}` moves it forward,
 * runs a scheduler pass and answers when the pass is over, with what it created. Not part of the
 * production server: it exists only in `npm run dev`, and refuses to start with production settings.
 */
export async function startClockControl(options: {
  readonly config: AppConfig;
  readonly clock: TestClock;
  /** Runs the scheduler now; resolves with the occurrences it created. */
  readonly onMove: () => Promise<{ readonly created: number; readonly missed: number }>;
  /** The preferred port; any free one when it is taken (0: any). */
  readonly port: number;
}): Promise<ClockControl> {
  if (options.config.environment === 'production') {
    throw new AppError(
      ErrorCodes.configInvalid,
      'The test clock is for the local sandbox only: it never runs with NODE_ENV=production.',
      { catastrophic: true },
    );
  }
  const answer = (res: ServerResponse, status: number, body: object): void => {
    // Not writeHead: restify (loaded in the same process) patches ServerResponse's.
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!loopback.has(req.socket.remoteAddress ?? ''))
      return answer(res, 403, { error: 'local only' });
    if (req.url !== '/clock') return answer(res, 404, { error: 'not found' });
    if (req.method === 'GET') return answer(res, 200, { now: options.clock.now().toISOString() });
    if (req.method !== 'POST') return answer(res, 405, { error: 'GET or POST' });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBodyBytes) return answer(res, 413, { error: 'body too large' });
      chunks.push(chunk);
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return answer(res, 400, {
        error: 'send JSON: {"advanceMinutes": 60} or {"to": "<ISO time>"}',
      });
    }
    const move = moveSchema.safeParse(body);
    if (!move.success) {
      return answer(res, 400, { error: 'send {"advanceMinutes": 60} or {"to": "<ISO time>"}' });
    }
    if ('advanceMinutes' in move.data) options.clock.advance(move.data.advanceMinutes * 60_000);
    else options.clock.moveTo(new Date(move.data.to));
    const pass = await options.onMove();
    return answer(res, 200, { now: options.clock.now().toISOString(), ...pass });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => answer(res, 500, { error: 'the scheduler pass failed' }));
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const port = await listen(options.port).catch((err: unknown) => {
    if ((err as { code?: unknown }).code === 'EADDRINUSE' && options.port !== 0) return listen(0);
    throw err;
  });
  return {
    name: 'test-clock',
    url: `http://127.0.0.1:${port}/clock`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
