/**
 * The schema is versioned with user_version: new files reach the latest version, reopening is
 * a no-op, an older file is upgraded without losing data, and a failed step changes nothing.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { StoreError } from '../../src/core/errors';
import { latestVersion, migrate, MIGRATIONS, schemaVersion, type Migration } from '../../src/store/migrations';
import { openDatabase } from '../../src/store/sqlite';
import { SqliteReportStore } from '../../src/store/sqlite-reports';
import { SqliteSessionStore } from '../../src/store/sqlite-sessions';
import { makeDraft, makeSession, makeTempDir } from './fixtures';

let temp: ReturnType<typeof makeTempDir>;
let file: string;
const opened: BetterSqlite3.Database[] = [];
const track = (db: BetterSqlite3.Database) => (opened.push(db), db);

beforeEach(() => {
  temp = makeTempDir();
  file = path.join(temp.dir, 'safestep.db');
});
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  temp.cleanup();
});

function tables(db: BetterSqlite3.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') ORDER BY name").pluck().all() as string[];
}

describe('migrations', () => {
  it('are numbered 1, 2, 3 … with no gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, i) => i + 1));
  });

  it('bring a new file to the latest version with both tables and their indexes', () => {
    const db = track(openDatabase(file));
    expect(schemaVersion(db)).toBe(latestVersion());
    expect(tables(db)).toEqual(expect.arrayContaining(['reports', 'reports_created_at', 'reports_setting_id', 'sessions']));
  });

  it('do nothing on reopen (idempotent)', () => {
    const first = openDatabase(file);
    new SqliteReportStore(first).file(makeDraft());
    first.close();
    const db = track(openDatabase(file));
    migrate(db);
    expect(schemaVersion(db)).toBe(latestVersion());
    expect(new SqliteReportStore(db).list()).toHaveLength(1);
  });

  it('upgrade a file at version 1 to the latest, keeping its sessions', () => {
    const old = new BetterSqlite3(file);
    migrate(old, MIGRATIONS.slice(0, 1));
    expect(schemaVersion(old)).toBe(1);
    new SqliteSessionStore(old).save(makeSession('kept'));
    old.close();

    const db = track(openDatabase(file));
    expect(schemaVersion(db)).toBe(latestVersion());
    expect(new SqliteSessionStore(db).load('kept')).toEqual(makeSession('kept'));
    expect(new SqliteReportStore(db).file(makeDraft()).reference).toBe('SS-2025-0001');
  });

  it('roll back a failing step, leaving the file at the last good version', () => {
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, description: 'half good', sql: 'CREATE TABLE extra (x); SELECT * FROM nowhere;' },
    ];
    const db = track(new BetterSqlite3(file));
    expect(() => migrate(db, broken)).toThrow(/no such table/);
    expect(schemaVersion(db)).toBe(latestVersion());
    expect(tables(db)).not.toContain('extra');
  });

  it('refuse a file written by a newer SafeStep, as store_open_error naming the path', () => {
    const newer = new BetterSqlite3(file);
    newer.pragma(`user_version = ${latestVersion() + 1}`);
    newer.close();
    let thrown: unknown;
    try {
      openDatabase(file);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(StoreError);
    expect(thrown).toMatchObject({ code: 'store_open_error', message: expect.stringContaining(file) });
    expect((thrown as Error).message).toContain('newer');
  });

  it('reject a misnumbered list before touching the database', () => {
    const db = track(new BetterSqlite3(file));
    expect(() => migrate(db, [{ version: 2, description: 'gap', sql: 'CREATE TABLE t (x)' }])).toThrow(/numbered/);
    expect(schemaVersion(db)).toBe(0);
  });
});
