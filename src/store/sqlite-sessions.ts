/**
 * Keeps conversations in SQLite as JSON, so a conversation resumes after a restart.
 */
import type { Statement } from 'better-sqlite3';
import type { SessionStore } from '../core/ports';
import type { Session } from '../core/session';
import { PLAIN_DATA, type DataSeal } from './data-seal';
import type { Database } from './sqlite';
import { toStoreError } from './store-error';

/** SessionStore on an open, migrated database (see openDatabase). Does not close it. */
export class SqliteSessionStore implements SessionStore {
  private readonly select: Statement<[string], string>;
  private readonly upsert: Statement<[string, string, string]>;
  private readonly remove: Statement<[string]>;

  constructor(db: Database, private readonly seal: DataSeal = PLAIN_DATA) {
    this.select = db.prepare<[string], string>('SELECT data FROM sessions WHERE conversation_id = ?').pluck();
    this.upsert = db.prepare(
      `INSERT INTO sessions (conversation_id, data, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM sessions WHERE conversation_id = ?');
  }

  /** The saved session of this conversation, or undefined. */
  load(conversationId: string): Session | undefined {
    const data = this.select.get(conversationId);
    return data === undefined ? undefined : (JSON.parse(this.seal.open(data)) as Session);
  }

  /** Saves (replaces) the session; store_write_error if it cannot be committed. */
  save(session: Session): void {
    try {
      this.upsert.run(session.conversationId, this.seal.seal(JSON.stringify(session)), session.updatedAt);
    } catch (err) {
      throw toStoreError('store_write_error', 'The conversation could not be saved', err);
    }
  }

  /** Forgets the conversation; store_write_error if it cannot be committed. */
  delete(conversationId: string): void {
    try {
      this.remove.run(conversationId);
    } catch (err) {
      throw toStoreError('store_write_error', 'The conversation could not be deleted', err);
    }
  }
}
