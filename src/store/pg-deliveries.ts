/**
 * Deliveries in PostgreSQL (see core/delivery.ts). Servers sharing the database each drain the
 * outbox: `claimDue` leases rows with FOR UPDATE SKIP LOCKED (two servers never take the same
 * row, neither waits for the other), and a lease that outlives its server (killed mid-send)
 * expires, so another server finishes the delivery.
 */
import type { Delivery, DeliveryPurpose, DeliveryStore } from '../core/delivery';
import { toDelivery, type DeliveryRow } from './delivery-rows';
import type { SyncPg } from './pg-sync';
import { toStoreError } from './store-error';

const DUE = `(status = 'pending' OR (status = 'failed' AND next_attempt_at IS NOT NULL AND next_attempt_at <= $1))`;
const FREE = '(claimed_until IS NULL OR claimed_until <= $1)';
/** At most this many rows per claim (the rest wait for the next tick). */
const CLAIM_BATCH = 200;

export class PgDeliveryStore implements DeliveryStore {
  constructor(private readonly db: SyncPg) {}

  add(d: { reference: string; channel: string; target: string; purpose: DeliveryPurpose; at: string }): Delivery {
    try {
      const row = this.db.one<{ id: number }>(
        `INSERT INTO deliveries (reference, channel, target, purpose, status, created_at) VALUES ($1, $2, $3, $4, 'pending', $5) RETURNING id`,
        [d.reference, d.channel, d.target, d.purpose, d.at],
      )!;
      return { ...d, id: row.id, status: 'pending', attempts: 0, createdAt: d.at };
    } catch (err) {
      throw toStoreError('store_write_error', 'Could not record a delivery', err);
    }
  }

  markSent(id: number, at: string): void {
    this.write(`UPDATE deliveries SET status = 'sent', attempts = attempts + 1, sent_at = $1, next_attempt_at = NULL, last_error = NULL, claimed_until = NULL WHERE id = $2`, [at, id]);
  }

  markFailed(id: number, error: string, retryAt: string | undefined): void {
    this.write(`UPDATE deliveries SET status = 'failed', attempts = attempts + 1, last_error = $1, next_attempt_at = $2, claimed_until = NULL WHERE id = $3`, [error, retryAt ?? null, id]);
  }

  due(at: string): Delivery[] {
    return this.db.query<DeliveryRow>(`SELECT * FROM deliveries WHERE ${DUE} ORDER BY id`, [at]).map(toDelivery);
  }

  forReport(reference: string): Delivery[] {
    return this.db.query<DeliveryRow>('SELECT * FROM deliveries WHERE reference = $1 ORDER BY id', [reference]).map(toDelivery);
  }

  claim(id: number, at: string, until: string): boolean {
    try {
      return this.db.run(`UPDATE deliveries SET claimed_until = $2, leases = leases + 1 WHERE id = $3 AND ${DUE} AND ${FREE}`, [at, until, id]) === 1;
    } catch (err) {
      throw toStoreError('store_write_error', 'Could not claim a delivery', err);
    }
  }

  claimDue(at: string, until: string): Delivery[] {
    try {
      const rows = this.db.query<DeliveryRow>(
        `UPDATE deliveries SET claimed_until = $2, leases = leases + 1 WHERE id IN (
           SELECT id FROM deliveries WHERE ${DUE} AND ${FREE} ORDER BY id LIMIT ${CLAIM_BATCH} FOR UPDATE SKIP LOCKED
         ) RETURNING *`,
        [at, until],
      );
      return rows.sort((a, b) => a.id - b.id).map(toDelivery);
    } catch (err) {
      throw toStoreError('store_write_error', 'Could not claim deliveries', err);
    }
  }

  private write(sql: string, params: (string | number | null)[]): void {
    try {
      this.db.run(sql, params);
    } catch (err) {
      throw toStoreError('store_write_error', 'Could not update a delivery', err);
    }
  }
}
