/**
 * Case entries and the audit trail in SQLite (see core/case/model.ts). Insert only: the tables'
 * triggers refuse any update or delete. The typed parts of an entry (text, assignee, the
 * author's name) live in its `data` column, sealed by the cipher when one is given.
 */
import type { Statement } from 'better-sqlite3';
import type { AuditEntry, AuditStore, CaseEntry, CaseStore, NewEntry } from '../core/case/model';
import { PLAIN_DATA, type DataSeal } from './data-seal';
import type { Database } from './sqlite';
import { toStoreError } from './store-error';

interface EntryRow {
  id: number;
  reference: string;
  kind: CaseEntry['kind'];
  by_who: string;
  at: string;
  data: string;
}

type EntryData = Omit<CaseEntry, 'id' | 'reference' | 'kind' | 'by' | 'at'>;

/** CaseStore on an open, migrated database. */
export class SqliteCaseStore implements CaseStore {
  private readonly insert: Statement<[string, string, string, string, string]>;
  private readonly byReference: Statement<[string], EntryRow>;

  constructor(db: Database, private readonly seal: DataSeal = PLAIN_DATA) {
    this.insert = db.prepare('INSERT INTO case_entries (reference, kind, by_who, at, data) VALUES (?, ?, ?, ?, ?)');
    this.byReference = db.prepare('SELECT id, reference, kind, by_who, at, data FROM case_entries WHERE reference = ? ORDER BY id');
  }

  add(entry: NewEntry): CaseEntry {
    const { reference, kind, by, at, ...data } = entry;
    try {
      const id = Number(this.insert.run(reference, kind, by, at, this.seal.seal(JSON.stringify(data))).lastInsertRowid);
      return { id, ...entry };
    } catch (err) {
      throw toStoreError('store_write_error', 'The entry could not be saved', err);
    }
  }

  forReport(reference: string): CaseEntry[] {
    return this.byReference.all(reference).map((r) => ({
      id: r.id,
      reference: r.reference,
      kind: r.kind,
      by: r.by_who,
      at: r.at,
      ...(JSON.parse(this.seal.open(r.data)) as EntryData),
    }));
  }
}

interface AuditRow {
  id: number;
  at: string;
  who: string;
  place: string;
  what: string;
  reference: string | null;
  result: AuditEntry['result'];
}

/** AuditStore on an open, migrated database. */
export class SqliteAuditStore implements AuditStore {
  private readonly insert: Statement<[string, string, string, string, string | null, string]>;
  private readonly byReference: Statement<[string], AuditRow>;

  constructor(db: Database) {
    this.insert = db.prepare('INSERT INTO audit_log (at, who, place, what, reference, result) VALUES (?, ?, ?, ?, ?, ?)');
    this.byReference = db.prepare('SELECT id, at, who, place, what, reference, result FROM audit_log WHERE reference = ? ORDER BY id');
  }

  record(e: Omit<AuditEntry, 'id'>): void {
    try {
      this.insert.run(e.at, e.who, e.where, e.what, e.reference ?? null, e.result);
    } catch (err) {
      throw toStoreError('store_write_error', 'The audit entry could not be saved', err);
    }
  }

  forReport(reference: string): AuditEntry[] {
    return this.byReference.all(reference).map((r) => ({
      id: r.id,
      at: r.at,
      who: r.who,
      where: r.place,
      what: r.what,
      ...(r.reference !== null ? { reference: r.reference } : {}),
      result: r.result,
    }));
  }
}
