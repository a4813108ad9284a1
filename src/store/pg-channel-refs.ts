/** Channel references in PostgreSQL (see ChannelRefStore in core/ports.ts); sealed, as they name people. */
import type { ChannelRefStore } from '../core/ports';
import { PLAIN_DATA, type DataSeal } from './data-seal';
import type { SyncPg } from './pg-sync';
import { toStoreError } from './store-error';

export class PgChannelRefStore implements ChannelRefStore {
  constructor(private readonly db: SyncPg, private readonly seal: DataSeal = PLAIN_DATA) {}

  get(channel: string, key: string): unknown {
    const row = this.db.one<{ data: string }>('SELECT data FROM channel_refs WHERE channel = $1 AND key = $2', [channel, key]);
    return row ? (JSON.parse(this.seal.open(row.data)) as unknown) : undefined;
  }

  put(channel: string, key: string, data: unknown, at: string): void {
    try {
      this.db.run(
        'INSERT INTO channel_refs (channel, key, data, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (channel, key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at',
        [channel, key, this.seal.seal(JSON.stringify(data)), at],
      );
    } catch (err) {
      throw toStoreError('store_write_error', 'Could not store a channel reference', err);
    }
  }

  list(channel: string): { key: string; data: unknown }[] {
    const rows = this.db.query<{ key: string; data: string }>('SELECT key, data FROM channel_refs WHERE channel = $1 ORDER BY key', [channel]);
    return rows.map((r) => ({ key: r.key, data: JSON.parse(this.seal.open(r.data)) as unknown }));
  }
}
