/**
 * Retention and legal holds in SQLite (see core/case/retention.ts). A report is deleted only here,
 * in one transaction that grants itself a permit (the tables' triggers refuse any other delete,
 * and any delete of a report on hold). Hold reasons are sealed like everything typed.
 */
import type { HoldEvent, RetentionStore } from '../core/case/retention';
import { PLAIN_DATA, type DataSeal } from './data-seal';
import type { Database } from './sqlite';
import { toStoreError } from './store-error';

export class SqliteRetentionStore implements RetentionStore {
  constructor(private readonly db: Database, private readonly seal: DataSeal = PLAIN_DATA) {}

  addHold(e: Omit<HoldEvent, 'id'>): HoldEvent {
    try {
      const info = this.db
        .prepare('INSERT INTO report_holds (reference, kind, by_who, at, data) VALUES (?, ?, ?, ?, ?)')
        .run(e.reference, e.kind, e.by, e.at, this.seal.seal(JSON.stringify({ reason: e.reason })));
      return { id: Number(info.lastInsertRowid), ...e };
    } catch (err) {
      throw toStoreError('store_write_error', 'The legal hold could not be saved', err);
    }
  }

  holds(reference: string): HoldEvent[] {
    const rows = this.db.prepare('SELECT id, reference, kind, by_who, at, data FROM report_holds WHERE reference = ? ORDER BY id').all(reference) as {
      id: number;
      reference: string;
      kind: HoldEvent['kind'];
      by_who: string;
      at: string;
      data: string;
    }[];
    return rows.map((r) => ({ id: r.id, reference: r.reference, kind: r.kind, by: r.by_who, at: r.at, reason: (JSON.parse(this.seal.open(r.data)) as { reason: string }).reason }));
  }

  purgeSessions(before: string): number {
    try {
      return this.db.prepare('DELETE FROM sessions WHERE updated_at < ?').run(before).changes;
    } catch (err) {
      throw toStoreError('store_write_error', 'Old conversations could not be purged', err);
    }
  }

  deleteReport(reference: string): void {
    try {
      this.db
        .transaction(() => {
          this.db.prepare('INSERT INTO retention_permits (reference) VALUES (?)').run(reference);
          this.db.prepare('DELETE FROM deliveries WHERE reference = ?').run(reference);
          this.db.prepare('DELETE FROM case_entries WHERE reference = ?').run(reference);
          this.db.prepare('DELETE FROM reports WHERE reference = ?').run(reference);
          this.db.prepare('DELETE FROM retention_permits WHERE reference = ?').run(reference);
        })
        .immediate();
    } catch (err) {
      throw toStoreError('store_write_error', `Report ${reference} could not be removed`, err);
    }
  }
}
