/**
 * Deliveries: each attempt to tell someone about a report (the DSL team when it is filed, every
 * DSL again when an immediate report is not acknowledged, the reporter when it is). Stored, so a
 * platform failure is retried and stays visible to the DSL instead of being lost in a log.
 */
/** reporter-closed: the reporter told their report is closed (never the outcome); action-overdue: the DSL team's morning reminder. */
export type DeliveryPurpose = 'report-filed' | 'reminder' | 'reporter-ack' | 'reporter-closed' | 'action-overdue';
export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/** One message to one target on one channel about one report. */
export interface Delivery {
  id: number;
  reference: string;
  channel: string;
  target: string;
  purpose: DeliveryPurpose;
  status: DeliveryStatus;
  attempts: number;
  /** A short code or platform error name; never message content. */
  lastError?: string;
  /** When to try again; absent once sent, or when SafeStep has given up. */
  nextAttemptAt?: string;
  createdAt: string;
  sentAt?: string;
  /**
   * How many times a server has leased it to send (the lease just taken included, in a row
   * `claimDue` returns); absent for none. More than one lease means an earlier send may have
   * reached the platform before its server died.
   */
  leases?: number;
}

/** Keeps deliveries. Implemented in SQLite (src/store) with a memory twin. */
export interface DeliveryStore {
  add(d: { reference: string; channel: string; target: string; purpose: DeliveryPurpose; at: string }): Delivery;
  markSent(id: number, at: string): void;
  /** Records a failed attempt; `retryAt` undefined means SafeStep has given up on this one. */
  markFailed(id: number, error: string, retryAt: string | undefined): void;
  /** Deliveries to (re)try now: pending, or failed with a retry time at or before `at`. */
  due(at: string): Delivery[];
  forReport(reference: string): Delivery[];
  /**
   * Takes a lease on one delivery until `until`, so no other server sends it meanwhile: true if
   * it is still to be sent (pending, or failed and due at `at`) and nobody else holds a lease.
   */
  claim(id: number, at: string, until: string): boolean;
  /** Leases (until `until`) and returns the deliveries due at `at` that nobody else holds, oldest first. */
  claimDue(at: string, until: string): Delivery[];
}

/** A one-line summary of a report's deliveries, for the DSL's report list. */
export function deliverySummary(deliveries: readonly Delivery[]): string {
  if (deliveries.length === 0) return 'not sent (no chat channel)';
  const sent = deliveries.filter((d) => d.status === 'sent').length;
  const failed = deliveries.filter((d) => d.status === 'failed');
  const pending = deliveries.filter((d) => d.status === 'pending').length;
  const parts = [`${sent} sent`];
  if (pending > 0) parts.push(`${pending} pending`);
  if (failed.length > 0) {
    const gaveUp = failed.filter((d) => d.nextAttemptAt === undefined).length;
    parts.push(`${failed.length} FAILED${gaveUp > 0 ? ` (${gaveUp} given up)` : ' (retrying)'}`);
  }
  return parts.join(', ');
}
