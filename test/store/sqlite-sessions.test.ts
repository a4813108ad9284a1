/**
 * SqliteSessionStore passes the SessionStore contract on a real file and survives a reopen.
 */
import path from 'node:path';
import { openDatabase, type Database } from '../../src/store/sqlite';
import { SqliteSessionStore } from '../../src/store/sqlite-sessions';
import { describeSessionStore } from './contracts';
import { makeSession, makeTempDir } from './fixtures';

let temp: ReturnType<typeof makeTempDir>;
let db: Database | undefined;

beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => {
  if (db?.open) db.close();
  temp.cleanup();
});

describeSessionStore('SqliteSessionStore', {
  create: () => {
    db = openDatabase(path.join(temp.dir, 'safestep.db'));
    return new SqliteSessionStore(db);
  },
  release: () => db?.close(),
});

describe('SqliteSessionStore on disk', () => {
  it('gives back a saved session from a new connection after the first is closed', () => {
    const file = path.join(temp.dir, 'safestep.db');
    const first = openDatabase(file);
    new SqliteSessionStore(first).save(makeSession('conv-restart'));
    first.close();

    db = openDatabase(file);
    expect(new SqliteSessionStore(db).load('conv-restart')).toEqual(makeSession('conv-restart'));
  });

  it('reports a failed save as store_write_error', () => {
    db = openDatabase(path.join(temp.dir, 'safestep.db'));
    const store = new SqliteSessionStore(db);
    db.close();
    expect(() => store.save(makeSession())).toThrow(expect.objectContaining({ code: 'store_write_error' }));
  });
});
