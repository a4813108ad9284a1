/**
 * Deliveries in SQLite (see core/delivery.ts). Every write is its own committed statement; a
 * failure to record a delivery surfaces as store_write_error.
 */
import type { Database } from 'better-sqlite3';
import type { Delivery, DeliveryPurpose, DeliveryStore } from '../core/delivery';
import { toDelivery, type DeliveryRow } from './delivery-rows';
import { toStoreError } from './store-error';

/** Still to be sent at @at: pending, or failed with a retry time reached. */
const DUE = `(status = 'pending' OR (status = 'failed' AND next_attempt_at IS NOT NULL AND next_attempt_at <= @at))`;
/** Nobody holds a lease on it at @at. */
const FREE = '(claimed_until IS NULL OR claimed_until <= @at)';

export class SqliteDeliveryStore implements DeliveryStore {
  constructor(private readonly db: Database) {}

  add(d: { reference: string; channel: string; target: string; purpose: DeliveryPurpose; at: string }): Delivery {
    try {
      const info = this.db
        .prepare(`INSERT INTO deliveries (reference, channel, target, purpose, status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)`)
        .run(d.reference, d.channel, d.target, d.purpose, d.at);
      return { ...d, id: Number(info.lastInsertRowid), status: 'pending', attempts: 0, createdAt: d.at };
    } catch (err) {
      throw toStoreError('store_write_error', 'Could not record a delivery', err);
    }
  }

  markSent(id: number, at: string): void {
    this.write(`UPDATE deliveries SET status = 'sent', attempts = attempts + 1, sent_at = ?, next_attempt_at = NULL, last_error = NULL, claimed_until = NULL WHERE id = ?`, at, id);
  }

  markFailed(id: number, error: string, retryAt: string | undefined): void {
    this.write(`UPDATE deliveries SET status = 'failed', attempts = attempts + 1, last_error = ?, next_attempt_at = ?, claimed_until = NULL WHERE id = ?`, error, retryAt ?? null, id);
  }

  due(at: string): Delivery[] {
    const rows = this.db.prepare(`SELECT * FROM deliveries WHERE ${DUE} ORDER BY id`).all({ at }) as DeliveryRow[];
    return rows.map(toDelivery);
  }

  claim(id: number, at: string, until: string): boolean {
    try {
      return this.db.prepare(`UPDATE deliveries SET claimed_until = @until, leases = leases + 1 WHERE id = @id AND ${DUE} AND ${FREE}`).run({ id, at, until }).changes === 1;
    } catch (err) {
      throw toStoreError('store_write_error', 'Could not claim a delivery', err);
    }
  }

  claimDue(at: string, until: string): Delivery[] {
    try {
      // A read first, so a tick with nothing due takes no write lock; then one statement, made
      // atomic against any other process on the file by SQLite's write lock.
      if (this.db.prepare(`SELECT 1 FROM deliveries WHERE ${DUE} AND ${FREE} LIMIT 1`).get({ at }) === undefined) return [];
      const rows = this.db.prepare(`UPDATE deliveries SET claimed_until = @until, leases = leases + 1 WHERE ${DUE} AND ${FREE} RETURNING *`).all({ at, until }) as DeliveryRow[];
      return rows.sort((a, b) => a.id - b.id).map(toDelivery);
    } catch (err) {
      throw toStoreError('store_write_error', 'Could not claim deliveries', err);
    }
  }

  forReport(reference: string): Delivery[] {
    return (this.db.prepare(`SELECT * FROM deliveries WHERE reference = ? ORDER BY id`).all(reference) as DeliveryRow[]).map(toDelivery);
  }

  private write(sql: string, ...params: (string | number | null)[]): void {
    try {
      this.db.prepare(sql).run(...params);
    } catch (err) {
      throw toStoreError('store_write_error', 'Could not update a delivery', err);
    }
  }
}
