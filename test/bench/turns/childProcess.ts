import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A bench part in its own process: forked with tsx, spoken to over the IPC channel. */
export interface BenchChild {
  readonly process: ChildProcess;
  /** Sends `{ type }` and resolves with the child's answer of the same type. */
  ask<T>(type: string): Promise<T>;
  stop(): Promise<void>;
}

/** The first message from a child is `{ type: 'ready', ... }`; anything else is an answer. */
export async function forkChild<Ready>(
  file: string,
  env: Record<string, string> = {},
): Promise<{ child: BenchChild; ready: Ready }> {
  const proc = fork(file, [], {
    execArgv: ['--require', 'tsx/cjs'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<string, (value: unknown) => void>();
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const ready = await new Promise<Ready>((resolve, reject) => {
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`${file} exited (${code}) before it was ready`)));
    proc.on('message', (message: { type: string }) => {
      if (message.type === 'ready') resolve(message as Ready);
      waiting.get(message.type)?.(message);
      waiting.delete(message.type);
    });
  });
  return {
    ready,
    child: {
      process: proc,
      ask: <T>(type: string) =>
        new Promise<T>((resolve) => {
          waiting.set(type, resolve as (value: unknown) => void);
          proc.send({ type });
        }),
      stop: async () => {
        if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
        await exited;
      },
    },
  };
}

/** For child processes: answers the parent's questions by type until it disconnects. */
export function answerParent(answers: Record<string, () => object>, onStop: () => void): void {
  process.on('message', (message: { type: string }) => {
    const answer = answers[message.type];
    if (answer) process.send?.({ type: message.type, ...answer() });
  });
  process.once('SIGTERM', onStop);
  process.once('disconnect', onStop);
}

const clockTicksPerSecond = 100;

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / clockTicksPerSecond;
}

/** Resident set size now, in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb === undefined ? NaN : Number(kb) / 1024;
}
