/**
 * Background work that runs every so often (the outbox, reminders, account
 * checks): one pass at a time, the next scheduled when the last finishes, so
 * a slow pass never overlaps itself. stop() cancels the next pass and waits
 * for the one in hand, so the database can close under it safely. Timers are
 * unref'd: background work never keeps a finished process alive.
 */
export interface PeriodicTaskOptions {
  work: () => Promise<unknown>;
  intervalMs: number;
  /** Delay before the first pass (default: at once). */
  firstAfterMs?: number;
  onError: (err: unknown) => void;
}

export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly options: PeriodicTaskOptions) {}

  /** True before start() and once stop() was called: long passes check it to give up early. */
  get isStopped(): boolean {
    return this.stopped;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(this.options.firstAfterMs ?? 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.options
        .work()
        .then(() => undefined, this.options.onError)
        .finally(() => {
          this.running = undefined;
          this.schedule(this.options.intervalMs);
        });
    }, ms);
    this.timer.unref?.();
  }
}
