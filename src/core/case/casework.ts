/**
 * Writes a report's casework and its audit trail, exactly once: an entry (note, action, outcome,
 * correction) and any message it causes (the reporter told their report is closed — never the
 * outcome) are committed in one transaction, then sent from the outbox. Also the DSL team's
 * morning reminder of overdue actions. Decides nothing about who may act: the host does.
 */
import type { Delivery } from '../delivery';
import type { Clock, Logger, ReportStore, Transaction } from '../ports';
import { isClosed, overdueActions, type AuditEntry, type AuditStore, type CaseEntry, type CaseStore } from './model';
import type { Parsed } from './submission';

/** What the outbox does for casework (the DslNotifier). */
export interface CaseOutbox {
  recordForReporter(report: NonNullable<ReturnType<ReportStore['get']>>, purpose: 'reporter-closed', at: string): Delivery[];
  recordForTeam(reference: string, purpose: 'action-overdue', at: string): Delivery[];
  dispatch(rows: readonly Delivery[]): void;
}

export interface CaseworkDeps {
  reports: ReportStore;
  cases: CaseStore;
  audit: AuditStore;
  deliveries: { forReport(reference: string): Delivery[] };
  transaction: Transaction;
  outbox: CaseOutbox;
  clock: Clock;
  log: Logger;
}

/** What adding an entry did. */
export type AddResult = { kind: 'saved'; entry: CaseEntry; closed: boolean } | { kind: 'already-closed' } | { kind: 'unknown' };

export class Casework {
  constructor(private readonly d: CaseworkDeps) {}

  /** A report's entries, oldest first. */
  entries(reference: string): CaseEntry[] {
    return this.d.cases.forReport(reference);
  }

  /** Adds an entry made by `by` ("channel:id"). An outcome closes the report and tells the reporter so. */
  add(reference: string, by: string, byName: string | undefined, fields: Extract<Parsed, { ok: true }>['fields']): AddResult {
    const report = this.d.reports.get(reference);
    if (!report) return { kind: 'unknown' };
    const at = this.d.clock().toISOString();
    const { result, rows } = this.d.transaction((): { result: AddResult; rows: Delivery[] } => {
      const closed = isClosed(this.d.cases.forReport(reference));
      if (closed && (fields.kind === 'outcome' || fields.kind === 'action')) return { result: { kind: 'already-closed' }, rows: [] };
      const entry = this.d.cases.add({ reference, by, at, ...(byName ? { byName } : {}), ...fields });
      const rows = fields.kind === 'outcome' ? this.d.outbox.recordForReporter(report, 'reporter-closed', at) : [];
      return { result: { kind: 'saved', entry, closed: fields.kind === 'outcome' }, rows };
    });
    this.d.outbox.dispatch(rows);
    if (result.kind === 'saved') this.d.log.info('case_entry_added', { reference, kind: result.entry.kind, id: result.entry.id });
    return result;
  }

  /** Records one line of the audit trail; throws store_write_error if it cannot (the read is then refused). */
  audit(entry: Omit<AuditEntry, 'id' | 'at'>): void {
    this.d.audit.record({ ...entry, at: this.d.clock().toISOString() });
  }

  /** The audit trail of a report, oldest first. */
  auditTrail(reference: string): AuditEntry[] {
    return this.d.audit.forReport(reference);
  }

  /**
   * Reminds the DSL team, once a day, of each open report with an action past its due date.
   * `today` is the local date (YYYY-MM-DD). Returns the references reminded.
   */
  remindOverdue(today: string): string[] {
    const reminded: string[] = [];
    for (const r of this.d.reports.list()) {
      if (overdueActions(this.d.cases.forReport(r.reference), today).length === 0) continue;
      const sentToday = this.d.deliveries.forReport(r.reference).some((x) => x.purpose === 'action-overdue' && x.createdAt.slice(0, 10) === today);
      if (sentToday) continue;
      const rows = this.d.transaction(() => this.d.outbox.recordForTeam(r.reference, 'action-overdue', this.d.clock().toISOString()));
      this.d.outbox.dispatch(rows);
      reminded.push(r.reference);
    }
    return reminded;
  }
}
