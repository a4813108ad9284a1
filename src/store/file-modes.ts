/**
 * Owner-only permissions for SafeStep's data: the folder it creates is 0700 and the database
 * files (the .db, its -wal and -shm) are 0600, whatever the umask, because they hold the
 * accounts staff give of what children said. Files are created 0600 before SQLite opens them
 * (SQLite gives -wal and -shm the database file's permissions); files an older version left
 * readable by others are tightened on open. Does nothing to folders SafeStep did not create.
 */
import fs from 'node:fs';
import path from 'node:path';

/** rwx for the owner only. */
export const DATA_DIR_MODE = 0o700;
/** rw for the owner only. */
export const DATABASE_FILE_MODE = 0o600;

/** The files SQLite keeps for a database in WAL mode. */
export const databaseFiles = (dbPath: string): string[] => [dbPath, `${dbPath}-wal`, `${dbPath}-shm`];

/** Creates the database's folder (and any missing parents) 0700; an existing folder is left alone. */
export function makeDataDir(dir: string): void {
  const first = fs.mkdirSync(dir, { recursive: true, mode: DATA_DIR_MODE });
  if (first === undefined) return;
  // mkdir's mode is masked by the umask; set it exactly on every folder this call created.
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    fs.chmodSync(d, DATA_DIR_MODE);
    if (d === path.resolve(first) || d === path.dirname(d)) break;
  }
}

/** Creates the database file empty and 0600 if it does not exist (SQLite treats it as new). */
export function createDatabaseFile(dbPath: string): void {
  try {
    fs.closeSync(fs.openSync(dbPath, 'wx', DATABASE_FILE_MODE));
    fs.chmodSync(dbPath, DATABASE_FILE_MODE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/** Sets 0600 on each existing database file that others (group or world) could read or write. */
export function tightenDatabaseFiles(dbPath: string): void {
  for (const file of databaseFiles(dbPath)) {
    let mode: number;
    try {
      mode = fs.statSync(file).mode;
    } catch {
      continue; // not there (yet): SQLite will create it with the database file's mode
    }
    if ((mode & 0o077) === 0) continue;
    try {
      fs.chmodSync(file, DATABASE_FILE_MODE);
    } catch (err) {
      // Another account's file (e.g. read by the reports command): not ours to change.
      if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
    }
  }
}
