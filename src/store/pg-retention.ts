/**
 * Retention and legal holds in PostgreSQL (see core/case/retention.ts). A report is deleted only
 * here, in one transaction that grants itself a permit (the triggers refuse any other delete, and
 * any delete of a report on hold). Hold reasons are sealed like everything typed.
 */
import type { HoldEvent, RetentionStore } from '../core/case/retention';
import { PLAIN_DATA, type DataSeal } from './data-seal';
import type { SyncPg } from './pg-sync';
import { toStoreError } from './store-error';

export class PgRetentionStore implements RetentionStore {
  constructor(private readonly db: SyncPg, private readonly seal: DataSeal = PLAIN_DATA) {}

  addHold(e: Omit<HoldEvent, 'id'>): HoldEvent {
    try {
      const row = this.db.one<{ id: number }>('INSERT INTO report_holds (reference, kind, by_who, at, data) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
        e.reference, e.kind, e.by, e.at, this.seal.seal(JSON.stringify({ reason: e.reason })),
      ])!;
      return { id: row.id, ...e };
    } catch (err) {
      throw toStoreError('store_write_error', 'The legal hold could not be saved', err);
    }
  }

  holds(reference: string): HoldEvent[] {
    const rows = this.db.query<{ id: number; reference: string; kind: HoldEvent['kind']; by_who: string; at: string; data: string }>(
      'SELECT id, reference, kind, by_who, at, data FROM report_holds WHERE reference = $1 ORDER BY id',
      [reference],
    );
    return rows.map((r) => ({ id: r.id, reference: r.reference, kind: r.kind, by: r.by_who, at: r.at, reason: (JSON.parse(this.seal.open(r.data)) as { reason: string }).reason }));
  }

  purgeSessions(before: string): number {
    try {
      return this.db.run('DELETE FROM sessions WHERE updated_at < $1', [before]);
    } catch (err) {
      throw toStoreError('store_write_error', 'Old conversations could not be purged', err);
    }
  }

  deleteReport(reference: string): void {
    try {
      this.db.transaction(() => {
        this.db.run('INSERT INTO retention_permits (reference) VALUES ($1)', [reference]);
        this.db.run('DELETE FROM deliveries WHERE reference = $1', [reference]);
        this.db.run('DELETE FROM case_entries WHERE reference = $1', [reference]);
        this.db.run('DELETE FROM reports WHERE reference = $1', [reference]);
        this.db.run('DELETE FROM retention_permits WHERE reference = $1', [reference]);
      });
    } catch (err) {
      throw toStoreError('store_write_error', `Report ${reference} could not be removed`, err);
    }
  }
}
