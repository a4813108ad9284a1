/**
 * The encryption keys SafeStep's data is sealed with: from SAFESTEP_KEY (base64 of 32 bytes;
 * several, comma-separated, newest first, while rotating) or from a key file (one base64 key a
 * line, newest first), generated 0600 on first start. A key is named in logs and errors only by
 * its id (the first 8 hex digits of its SHA-256), never shown.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SafeStepError } from '../core/errors';
import { DATABASE_FILE_MODE, makeDataDir } from './file-modes';

/** Where the keys come from (the config's `key`). */
export type KeySource = { kind: 'env'; keys: string } | { kind: 'file'; path: string };

/** One AES-256 key and its id. */
export interface Key {
  id: string;
  bytes: Buffer;
}

/** The id of a key: the first 8 hex digits of its SHA-256. */
export function keyId(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 8);
}

/** Where a key source is, for a person: "SAFESTEP_KEY" or the key file's path. */
export function describeSource(source: KeySource): string {
  return source.kind === 'env' ? 'SAFESTEP_KEY' : `the key file ${source.path} (SAFESTEP_KEY_FILE)`;
}

/** Parses base64 keys, one per line or comma; key_error naming the source if one is not 32 bytes. */
export function parseKeys(text: string, source: KeySource): Key[] {
  const keys = text
    .split(/[\n,]/)
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => Buffer.from(k, 'base64'));
  if (keys.length === 0 || keys.some((k) => k.length !== 32)) {
    throw new SafeStepError('key_error', `${describeSource(source)} must hold base64 keys of 32 bytes each (e.g. "openssl rand -base64 32").`);
  }
  return keys.map((bytes) => ({ id: keyId(bytes), bytes }));
}

/** The keys of a source, newest first, or undefined when the key file does not exist. */
export function readKeys(source: KeySource): Key[] | undefined {
  if (source.kind === 'env') return parseKeys(source.keys, source);
  let text: string;
  try {
    text = fs.readFileSync(source.path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SafeStepError('key_error', `Could not read ${describeSource(source)}.`, { cause: err });
  }
  return parseKeys(text, source);
}

/** Writes keys (newest first) to a key file 0600, atomically (a reader never sees half a file). */
export function writeKeyFile(file: string, keys: readonly Key[]): void {
  makeDataDir(path.dirname(file));
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${keys.map((k) => k.bytes.toString('base64')).join('\n')}\n`, { mode: DATABASE_FILE_MODE, flag: 'w' });
  fs.chmodSync(temp, DATABASE_FILE_MODE);
  fs.renameSync(temp, file);
}

/** A new random key. */
export function newKey(): Key {
  const bytes = randomBytes(32);
  return { id: keyId(bytes), bytes };
}
