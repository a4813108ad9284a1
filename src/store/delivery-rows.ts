/**
 * A deliveries row as both databases store it, and the Delivery it is. Shared by the SQLite and
 * PostgreSQL stores so the two can never read a row differently.
 */
import type { Delivery, DeliveryPurpose } from '../core/delivery';

/** One row of the `deliveries` table. */
export interface DeliveryRow {
  id: number;
  reference: string;
  channel: string;
  target: string;
  purpose: DeliveryPurpose;
  status: Delivery['status'];
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  sent_at: string | null;
  leases: number;
}

/** The Delivery a row holds. */
export function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    reference: r.reference,
    channel: r.channel,
    target: r.target,
    purpose: r.purpose,
    status: r.status,
    attempts: r.attempts,
    ...(r.last_error ? { lastError: r.last_error } : {}),
    ...(r.next_attempt_at ? { nextAttemptAt: r.next_attempt_at } : {}),
    createdAt: r.created_at,
    ...(r.sent_at ? { sentAt: r.sent_at } : {}),
    ...(r.leases > 0 ? { leases: Number(r.leases) } : {}),
  };
}
