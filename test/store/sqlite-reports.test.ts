/**
 * SqliteReportStore passes the ReportStore contract on a real file, keeps numbering across
 * reopens and connections, commits before returning, and turns every failed write into
 * store_write_error with nothing half-written.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { StoreError } from '../../src/core/errors';
import { openDatabase, type Database } from '../../src/store/sqlite';
import { SqliteReportStore } from '../../src/store/sqlite-reports';
import { describeReportStore } from './contracts';
import { makeDraft, makeTempDir } from './fixtures';

let temp: ReturnType<typeof makeTempDir>;
let file: string;
const opened: BetterSqlite3.Database[] = [];

/** A connection that is closed after the test. */
function track<D extends BetterSqlite3.Database>(db: D): D {
  opened.push(db);
  return db;
}

beforeEach(() => {
  temp = makeTempDir();
  file = path.join(temp.dir, 'safestep.db');
});
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  temp.cleanup();
});

describeReportStore('SqliteReportStore', {
  create: () => new SqliteReportStore(track(openDatabase(file))),
  release: () => undefined,
});

/** The error `fn` throws (fails the test if it throws nothing). */
function thrownBy(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StoreError) return err;
    throw err;
  }
  throw new Error('expected a StoreError');
}

function countReports(db: Database): number {
  return db.prepare('SELECT COUNT(*) FROM reports').pluck().get() as number;
}

describe('SqliteReportStore on disk', () => {
  it('continues the numbering after the database is closed and reopened', () => {
    const first = openDatabase(file);
    new SqliteReportStore(first).file(makeDraft());
    new SqliteReportStore(first).file(makeDraft());
    first.close();
    const store = new SqliteReportStore(track(openDatabase(file)));
    expect(store.file(makeDraft()).reference).toBe('SS-2025-0003');
    expect(store.list().map((r) => r.reference)).toEqual(['SS-2025-0003', 'SS-2025-0002', 'SS-2025-0001']);
  });

  it('shares one sequence between two connections (two processes on one file)', () => {
    const a = new SqliteReportStore(track(openDatabase(file)));
    const b = new SqliteReportStore(track(openDatabase(file)));
    expect([a, b, a, b].map((s) => s.file(makeDraft()).reference)).toEqual([
      'SS-2025-0001',
      'SS-2025-0002',
      'SS-2025-0003',
      'SS-2025-0004',
    ]);
  });

  it('has committed the report by the time file returns (another connection sees it)', () => {
    const store = new SqliteReportStore(track(openDatabase(file)));
    const { reference } = store.file(makeDraft({ urgency: 'immediate' }));
    const reader = track(new BetterSqlite3(file, { readonly: true }));
    expect(reader.prepare('SELECT reference, year, seq, setting_id, flow_id, urgency, reporter_id FROM reports').all()).toEqual([
      {
        reference,
        year: 2025,
        seq: 1,
        setting_id: 'oak-primary',
        flow_id: 'nude-image-shared',
        urgency: 'immediate',
        reporter_id: 'U-TA-1',
      },
    ]);
  });

  it('runs in WAL mode with full sync, foreign keys and a busy timeout', () => {
    const db = track(openDatabase(file));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });
});

describe('SqliteReportStore write failures', () => {
  it('rolls back a failure after the insert: store_write_error, no row, no gap in numbering', () => {
    const db = track(openDatabase(file));
    const store = new SqliteReportStore(db);
    const saboteur = track(new BetterSqlite3(file));
    saboteur.exec(`CREATE TRIGGER fail_after_insert AFTER INSERT ON reports
                   BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;`);

    const draft = makeDraft({ firstMessage: 'Child A said something private' });
    const err = thrownBy(() => store.file(draft));
    expect(err.code).toBe('store_write_error');
    expect(err.message).not.toContain('Child A');
    expect(err.message).not.toContain('simulated failure');
    expect(countReports(saboteur)).toBe(0);

    saboteur.exec('DROP TRIGGER fail_after_insert');
    expect(store.file(draft).reference).toBe('SS-2025-0001');
  });

  it('reports a table that has gone as store_write_error', () => {
    const store = new SqliteReportStore(track(openDatabase(file)));
    store.file(makeDraft());
    track(new BetterSqlite3(file)).exec('DROP TABLE reports');
    expect(thrownBy(() => store.file(makeDraft())).code).toBe('store_write_error');
  });

  it('reports a database locked by another writer as store_write_error (SQLITE_BUSY)', () => {
    const db = track(openDatabase(file));
    db.pragma('busy_timeout = 20');
    const store = new SqliteReportStore(db);
    const other = track(new BetterSqlite3(file));
    other.exec('BEGIN IMMEDIATE');
    other.prepare("INSERT INTO sessions VALUES ('c', '{}', 'now')").run();

    const err = thrownBy(() => store.file(makeDraft()));
    expect(err).toMatchObject({ code: 'store_write_error', message: expect.stringContaining('SQLITE_BUSY') });
    other.exec('ROLLBACK');
    expect(countReports(db)).toBe(0);
    expect(store.file(makeDraft()).reference).toBe('SS-2025-0001');
  });

  it('reports a closed connection as store_write_error', () => {
    const db = openDatabase(file);
    const store = new SqliteReportStore(db);
    db.close();
    expect(thrownBy(() => store.file(makeDraft())).code).toBe('store_write_error');
  });
});
