/**
 * The record is append-only in the database itself: a filed report cannot be edited or deleted,
 * an acknowledgement cannot be changed, and case entries and audit lines can be neither changed
 * nor deleted — whoever writes the SQL. Only a sealed data column may be rewritten (key rotation).
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openStores } from '../../src/store/open-stores';
import { makeDraft, makeTempDir } from './fixtures';

let temp: ReturnType<typeof makeTempDir>;
afterEach(() => temp.cleanup());

test('reports, acknowledgements, case entries and the audit trail refuse every edit and delete', () => {
  temp = makeTempDir();
  const dbPath = path.join(temp.dir, 'safestep.db');
  const stores = openStores(dbPath);
  const r = stores.reports.file(makeDraft());
  stores.reports.acknowledge(r.reference, 'slack:U0DSL', '2026-01-01T10:00:00.000Z');
  stores.cases.add({ reference: r.reference, kind: 'note', by: 'slack:U0DSL', at: '2026-01-01T11:00:00.000Z', text: 'first' });
  stores.audit.record({ at: '2026-01-01T11:00:00.000Z', who: 'slack:U0DSL', where: 'slack', what: 'view', reference: r.reference, result: 'ok' });
  // A second acknowledgement through the store changes nothing.
  expect(stores.reports.acknowledge(r.reference, 'slack:U0OTHER', '2026-01-02T10:00:00.000Z')?.acknowledgedBy).toBe('slack:U0DSL');
  stores.close();

  const db = new BetterSqlite3(dbPath);
  const refused = [
    `DELETE FROM reports`,
    `UPDATE reports SET urgency = 'routine'`,
    `UPDATE reports SET created_at = '2020-01-01'`,
    `UPDATE reports SET acknowledged_by = 'slack:U0OTHER'`,
    `DELETE FROM case_entries`,
    `UPDATE case_entries SET at = '2020-01-01'`,
    `UPDATE case_entries SET kind = 'outcome'`,
    `DELETE FROM audit_log`,
    `UPDATE audit_log SET result = 'ok'`,
  ];
  for (const sql of refused) expect(() => db.exec(sql)).toThrow(/append-only|never edited|never deleted|never changed/);
  expect(db.prepare('SELECT COUNT(*) FROM case_entries').pluck().get()).toBe(1);
  expect(db.prepare('SELECT acknowledged_by FROM reports').pluck().get()).toBe('slack:U0DSL');
  db.close();
});
