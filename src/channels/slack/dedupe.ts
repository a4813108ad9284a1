/**
 * Slack redelivers an event it thinks was not received (x-slack-retry-num); the same event id
 * must not become a second message in a conversation. Remembers the most recent event ids.
 */
export class RecentIds {
  private readonly seen = new Set<string>();

  constructor(private readonly max = 5000) {}

  /** True the first time an id is seen; false for a repeat. */
  first(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > this.max) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }
}
