/** Channel references in SQLite (see ChannelRefStore in core/ports.ts). */
import type { Database } from 'better-sqlite3';
import type { ChannelRefStore } from '../core/ports';
import { toStoreError } from './store-error';

export class SqliteChannelRefStore implements ChannelRefStore {
  constructor(private readonly db: Database) {}

  get(channel: string, key: string): unknown {
    const row = this.db.prepare('SELECT data FROM channel_refs WHERE channel = ? AND key = ?').get(channel, key) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as unknown) : undefined;
  }

  put(channel: string, key: string, data: unknown, at: string): void {
    try {
      this.db
        .prepare('INSERT INTO channel_refs (channel, key, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (channel, key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at')
        .run(channel, key, JSON.stringify(data), at);
    } catch (err) {
      throw toStoreError('store_write_error', 'Could not store a channel reference', err);
    }
  }

  list(channel: string): { key: string; data: unknown }[] {
    const rows = this.db.prepare('SELECT key, data FROM channel_refs WHERE channel = ? ORDER BY key').all(channel) as { key: string; data: string }[];
    return rows.map((r) => ({ key: r.key, data: JSON.parse(r.data) as unknown }));
  }
}
