/** Keeps conversations in PostgreSQL as (sealed) JSON text, like SqliteSessionStore. */
import type { SessionStore } from '../core/ports';
import type { Session } from '../core/session';
import { PLAIN_DATA, type DataSeal } from './data-seal';
import type { SyncPg } from './pg-sync';
import { toStoreError } from './store-error';

/** SessionStore on a migrated PostgreSQL database. */
export class PgSessionStore implements SessionStore {
  constructor(private readonly db: SyncPg, private readonly seal: DataSeal = PLAIN_DATA) {}

  load(conversationId: string): Session | undefined {
    const row = this.db.one<{ data: string }>('SELECT data FROM sessions WHERE conversation_id = $1', [conversationId]);
    return row ? (JSON.parse(this.seal.open(row.data)) as Session) : undefined;
  }

  save(session: Session): void {
    try {
      this.db.run(
        `INSERT INTO sessions (conversation_id, data, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (conversation_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
        [session.conversationId, this.seal.seal(JSON.stringify(session)), session.updatedAt],
      );
    } catch (err) {
      throw toStoreError('store_write_error', 'The conversation could not be saved', err);
    }
  }

  delete(conversationId: string): void {
    try {
      this.db.run('DELETE FROM sessions WHERE conversation_id = $1', [conversationId]);
    } catch (err) {
      throw toStoreError('store_write_error', 'The conversation could not be deleted', err);
    }
  }
}
