/**
 * Which database: SQLite by default with no set-up; SAFESTEP_DATABASE_URL=postgres://… selects
 * PostgreSQL; anything else there is a config_error. An unreachable PostgreSQL at start is the
 * same safe fallback as an unopenable SQLite file (nothing claimed as filed), named without its
 * password, and ping() says the database is not there.
 */
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { openStoresOrFallback } from '../../src/store/open-stores';
import { describeDatabase } from '../../src/store/pg-open';
import { makeDraft } from './fixtures';

const ROOT = path.resolve(__dirname, '../..');

describe('database selection', () => {
  it('uses the SQLite file unless SAFESTEP_DATABASE_URL names a PostgreSQL database', () => {
    const sqlite = loadConfig({ SAFESTEP_DATA_DIR: '/tmp/x' }, ROOT);
    expect(sqlite.databaseUrl).toBeUndefined();
    expect(sqlite.dbPath).toBe('/tmp/x/safestep.db');
    const pg = loadConfig({ SAFESTEP_DATABASE_URL: 'postgres://safestep:pw@db.internal:5432/safestep' }, ROOT);
    expect(pg.databaseUrl).toBe('postgres://safestep:pw@db.internal:5432/safestep');
    expect(() => loadConfig({ SAFESTEP_DATABASE_URL: 'mysql://db/safestep' }, ROOT)).toThrow(expect.objectContaining({ code: 'config_error', message: expect.stringContaining('SAFESTEP_DATABASE_URL') }));
  });

  it('falls back safely when PostgreSQL cannot be reached, never showing the password', () => {
    const stores = openStoresOrFallback('postgres://safestep:s3cret@127.0.0.1:1/safestep');
    try {
      expect(stores.error).toMatchObject({ code: 'store_open_error' });
      expect(stores.error?.message).toContain('postgres://127.0.0.1:1/safestep');
      expect(stores.error?.message).not.toContain('s3cret');
      expect(() => stores.reports.file(makeDraft())).toThrow(expect.objectContaining({ code: 'store_write_error' }));
      expect(() => stores.ping()).toThrow(expect.objectContaining({ code: 'store_open_error' }));
    } finally {
      stores.close();
    }
    expect(describeDatabase('/data/safestep.db')).toBe('/data/safestep.db');
  });
});
