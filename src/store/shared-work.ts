/**
 * SeenEvents and TickClaims (see core/ports.ts) on SQLite, on PostgreSQL and in memory. Both are
 * an insert that only the first caller wins (ON CONFLICT DO NOTHING), so servers sharing one
 * database agree on who handles an event or a tick without any other coordination.
 */
import type { SeenEvents, TickClaims } from '../core/ports';
import type { SyncPg } from './pg-sync';
import type { Database } from './sqlite';
import { toStoreError } from './store-error';

/** How long an event id is remembered (Slack retries within minutes). */
const KEEP_EVENTS_MS = 24 * 3_600_000;
/** Old ids are pruned once every this many inserts. */
const PRUNE_EVERY = 500;

type Exec = (sql: string, params: (string | number)[]) => number;

class SqlSharedWork implements SeenEvents, TickClaims {
  private inserts = 0;

  constructor(private readonly exec: Exec, private readonly p: (n: number) => string) {}

  first(id: string, at: string): boolean {
    try {
      if (++this.inserts % PRUNE_EVERY === 1) {
        this.exec(`DELETE FROM events_seen WHERE seen_at < ${this.p(1)}`, [new Date(Date.parse(at) - KEEP_EVENTS_MS).toISOString()]);
      }
      return this.exec(`INSERT INTO events_seen (id, seen_at) VALUES (${this.p(1)}, ${this.p(2)}) ON CONFLICT (id) DO NOTHING`, [id, at]) === 1;
    } catch (err) {
      throw toStoreError('store_write_error', 'Could not record a platform event', err);
    }
  }

  claim(name: string, slot: string, at: string): boolean {
    try {
      return this.exec(`INSERT INTO tick_claims (name, slot, claimed_at) VALUES (${this.p(1)}, ${this.p(2)}, ${this.p(3)}) ON CONFLICT (name, slot) DO NOTHING`, [name, slot, at]) === 1;
    } catch (err) {
      throw toStoreError('store_write_error', 'Could not claim periodic work', err);
    }
  }
}

/** On SQLite (migration 7). */
export function sqliteSharedWork(db: Database): SeenEvents & TickClaims {
  return new SqlSharedWork((sql, params) => db.prepare(sql).run(...params).changes, () => '?');
}

/** On PostgreSQL (migration 4). */
export function pgSharedWork(db: SyncPg): SeenEvents & TickClaims {
  return new SqlSharedWork((sql, params) => db.run(sql, params), (n) => `$${n}`);
}

/** In memory (one process; tests and the fallback). */
export class MemorySharedWork implements SeenEvents, TickClaims {
  private readonly seen = new Map<string, string>();
  private readonly claims = new Set<string>();

  first(id: string, at: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.set(id, at);
    if (this.seen.size > 5000) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }

  claim(name: string, slot: string): boolean {
    const key = `${name}\u0000${slot}`;
    if (this.claims.has(key)) return false;
    this.claims.add(key);
    return true;
  }
}
