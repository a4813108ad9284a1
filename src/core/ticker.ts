/**
 * Periodic background work (the outbox's retries, quiz reminders, the daily desk): runs `work`
 * every `everyMs` until stopped, without keeping the process alive on its own account.
 */
export class Ticker {
  private timer?: NodeJS.Timeout;

  /** Starts ticking (once; a second start is ignored); `now` also runs `work` at once. */
  start(work: () => void, everyMs: number, now = false): void {
    if (this.timer) return;
    if (now) work();
    this.timer = setInterval(work, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
