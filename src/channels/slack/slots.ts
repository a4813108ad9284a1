/**
 * At most `size` pieces of work at once; the rest wait their turn, first come first served. Slack
 * wants every request acknowledged within 3 s: with the turns that follow the acknowledgements
 * limited, a burst of a thousand staff never starves the acknowledgements of the event loop.
 */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  /** Runs `work` once a slot is free; the slot is released when it settles. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
