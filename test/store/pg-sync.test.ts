/** The synchronous PostgreSQL connection: queries, transactions, errors with their SQLSTATE. */
import { PgError, SyncPg } from '../../src/store/pg-sync';
import { describePg } from '../support/describe-pg';
import { startPostgres, type PgCluster } from '../support/postgres';

describePg('SyncPg on a real PostgreSQL', () => {
  let cluster: PgCluster;
  let db: SyncPg;
  beforeAll(() => {
    cluster = startPostgres();
    db = new SyncPg(cluster.freshDatabase());
  });
  afterAll(() => {
    db?.close();
    cluster?.stop();
  });

  it('answers queries synchronously, with int8 as numbers', () => {
    expect(db.query<{ n: number; s: string }>('SELECT count(*) AS n, $1::text AS s', ['x'])).toEqual([{ n: 1, s: 'x' }]);
  });

  it('commits a transaction, rolls one back on a throw, and nests as savepoints', () => {
    db.run('CREATE TABLE t (v int)');
    db.transaction(() => db.run('INSERT INTO t VALUES (1)'));
    expect(() => db.transaction(() => {
      db.run('INSERT INTO t VALUES (2)');
      throw new Error('no');
    })).toThrow('no');
    db.transaction(() => {
      db.run('INSERT INTO t VALUES (3)');
      expect(() => db.transaction(() => {
        db.run('INSERT INTO t VALUES (4)');
        throw new Error('inner');
      })).toThrow('inner');
    });
    expect(db.query('SELECT v FROM t ORDER BY v').map((r) => r.v)).toEqual([1, 3]);
  });

  it('reports a database error with its SQLSTATE and keeps working', () => {
    let caught: unknown;
    try {
      db.run('SELECT * FROM no_such_table');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PgError);
    expect((caught as PgError).code).toBe('42P01');
    expect(db.one('SELECT 1 AS one')).toEqual({ one: 1 });
  });

  it('fails to connect with a coded error when nothing listens', () => {
    expect(() => new SyncPg('postgres://postgres@127.0.0.1:1/none', { connectTimeoutMs: 1000 })).toThrow(PgError);
  });
});
