/** In-memory twins of the case and audit stores (append-only like the SQLite ones), for tests and the fallback. */
import type { AuditEntry, AuditStore, CaseEntry, CaseStore, NewEntry } from '../core/case/model';
import type { HoldEvent, RetentionStore } from '../core/case/retention';

export class MemoryCaseStore implements CaseStore {
  private readonly rows: CaseEntry[] = [];

  add(entry: NewEntry): CaseEntry {
    const row = { id: this.rows.length + 1, ...structuredClone(entry) };
    this.rows.push(row);
    return structuredClone(row);
  }

  forReport(reference: string): CaseEntry[] {
    return this.rows.filter((r) => r.reference === reference).map((r) => structuredClone(r));
  }
}

export class MemoryAuditStore implements AuditStore {
  private readonly rows: AuditEntry[] = [];

  record(entry: Omit<AuditEntry, 'id'>): void {
    this.rows.push({ id: this.rows.length + 1, ...entry });
  }

  forReport(reference: string): AuditEntry[] {
    return this.rows.filter((r) => r.reference === reference).map((r) => ({ ...r }));
  }
}

/** Holds only (the in-memory fallback keeps no conversations or reports worth purging). */
export class MemoryRetentionStore implements RetentionStore {
  private readonly rows: HoldEvent[] = [];

  addHold(e: Omit<HoldEvent, 'id'>): HoldEvent {
    const row = { id: this.rows.length + 1, ...e };
    this.rows.push(row);
    return { ...row };
  }

  holds(reference: string): HoldEvent[] {
    return this.rows.filter((r) => r.reference === reference).map((r) => ({ ...r }));
  }

  purgeSessions(): number {
    return 0;
  }

  deleteReport(): void {
    throw Object.assign(new Error('no reports are kept in memory'), { code: 'store_write_error' });
  }
}
