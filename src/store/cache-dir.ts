/**
 * The folder SafeStep keeps derived files in between starts (the router's trained model, the memo
 * of parsed YAML): $SAFESTEP_CACHE_DIR, else safestep-cache in the system's temporary folder.
 * What is read from it decides what SafeStep says, and a temporary folder is shared with every
 * local user, so the folder is trusted only when it is this user's own and nobody else can write
 * to it (POSIX: owned by our uid, no group or other write bit). A folder that fails the check is
 * neither read nor written: SafeStep trains and parses as if nothing were cached, and says nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeDataDir } from './file-modes';

/** The cache folder this process uses. */
export function defaultCacheDir(): string {
  return process.env.SAFESTEP_CACHE_DIR || path.join(os.tmpdir(), 'safestep-cache');
}

/** Whether `dir` exists and only this user can write to it (always true where there are no uids). */
export function isOwnCacheDir(dir: string): boolean {
  try {
    const st = fs.statSync(dir);
    if (!st.isDirectory()) return false;
    if (typeof process.getuid !== 'function') return true;
    return st.uid === process.getuid() && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** Creates `dir` owner-only (0700, as the data folder) if missing; true when it may then be written (isOwnCacheDir). */
export function ensureOwnCacheDir(dir: string): boolean {
  try {
    makeDataDir(dir);
  } catch {
    return false;
  }
  return isOwnCacheDir(dir);
}

/** Keeps the `keep` newest files in `dir` whose names start with `prefix` and end with `ext`. */
export function keepNewest(dir: string, prefix: string, ext: string, keep: number): void {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith(ext))
    .map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of files.slice(keep)) fs.rmSync(path.join(dir, f), { force: true });
}
