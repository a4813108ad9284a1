/**
 * Slack redelivers an event it thinks was not received (x-slack-retry-num); the same event id
 * must not become a second message in a conversation. Remembers the most recent event ids here
 * and, when given the database's SeenEvents, across every server sharing it (a retry may reach
 * another server behind the load balancer).
 */

/** The database's record of events already handled (core/ports.ts SeenEvents, by shape). */
export interface SharedIds {
  first(id: string, at: string): boolean;
}

export class RecentIds {
  private readonly seen = new Set<string>();

  constructor(
    private readonly max = 5000,
    private readonly shared?: SharedIds,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** True the first time an id is seen (by any server, with `shared`); false for a repeat. */
  first(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > this.max) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    if (!this.shared) return true;
    try {
      return this.shared.first(id, this.clock().toISOString());
    } catch {
      // The database is unreachable: better a rare repeat than a lost message about a child.
      return true;
    }
  }
}
