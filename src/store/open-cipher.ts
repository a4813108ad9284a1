/**
 * The cipher for a database, SQLite or PostgreSQL: the source's keys (a missing key file is
 * generated 0600, unless the database already holds encrypted data: then key_error, never plain
 * text); every key the data needs must be held; data written before encryption was on is sealed now.
 */
import type { Logger } from '../core/ports';
import { SafeStepError } from '../core/errors';
import { Cipher } from './cipher';
import { describeSource, newKey, readKeys, writeKeyFile, type KeySource } from './keys';

/** What opening the cipher needs to know about (and do to) the database's sealed data. */
export interface SealedData {
  holdsSealedData(): boolean;
  keyIdsInUse(): string[];
  /** Seals the rows not sealed yet. */
  reseal(cipher: Cipher): void;
}

export function openCipher(db: SealedData, source: KeySource, log?: Logger): Cipher {
  let keys = readKeys(source);
  if (!keys) {
    if (db.holdsSealedData()) {
      throw new SafeStepError('key_error', `The database holds encrypted reports, but ${describeSource(source)} is missing. Restore that key file or set SAFESTEP_KEY; SafeStep will not start without it.`);
    }
    const key = newKey();
    writeKeyFile((source as { path: string }).path, [key]);
    log?.warn('encryption_key_generated', { key: key.id });
    keys = [key];
  }
  const cipher = new Cipher(source, keys);
  const missing = db.keyIdsInUse().filter((id) => !cipher.has(id));
  if (missing.length > 0) {
    throw new SafeStepError('key_error', `The database holds data encrypted with key ${missing.join(', ')}, which ${describeSource(source)} does not hold. SafeStep will not start without it.`);
  }
  db.reseal(cipher);
  return cipher;
}
