/**
 * openStores wires SQLite stores on one file; openStoresOrFallback never throws and, when the
 * database cannot be opened, keeps chat state in memory but never claims a report was filed.
 */
import path from 'node:path';
import { openStores, openStoresOrFallback } from '../../src/store/open-stores';
import { makeDraft, makeSession, makeTempDir } from './fixtures';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.cleanup());

describe('openStores', () => {
  it('keeps sessions and reports in the same file across reopen', () => {
    const file = path.join(temp.dir, 'safestep.db');
    const first = openStores(file);
    first.sessions.save(makeSession('c1'));
    first.reports.file(makeDraft());
    first.close();
    first.close(); // closing twice is harmless

    const again = openStores(file);
    expect(again.sessions.load('c1')).toEqual(makeSession('c1'));
    expect(again.reports.get('SS-2025-0001')).toBeDefined();
    again.close();
  });
});

describe('openStoresOrFallback', () => {
  it('returns working SQLite stores and no error when the database opens', () => {
    const stores = openStoresOrFallback(path.join(temp.dir, 'safestep.db'));
    expect(stores.error).toBeUndefined();
    expect(stores.reports.file(makeDraft()).reference).toBe('SS-2025-0001');
    stores.close();
  });

  it('falls back to memory sessions and a report store that refuses to file', () => {
    const stores = openStoresOrFallback('/dev/null/x/safestep.db');
    expect(stores.error).toMatchObject({ code: 'store_open_error', message: expect.stringContaining('/dev/null/x') });
    stores.sessions.save(makeSession('c1'));
    expect(stores.sessions.load('c1')).toEqual(makeSession('c1'));
    expect(() => stores.reports.file(makeDraft())).toThrow(expect.objectContaining({ code: 'store_write_error' }));
    expect(stores.reports.list()).toEqual([]);
    stores.close();
  });
});
