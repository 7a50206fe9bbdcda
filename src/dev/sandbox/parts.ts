import type { Logger } from '../../logging/logger';

/** Something the sandbox started and must stop: the store, the bot, the playground, … */
export interface RunningPart {
  readonly name: string;
  stop(): Promise<void>;
}

/**
 * Starts parts one after another and stops them in reverse order, so each part can use the ones
 * started before it (the bot needs the store; the playground needs the bot). If a part fails to
 * start, the ones already running are stopped before the error is passed on.
 */
export class PartStack {
  private readonly running: RunningPart[] = [];
  private stopping: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {}

  async start<T extends RunningPart>(name: string, starter: () => Promise<T>): Promise<T> {
    if (this.stopping) throw new Error(`Cannot start ${name}: the sandbox is stopping.`);
    const started = Date.now();
    try {
      const part = await starter();
      this.running.push(part);
      this.logger.info('part started', { event: part.name, durationMs: Date.now() - started });
      return part;
    } catch (err) {
      this.logger.error('part failed to start', { event: name }, err);
      await this.stopAll();
      throw err;
    }
  }

  /** Stops every running part, newest first. A part that fails to stop does not stop the rest. */
  stopAll(): Promise<void> {
    this.stopping ??= this.stopInReverse();
    return this.stopping;
  }

  private async stopInReverse(): Promise<void> {
    for (const part of this.running.splice(0).reverse()) {
      const started = Date.now();
      try {
        await part.stop();
        this.logger.info('part stopped', { event: part.name, durationMs: Date.now() - started });
      } catch (err) {
        this.logger.error('part failed to stop', { event: part.name }, err);
      }
    }
  }
}
