/**
 * Periodic background work (the outbox's retries, quiz reminders, the daily desk): runs `work`
 * every `everyMs` until stopped, without keeping the process alive on its own account. With a
 * claim (servers sharing one database), each interval's work runs on one server only: the first
 * to claim (name, interval number) runs it, the others skip that interval.
 */
import type { TickClaims } from './ports';

/** Makes a ticker's work run once per deployment per interval. */
export interface TickClaim {
  name: string;
  claims: TickClaims;
  clock?: () => Date;
}

export class Ticker {
  private timer?: NodeJS.Timeout;

  constructor(private readonly claim?: TickClaim) {}

  /** Starts ticking (once; a second start is ignored); `now` also runs `work` at once. */
  start(work: () => void, everyMs: number, now = false): void {
    if (this.timer) return;
    const claimed = () => {
      if (this.mine(everyMs)) work();
    };
    if (now) claimed();
    this.timer = setInterval(claimed, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** True when this server should do this interval's work (always, without a claim). */
  private mine(everyMs: number): boolean {
    if (!this.claim) return true;
    const at = (this.claim.clock ?? (() => new Date()))();
    try {
      return this.claim.claims.claim(this.claim.name, String(Math.floor(at.getTime() / everyMs)), at.toISOString());
    } catch {
      // The database is unreachable: skip this interval rather than risk doing it twice.
      return false;
    }
  }
}
