/** Channel references in SQLite (see ChannelRefStore in core/ports.ts); sealed, as they name people. */
import type { Database } from 'better-sqlite3';
import type { ChannelRefStore } from '../core/ports';
import { PLAIN_DATA, type DataSeal } from './data-seal';
import { toStoreError } from './store-error';

export class SqliteChannelRefStore implements ChannelRefStore {
  constructor(private readonly db: Database, private readonly seal: DataSeal = PLAIN_DATA) {}

  get(channel: string, key: string): unknown {
    const row = this.db.prepare('SELECT data FROM channel_refs WHERE channel = ? AND key = ?').get(channel, key) as { data: string } | undefined;
    return row ? (JSON.parse(this.seal.open(row.data)) as unknown) : undefined;
  }

  put(channel: string, key: string, data: unknown, at: string): void {
    try {
      this.db
        .prepare('INSERT INTO channel_refs (channel, key, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (channel, key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at')
        .run(channel, key, this.seal.seal(JSON.stringify(data)), at);
    } catch (err) {
      throw toStoreError('store_write_error', 'Could not store a channel reference', err);
    }
  }

  list(channel: string): { key: string; data: unknown }[] {
    const rows = this.db.prepare('SELECT key, data FROM channel_refs WHERE channel = ? ORDER BY key').all(channel) as { key: string; data: string }[];
    return rows.map((r) => ({ key: r.key, data: JSON.parse(this.seal.open(r.data)) as unknown }));
  }
}
