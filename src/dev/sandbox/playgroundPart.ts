import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import type { Logger } from '../../logging/logger';
import type { RunningPart } from './parts';
import { playgroundContextFile } from './playgroundConfig';
import { waitForUrl } from './waitForUrl';

export interface PlaygroundOptions {
  /** The bot's `/api/messages` URL. */
  readonly botEndpoint: string;
  /** The tenant every activity from the playground carries. */
  readonly tenantId: string;
  /** Port for the playground's web page and mock connector; 0 for any free port. */
  readonly port: number;
  /** Its working folder (context file and log), created if missing. */
  readonly workDir: string;
  readonly logger: Logger;
  /** How long it may take to serve its page (ms); a cold start on a slow machine takes seconds. */
  readonly readyTimeoutMs?: number;
  /** Called when the playground exits without being asked to. */
  readonly onUnexpectedExit?: (code: number | null) => void;
}

export interface RunningPlayground extends RunningPart {
  /** The page to open, e.g. http://127.0.0.1:56150/ */
  readonly url: string;
  /** Its process id (also its process group id). */
  readonly pid: number;
  /** Where the playground writes its own log. */
  readonly logFile: string;
  /** The last lines it printed, for error messages. */
  outputTail(): string;
}

/** Variables passed through to the playground; everything else, such as AUTH_CLIENT_ID or
 * BOT_ENDPOINT from the developer's shell, would change how it behaves. */
const inheritedVariables = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SystemRoot', 'USERPROFILE'];

const stopGraceMs = 5_000;
const listeningLine = /Listening on (\d+)/;

function playgroundEnvironment(
  workDir: string,
  contextFile: string,
  logFile: string,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of inheritedVariables) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  return {
    ...env,
    // Do not open a browser; the sandbox prints the URL and the tests bring their own.
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: contextFile,
    // Its default is ./devTools/ under the current folder; keep it in the work folder.
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    M365_AGENTS_PLAYGROUND_RECORDING_FILE: path.join(workDir, 'events-recording.json'),
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Negative pid: the whole process group, in case the playground starts helpers of its own.
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Starts the Microsoft 365 Agents Playground (a Teams-like chat, fully offline) pointed at the bot,
 * on loopback only, with the sandbox's tenant and made-up users. Resolves once its page answers.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const { logger } = options;
  await mkdir(options.workDir, { recursive: true });
  const contextFile = path.join(options.workDir, '.m365agentsplayground.yml');
  const logFile = path.join(options.workDir, 'playground.log');
  await writeFile(contextFile, playgroundContextFile(options.tenantId));

  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const preload = pathToFileURL(path.join(__dirname, 'playgroundPreload.mjs')).href;
  const args = [
    ...['--import', preload, cli],
    ...['--app-endpoint', options.botEndpoint, '--channel-id', 'msteams'],
    ...['--port', String(options.port), '--disable-telemetry'],
  ];
  const child = spawn(process.execPath, args, {
    cwd: options.workDir,
    env: playgroundEnvironment(options.workDir, contextFile, logFile),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });

  const tail: string[] = [];
  const outputTail = () => tail.join('\n');
  let announcePort: (port: number) => void = () => undefined;
  const announced = new Promise<number>((resolve) => (announcePort = resolve));
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      const match = listeningLine.exec(line);
      if (match) announcePort(Number(match[1]));
    });
  }

  let ready = false;
  let stopping = false;
  const exited = new AbortController();
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited.abort(new Error(`The playground exited (code ${code}, signal ${signal}).`));
      resolve();
      // While starting, an exit is reported by the start itself (below).
      if (ready && !stopping) {
        logger.error('playground exited', { code: code ?? String(signal) });
        options.onUnexpectedExit?.(code);
      }
    });
  });
  const failedToSpawn = once(child, 'error').then(([err]) => Promise.reject(err as Error));

  const stop = async (): Promise<void> => {
    stopping = true;
    if (child.pid === undefined) return; // never started: nothing to wait for
    signalGroup(child, 'SIGTERM');
    const graceful = await Promise.race([
      exit.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(resolve, stopGraceMs, false).unref()),
    ]);
    if (!graceful) {
      logger.warn('playground did not stop in time; killing it', { durationMs: stopGraceMs });
      signalGroup(child, 'SIGKILL');
      await exit;
    }
    child.stdout?.destroy();
    child.stderr?.destroy();
  };

  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const gaveUp = new Promise<never>((_resolve, reject) => {
      exited.signal.addEventListener('abort', () => reject(exited.signal.reason as Error));
      timer = setTimeout(
        () => reject(new Error(`no port announced after ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    const port = await Promise.race([announced, gaveUp, failedToSpawn]);
    clearTimeout(timer);
    const url = `http://127.0.0.1:${port}/`;
    await waitForUrl(url, {
      timeoutMs: Math.max(1_000, timeoutMs - (Date.now() - started)),
      signal: exited.signal,
    });
    logger.info('playground ready', { port, url, durationMs: Date.now() - started });
    ready = true;
    return { name: 'playground', url, pid: child.pid ?? -1, logFile, outputTail, stop };
  } catch (err) {
    clearTimeout(timer);
    await stop();
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`The Agents Playground did not start: ${reason}\n${outputTail()}`, {
      cause: err,
    });
  }
}
