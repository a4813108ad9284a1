/**
 * Keeps the sealed data columns under the right key: on open, data written before encryption was
 * on is sealed; `keys rotate` re-seals everything under the newest key. Each pass is one
 * IMMEDIATE transaction, so a running server's writes wait for it and nothing is half done.
 * Only the data column is rewritten (the append-only triggers allow exactly that).
 */
import type { Cipher } from './cipher';
import type { Database } from './sqlite';

/** The tables whose `data` column is sealed, in either store (pg-reseal.ts names their keys). */
export const SEALED_TABLE_NAMES = ['reports', 'sessions', 'case_entries', 'channel_refs', 'report_holds'] as const;

/** One of SEALED_TABLE_NAMES. */
export type SealedTable = (typeof SEALED_TABLE_NAMES)[number];

/** SQL that matches a sealed `data` value (any key). */
export const SEALED_LIKE = `'"enc:v1:%'`;

/** The sealed tables in SQLite, each row found again by its rowid. */
const SEALED_TABLES = SEALED_TABLE_NAMES.map((table) => ({ table, key: 'rowid' }));

/** True if any sealed data is in the database. */
export function holdsSealedData(db: Database): boolean {
  return SEALED_TABLES.some(({ table }) => db.prepare(`SELECT 1 FROM ${table} WHERE data LIKE ${SEALED_LIKE} LIMIT 1`).get() !== undefined);
}

/** The ids of every key the database's sealed data needs. */
export function keyIdsInUse(db: Database): string[] {
  const ids = new Set<string>();
  for (const { table } of SEALED_TABLES) {
    for (const id of db.prepare(`SELECT DISTINCT substr(data, 9, 8) FROM ${table} WHERE data LIKE ${SEALED_LIKE}`).pluck().all() as string[]) ids.add(id);
  }
  return [...ids];
}

/**
 * Seals every row not yet sealed with the cipher's newest key (`everything`: also rows sealed
 * with an older key). Returns how many rows of each table were (re)sealed.
 */
export function reseal(db: Database, cipher: Cipher, everything: boolean): Record<string, number> {
  const counts: Record<string, number> = {};
  const current = cipher.currentId;
  // Opening a database already sealed (every start but the first) takes no write lock at all.
  const pending = SEALED_TABLES.some(({ table }) =>
    db.prepare(everything ? `SELECT 1 FROM ${table} WHERE data NOT LIKE ? LIMIT 1` : `SELECT 1 FROM ${table} WHERE data NOT LIKE '"enc:v1:%' LIMIT 1`).get(...(everything ? [`"enc:v1:${current}:%`] : [])) !== undefined,
  );
  if (!pending) return Object.fromEntries(SEALED_TABLES.map(({ table }) => [table, 0]));
  db.transaction(() => {
    for (const { table, key } of SEALED_TABLES) {
      const rows = db.prepare(`SELECT ${key} AS k, data FROM ${table}`).all() as { k: string | number; data: string }[];
      const update = db.prepare(`UPDATE ${table} SET data = ? WHERE ${key} = ?`);
      let n = 0;
      for (const row of rows) {
        const sealedWith = row.data.startsWith('"enc:v1:') ? row.data.slice(8, 16) : undefined;
        if (sealedWith === current || (sealedWith !== undefined && !everything)) continue;
        update.run(cipher.seal(cipher.open(row.data)), row.k);
        n += 1;
      }
      counts[table] = n;
    }
  }).immediate();
  return counts;
}
