/**
 * Encryption at rest with real SQLite files: nothing a person typed (nor the reporter's name) is
 * in the database file or its WAL in plain text; a key file is generated 0600; a database that
 * holds encrypted data and no key, or the wrong key, is a refusal naming the key; rotating the
 * key (the real CLI, in its own process, while stores stay open as a server's would) keeps every
 * report readable and re-seals everything under the new key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openStores, type Stores } from '../../src/store/open-stores';
import type { KeySource } from '../../src/store/keys';
import { keyIdsInUse } from '../../src/store/reseal';
import { runCli } from '../support/cli-process';
import { makeDraft, makeSession, makeTempDir } from './fixtures';

const TYPED = 'Zebrafish-Orchid said her uncle hurt her';
const NAME = 'Quentin Marchbanks-Ulverston';
const NOTE = 'Rang Marigold-Featherstone social care';

let temp: ReturnType<typeof makeTempDir>;
let dbPath: string;
let keyFile: string;
let source: KeySource;

beforeEach(() => {
  temp = makeTempDir();
  dbPath = path.join(temp.dir, 'data', 'safestep.db');
  keyFile = path.join(temp.dir, 'data', 'safestep.key');
  source = { kind: 'file', path: keyFile };
});
afterEach(() => temp.cleanup());

function fill(stores: Stores): string {
  const r = stores.reports.file(makeDraft({ reporter: { id: 'U1', name: NAME, role: 'TA' }, firstMessage: TYPED, account: [{ prompt: 'What did the child say?', text: TYPED }] }));
  stores.cases.add({ reference: r.reference, kind: 'note', by: 'slack:U0DSL', byName: 'Camilla', at: new Date().toISOString(), text: NOTE });
  const session = makeSession('conv-typed');
  session.account.push({ prompt: 'What happened?', text: TYPED });
  stores.sessions.save(session);
  return r.reference;
}

const onDisk = () => ['', '-wal'].map((suffix) => (fs.existsSync(dbPath + suffix) ? fs.readFileSync(dbPath + suffix) : Buffer.alloc(0)));

test('the database file and its WAL hold nothing typed in plain text; the key file is generated 0600', () => {
  const logged: string[] = [];
  const stores = openStores(dbPath, { key: source, log: { info: () => undefined, error: () => undefined, warn: (e, f) => logged.push(JSON.stringify({ e, ...f })) } });
  const reference = fill(stores);
  const files = onDisk();
  expect(files[1]!.length).toBeGreaterThan(0); // the WAL really holds the writes
  for (const bytes of files) {
    for (const secret of [TYPED, NAME, NOTE, 'Zebrafish', 'Marchbanks', 'Featherstone']) {
      expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
    }
  }
  expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
  expect(logged).toHaveLength(1);
  expect(logged[0]).toContain('encryption_key_generated');
  expect(logged[0]).not.toContain(fs.readFileSync(keyFile, 'utf8').trim());
  // …and it all reads back.
  expect(stores.reports.get(reference)).toMatchObject({ firstMessage: TYPED, reporter: { name: NAME } });
  expect(stores.cases.forReport(reference)[0]!.text).toBe(NOTE);
  expect(stores.sessions.load('conv-typed')!.account[0]!.text).toBe(TYPED);
  stores.close();
});

test('a database holding encrypted data and no key refuses to open, naming the key; so does the wrong key', () => {
  const stores = openStores(dbPath, { key: source });
  fill(stores);
  stores.close();
  fs.renameSync(keyFile, `${keyFile}.away`);
  expect(() => openStores(dbPath, { key: source })).toThrow(expect.objectContaining({ code: 'key_error', message: expect.stringContaining(keyFile) }));
  expect(fs.existsSync(keyFile)).toBe(false); // no new key was made in its place
  const wrong: KeySource = { kind: 'env', keys: randomBytes(32).toString('base64') };
  expect(() => openStores(dbPath, { key: wrong })).toThrow(expect.objectContaining({ code: 'key_error', message: expect.stringContaining('SAFESTEP_KEY') }));
  fs.renameSync(`${keyFile}.away`, keyFile);
  expect(() => openStores(dbPath, { key: source }).close()).not.toThrow();
});

test('a key that is not 32 bytes of base64 is refused', () => {
  expect(() => openStores(dbPath, { key: { kind: 'env', keys: 'c2hvcnQ=' } })).toThrow(expect.objectContaining({ code: 'key_error' }));
});

test('keys rotate re-encrypts everything under a new key while the stores stay open; every report stays readable', () => {
  const server = openStores(dbPath, { key: source });
  const references = [fill(server), fill(server), fill(server)];
  const before = fs.readFileSync(keyFile, 'utf8').trim();

  const r = runCli(['keys', 'rotate'], { SAFESTEP_DATA_DIR: path.dirname(dbPath) });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^Re-encrypted under key [0-9a-f]{8}: 3 reports, 1 sessions, 3 case_entries, 0 channel_refs, 0 report_holds\.\n$/);
  const lines = fs.readFileSync(keyFile, 'utf8').trim().split('\n');
  expect(lines[0]).not.toBe(before);
  expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

  // The running "server" reads what was re-sealed, and writes new data under the new key.
  for (const ref of references) expect(server.reports.get(ref)).toMatchObject({ firstMessage: TYPED, reporter: { name: NAME } });
  const later = fill(server);
  server.close();
  const reopened = openStores(dbPath, { key: source });
  for (const ref of [...references, later]) expect(reopened.reports.get(ref)?.account[0]?.text).toBe(TYPED);
  reopened.close();
  const db = new (require('better-sqlite3'))(dbPath);
  const newId = r.stdout.match(/key ([0-9a-f]{8})/)![1];
  expect(keyIdsInUse(db)).toEqual([newId]);
  db.close();
});
