/**
 * The PostgreSQL twin of reseal.ts: which keys the sealed data needs, and sealing (on open) the
 * rows written before encryption was on, or (`keys rotate`) everything under the newest key. One
 * transaction per pass; only the data columns are rewritten (the append-only triggers allow that).
 */
import type { Cipher } from './cipher';
import type { SyncPg } from './pg-sync';
import { SEALED_LIKE, SEALED_TABLE_NAMES, type SealedTable } from './reseal';

/** Each sealed table's primary key, by which a row is found again (the tables are reseal.ts's). */
const PRIMARY_KEYS: Record<SealedTable, string> = {
  reports: 'reference',
  sessions: 'conversation_id',
  case_entries: 'id',
  channel_refs: 'id',
  report_holds: 'id',
};

const PG_SEALED_TABLES = SEALED_TABLE_NAMES.map((table) => ({ table, key: PRIMARY_KEYS[table] }));

/** True if any sealed data is in the database. */
export function pgHoldsSealedData(db: SyncPg): boolean {
  return PG_SEALED_TABLES.some(({ table }) => db.one(`SELECT 1 FROM ${table} WHERE data LIKE ${SEALED_LIKE} LIMIT 1`) !== undefined);
}

/** The ids of every key the database's sealed data needs. */
export function pgKeyIdsInUse(db: SyncPg): string[] {
  const ids = new Set<string>();
  for (const { table } of PG_SEALED_TABLES) {
    for (const r of db.query<{ id: string }>(`SELECT DISTINCT substr(data, 9, 8) AS id FROM ${table} WHERE data LIKE ${SEALED_LIKE}`)) ids.add(r.id);
  }
  return [...ids];
}

/** Seals every row not yet sealed with the newest key (`everything`: also older keys' rows). Counts per table. */
export function pgReseal(db: SyncPg, cipher: Cipher, everything: boolean): Record<string, number> {
  const counts: Record<string, number> = {};
  const current = cipher.currentId;
  // Rows to (re)seal: not sealed at all, or (everything) not sealed with the current key.
  const notCurrent = 'data NOT LIKE $1';
  const pattern = everything ? `"enc:v1:${current}:%` : '"enc:v1:%';
  if (!PG_SEALED_TABLES.some(({ table }) => db.one(`SELECT 1 FROM ${table} WHERE ${notCurrent} LIMIT 1`, [pattern]) !== undefined)) {
    return Object.fromEntries(PG_SEALED_TABLES.map(({ table }) => [table, 0]));
  }
  db.transaction(() => {
    for (const { table, key } of PG_SEALED_TABLES) {
      const rows = db.query<{ k: string | number; data: string }>(`SELECT ${key} AS k, data FROM ${table} WHERE ${notCurrent} FOR UPDATE`, [pattern]);
      for (const row of rows) db.run(`UPDATE ${table} SET data = $1 WHERE ${key} = $2`, [cipher.seal(cipher.open(row.data)), row.k]);
      counts[table] = rows.length;
    }
  });
  return counts;
}
