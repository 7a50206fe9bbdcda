import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface BotProcess {
  readonly base: string;
  readonly port: number;
  /** Everything the process wrote (stdout and stderr), for log checks. */
  output(): string;
  /** Log lines at error level or above. */
  errorLines(): string[];
  alive(): boolean;
  /** SIGKILL: no shutdown code runs (kill -9). */
  kill9(): Promise<void>;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
}

/** Starts `node dist/index.js` (the built bot, as App Service runs it) with the given settings. */
export async function startBot(env: Record<string, string>, port = 0): Promise<BotProcess> {
  // RELIABILITY_BOT_ENTRY runs another build (e.g. an older commit's, to compare idle costs).
  const entry = path.resolve(process.env.RELIABILITY_BOT_ENTRY ?? path.join('dist', 'index.js'));
  const child: ChildProcess = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const listening = new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = /"port":(\d+)[^\n]*"msg":"listening"|"msg":"listening"[^\n]*"port":(\d+)/.exec(
        text,
      );
      if (match) resolve(Number(match[1] ?? match[2]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    void exit.then(() => reject(new Error(`bot exited before listening:\n${text.slice(-2000)}`)));
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const boundPort = await listening.finally(() => clearTimeout(timer));
  return {
    base: `http://127.0.0.1:${boundPort}`,
    port: boundPort,
    output: () => text,
    errorLines: () => text.split('\n').filter((line) => /"level":(50|60)/.test(line)),
    alive: () => !exited,
    kill9: async () => {
      if (!exited) child.kill('SIGKILL');
      await exit;
    },
    stop: async () => {
      if (!exited) child.kill('SIGTERM');
      await exit;
    },
  };
}
