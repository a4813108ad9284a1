/**
 * openDatabase creates what it needs and fails only with store_open_error naming the path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { StoreError } from '../../src/core/errors';
import { openDatabase } from '../../src/store/sqlite';
import { makeTempDir } from './fixtures';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.cleanup());

function openError(dbPath: string, fileMustExist = false): StoreError {
  try {
    openDatabase(dbPath, { fileMustExist }).close();
  } catch (err) {
    if (err instanceof StoreError) return err;
    throw err;
  }
  throw new Error('expected openDatabase to fail');
}

describe('openDatabase', () => {
  it('creates missing parent directories', () => {
    const file = path.join(temp.dir, 'a', 'b', 'safestep.db');
    openDatabase(file).close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('fails with store_open_error when the parent is a file', () => {
    const err = openError('/dev/null/x/safestep.db');
    expect(err.code).toBe('store_open_error');
    expect(err.message).toBe('Could not open the SafeStep database at /dev/null/x/safestep.db (ENOTDIR)');
  });

  it('fails with store_open_error on a file that is not a database', () => {
    const file = path.join(temp.dir, 'notes.db');
    fs.writeFileSync(file, 'Child B: private notes, not a database at all '.repeat(50));
    const err = openError(file);
    expect(err.code).toBe('store_open_error');
    expect(err.message).toContain(file);
    expect(err.message).not.toContain('Child B');
  });

  it('does not create the file when it must exist', () => {
    const file = path.join(temp.dir, 'missing', 'safestep.db');
    expect(openError(file, true).code).toBe('store_open_error');
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });
});
