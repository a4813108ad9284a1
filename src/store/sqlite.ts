/**
 * Opens SafeStep's SQLite database, tuned for durability, and migrates it to the latest schema.
 * The folder it creates is 0700 and the database files 0600 (see file-modes.ts).
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { StoreError } from '../core/errors';
import { createDatabaseFile, makeDataDir, tightenDatabaseFiles } from './file-modes';
import { migrate } from './migrations';
import { toStoreError } from './store-error';

/** An open better-sqlite3 connection. */
export type Database = BetterSqlite3.Database;

/** Options for `openDatabase`. */
export interface OpenOptions {
  /** Fail instead of creating the file (and its directory) when it does not exist. */
  fileMustExist?: boolean;
}

/**
 * Opens (creating if needed) the database at `dbPath` and migrates it.
 * Throws StoreError('store_open_error') naming the path, never the contents, on any failure.
 */
export function openDatabase(dbPath: string, options: OpenOptions = {}): Database {
  let db: Database | undefined;
  try {
    const onDisk = dbPath !== ':memory:' && dbPath !== '';
    if (!options.fileMustExist && onDisk) {
      // Owner-only: the folder 0700, the files 0600 (they hold what children said).
      makeDataDir(path.dirname(dbPath));
      createDatabaseFile(dbPath);
    }
    db = new BetterSqlite3(dbPath, { fileMustExist: options.fileMustExist ?? false });
    // WAL: readers (the `reports` command) never block the chat while it writes.
    db.pragma('journal_mode = WAL');
    if (onDisk) tightenDatabaseFiles(dbPath);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss or an OS
    // crash. A report is announced to staff as "filed" once committed, so every commit must be
    // on disk; at a handful of reports a day the extra fsync costs nothing that matters.
    db.pragma('synchronous = FULL');
    migrate(db);
    return db;
  } catch (err) {
    if (db?.open) db.close();
    const sentence = `Could not open the SafeStep database at ${dbPath}`;
    if (err instanceof StoreError) throw new StoreError('store_open_error', `${sentence}: ${err.message}`, { cause: err });
    throw toStoreError('store_open_error', sentence, err);
  }
}
