/**
 * The data folder SafeStep creates is 0700 and its database files are 0600 (owner only), even
 * under the usual umask 022 that would leave them readable by every account on the server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../src/store/sqlite';
import { openStores } from '../../src/store/open-stores';
import { makeDraft, makeTempDir } from './fixtures';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

let temp: ReturnType<typeof makeTempDir>;
let umask: number;
beforeEach(() => {
  temp = makeTempDir();
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
  temp.cleanup();
});

test('a new data folder is 0700 (each one created), and the .db, -wal and -shm are 0600', () => {
  const dataDir = path.join(temp.dir, 'srv', 'data');
  const dbPath = path.join(dataDir, 'safestep.db');
  const stores = openStores(dbPath);
  try {
    stores.reports.file(makeDraft());
    expect(modeOf(path.join(temp.dir, 'srv'))).toBe(0o700);
    expect(modeOf(dataDir)).toBe(0o700);
    for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
      expect(fs.existsSync(file)).toBe(true);
      expect([file, modeOf(file).toString(8)]).toEqual([file, '600']);
    }
  } finally {
    stores.close();
  }
});

test('database files an older version left readable by others are made 0600 when opened', () => {
  const dbPath = path.join(temp.dir, 'old.db');
  openDatabase(dbPath).close();
  fs.chmodSync(dbPath, 0o644);
  const db = openDatabase(dbPath);
  try {
    expect(modeOf(dbPath)).toBe(0o600);
    expect(modeOf(`${dbPath}-wal`)).toBe(0o600);
  } finally {
    db.close();
  }
});

test("a folder that already exists keeps its own permissions (it is not SafeStep's to change)", () => {
  const shared = path.join(temp.dir, 'shared');
  fs.mkdirSync(shared, { mode: 0o755 });
  fs.chmodSync(shared, 0o755);
  openDatabase(path.join(shared, 'safestep.db')).close();
  expect(modeOf(shared)).toBe(0o755);
  expect(modeOf(path.join(shared, 'safestep.db'))).toBe(0o600);
});
