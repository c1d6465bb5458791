/**
 * A background loop: `tick` runs at once, then again `everyMs` after each run ends (never two at a time); errors go to
 * `onError` and the loop goes on. Its timers are unref'd: a loop never keeps a process alive that is shutting down.
 */
export class BackgroundLoop {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly tick: () => Promise<void>,
    private readonly everyMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    if (this.timer) return;
    const loop = async () => {
      await this.tick().catch(this.onError);
      if (this.timer) this.timer = setTimeout(loop, this.everyMs).unref();
    };
    this.timer = setTimeout(loop, 0).unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
