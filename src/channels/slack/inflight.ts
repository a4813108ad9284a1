/**
 * Work started after Slack was acknowledged (a turn, an acknowledgement, a modal), tracked so
 * stopping SafeStep waits for it before the database closes.
 */
export class Inflight {
  private readonly running = new Set<Promise<unknown>>();

  /** Tracks `work` until it settles; returns it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const done = () => this.running.delete(work);
    work.then(done, done);
    return work;
  }

  /** Resolves once nothing is running (including work started while waiting). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
