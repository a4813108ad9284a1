/**
 * `safestep keys rotate`: re-encrypts everything under a new key, safely while the server runs.
 * With the key file: a new key is put first in the file (the old ones kept after it, so a running
 * server reads what it wrote a moment ago, and follows the change for what it writes next), then
 * every sealed row is re-sealed under it in one transaction, then keys no row needs any more are
 * dropped from the file. With SAFESTEP_KEY: re-seals under the first key listed (put the new key
 * first, the old after a comma, run this, then restart the server with the new key alone).
 * Prints counts and key ids only.
 */
import fs from 'node:fs';
import { loadConfig } from '../../config';
import { SafeStepError } from '../../core/errors';
import { Cipher } from '../../store/cipher';
import { newKey, readKeys, writeKeyFile } from '../../store/keys';
import { keyIdsInUse, reseal } from '../../store/reseal';
import { openStores } from '../../store/open-stores';
import { pgKeyIdsInUse, pgReseal } from '../../store/pg-reseal';
import { SyncPg } from '../../store/pg-sync';
import { openDatabase, type Database } from '../../store/sqlite';
import { EXIT, type Command } from '../io';

const USAGE = 'Usage: safestep keys rotate      re-encrypt every report under a new key (safe while SafeStep runs)\n';

export const keys: Command = async (args, io) => {
  if (args.length !== 1 || args[0] !== 'rotate') {
    io.stderr.write(USAGE);
    return EXIT.usage;
  }
  try {
    const config = loadConfig(io.env, io.root);
    if (!config.databaseUrl && !fs.existsSync(config.dbPath)) {
      io.stderr.write(`There is no database at ${config.dbPath} yet: nothing to re-encrypt.\n`);
      return EXIT.failure;
    }
    const source = config.key;
    const old = readKeys(source);
    if (!old) throw new SafeStepError('key_error', `The key file ${source.kind === 'file' ? source.path : ''} is missing: without it the data cannot be re-encrypted.`);
    const all = source.kind === 'file' ? [newKey(), ...old] : old;
    if (source.kind === 'file') writeKeyFile(source.path, all);
    const db = config.databaseUrl ? sealedPg(config.databaseUrl) : sealedSqlite(openDatabase(config.dbPath, { fileMustExist: true }));
    try {
      const cipher = new Cipher(source, all);
      const counts = db.reseal(cipher);
      if (source.kind === 'file') {
        const needed = new Set(db.keyIdsInUse());
        // Keep the new key, the one before it (a server may be sealing with it this instant) and any key still in use.
        writeKeyFile(source.path, all.filter((k, i) => i <= 1 || needed.has(k.id)));
      }
      io.stdout.write(`Re-encrypted under key ${cipher.currentId}: ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ')}.\n`);
    } finally {
      db.close();
    }
    return EXIT.ok;
  } catch (err) {
    io.stderr.write(`${err instanceof SafeStepError ? err.message : 'The keys could not be rotated.'}\n`);
    return EXIT.failure;
  }
};

/** The sealed data of a database, SQLite or PostgreSQL, as `keys rotate` needs it. */
interface SealedDb {
  reseal(cipher: Cipher): Record<string, number>;
  keyIdsInUse(): string[];
  close(): void;
}

function sealedSqlite(db: Database): SealedDb {
  return { reseal: (c) => reseal(db, c, true), keyIdsInUse: () => keyIdsInUse(db), close: () => db.close() };
}

function sealedPg(url: string): SealedDb {
  const stores = openStores(url, { mustExist: true });
  stores.close();
  const db = new SyncPg(url);
  return { reseal: (c) => pgReseal(db, c, true), keyIdsInUse: () => pgKeyIdsInUse(db), close: () => db.close() };
}
