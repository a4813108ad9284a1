/**
 * Case entries and the audit trail in PostgreSQL (see core/case/model.ts). Insert only: the
 * tables' triggers refuse any update or delete. The typed parts of an entry live in its sealed
 * `data` column, exactly as in SQLite.
 */
import type { AuditEntry, AuditStore, CaseEntry, CaseStore, NewEntry } from '../core/case/model';
import { PLAIN_DATA, type DataSeal } from './data-seal';
import type { SyncPg } from './pg-sync';
import { toStoreError } from './store-error';

type EntryData = Omit<CaseEntry, 'id' | 'reference' | 'kind' | 'by' | 'at'>;

export class PgCaseStore implements CaseStore {
  constructor(private readonly db: SyncPg, private readonly seal: DataSeal = PLAIN_DATA) {}

  add(entry: NewEntry): CaseEntry {
    const { reference, kind, by, at, ...data } = entry;
    try {
      const row = this.db.one<{ id: number }>('INSERT INTO case_entries (reference, kind, by_who, at, data) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
        reference, kind, by, at, this.seal.seal(JSON.stringify(data)),
      ])!;
      return { id: row.id, ...entry };
    } catch (err) {
      throw toStoreError('store_write_error', 'The entry could not be saved', err);
    }
  }

  forReport(reference: string): CaseEntry[] {
    const rows = this.db.query<{ id: number; reference: string; kind: CaseEntry['kind']; by_who: string; at: string; data: string }>(
      'SELECT id, reference, kind, by_who, at, data FROM case_entries WHERE reference = $1 ORDER BY id',
      [reference],
    );
    return rows.map((r) => ({ id: r.id, reference: r.reference, kind: r.kind, by: r.by_who, at: r.at, ...(JSON.parse(this.seal.open(r.data)) as EntryData) }));
  }
}

export class PgAuditStore implements AuditStore {
  constructor(private readonly db: SyncPg) {}

  record(e: Omit<AuditEntry, 'id'>): void {
    try {
      this.db.run('INSERT INTO audit_log (at, who, place, what, reference, result) VALUES ($1, $2, $3, $4, $5, $6)', [e.at, e.who, e.where, e.what, e.reference ?? null, e.result]);
    } catch (err) {
      throw toStoreError('store_write_error', 'The audit entry could not be saved', err);
    }
  }

  forReport(reference: string): AuditEntry[] {
    const rows = this.db.query<{ id: number; at: string; who: string; place: string; what: string; reference: string | null; result: AuditEntry['result'] }>(
      'SELECT id, at, who, place, what, reference, result FROM audit_log WHERE reference = $1 ORDER BY id',
      [reference],
    );
    return rows.map((r) => ({ id: r.id, at: r.at, who: r.who, where: r.place, what: r.what, ...(r.reference !== null ? { reference: r.reference } : {}), result: r.result }));
  }
}
