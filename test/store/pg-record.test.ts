/**
 * On a real PostgreSQL, as on SQLite: migrations recorded in order and run by one server when
 * several start at once; the record append-only in the database itself (whoever writes the SQL);
 * sealed columns hold the same envelope text, nothing typed in plain text, and a wrong key is a
 * refusal naming it.
 */
import { randomBytes } from 'node:crypto';
import { openStores, type Stores } from '../../src/store/open-stores';
import { PG_MIGRATIONS } from '../../src/store/pg-migrations';
import { SyncPg } from '../../src/store/pg-sync';
import { pgKeyIdsInUse } from '../../src/store/pg-reseal';
import { runCli } from '../support/cli-process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describePg } from '../support/describe-pg';
import { startPostgres, type PgCluster } from '../support/postgres';
import { makeDraft, makeSession } from './fixtures';

const TYPED = 'Zebrafish-Orchid said her uncle hurt her';

describePg('PostgreSQL record', () => {
  let cluster: PgCluster;
  const opened: { close(): void }[] = [];
  beforeAll(() => {
    cluster = startPostgres();
  });
  afterEach(() => {
    for (const o of opened.splice(0)) o.close();
  });
  afterAll(() => cluster?.stop());
  const track = <T extends { close(): void }>(o: T): T => (opened.push(o), o);

  it('records each migration once, in order; servers opening it later change nothing; a newer schema is refused', () => {
    const url = cluster.freshDatabase();
    for (let i = 0; i < 3; i++) track(openStores(url));
    const db = track(new SyncPg(url));
    expect(db.query('SELECT version FROM schema_migrations ORDER BY version').map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    db.run('INSERT INTO schema_migrations (version, description, applied_at) VALUES (99, $1, $2)', ['from the future', 'now']);
    expect(() => openStores(url)).toThrow(expect.objectContaining({ code: 'store_open_error', message: expect.stringContaining('newer than this SafeStep understands') }));
  });

  it('refuses every edit and delete of reports, acknowledgements, case entries, holds and the audit trail', () => {
    const url = cluster.freshDatabase();
    const stores = track(openStores(url));
    const r = stores.reports.file(makeDraft());
    stores.reports.acknowledge(r.reference, 'slack:U0DSL', '2026-01-01T10:00:00.000Z');
    stores.cases.add({ reference: r.reference, kind: 'note', by: 'slack:U0DSL', at: '2026-01-01T11:00:00.000Z', text: 'first' });
    stores.audit.record({ at: '2026-01-01T11:00:00.000Z', who: 'slack:U0DSL', where: 'slack', what: 'view', reference: r.reference, result: 'ok' });
    stores.retention.addHold({ reference: r.reference, kind: 'hold', by: 'cli:x', at: '2026-01-01T12:00:00.000Z', reason: 'inquiry' });
    const db = track(new SyncPg(url));
    const refused = [
      `DELETE FROM reports`,
      `UPDATE reports SET urgency = 'routine'`,
      `UPDATE reports SET created_at = '2020-01-01'`,
      `UPDATE reports SET acknowledged_by = 'slack:U0OTHER'`,
      `DELETE FROM case_entries`,
      `UPDATE case_entries SET at = '2020-01-01'`,
      `UPDATE case_entries SET kind = 'outcome'`,
      `DELETE FROM audit_log`,
      `UPDATE audit_log SET result = 'refused'`,
      `TRUNCATE audit_log`,
      `DELETE FROM report_holds`,
      `UPDATE report_holds SET kind = 'release'`,
    ];
    for (const sql of refused) expect(() => db.run(sql)).toThrow(/append-only|never edited|never deleted|never changed/);
    expect(db.one('SELECT count(*) AS n FROM case_entries')).toEqual({ n: 1 });
    expect(db.one('SELECT acknowledged_by FROM reports')).toEqual({ acknowledged_by: 'slack:U0DSL' });
  });

  it('seals typed data with the same envelope as SQLite; the right key reads it back, a wrong one is refused', () => {
    const url = cluster.freshDatabase();
    const key = { kind: 'env' as const, keys: randomBytes(32).toString('base64') };
    let stores: Stores = track(openStores(url, { key }));
    const r = stores.reports.file(makeDraft({ firstMessage: TYPED }));
    const session = makeSession('conv-typed');
    session.account.push({ prompt: 'What happened?', text: TYPED });
    stores.sessions.save(session);
    stores.cases.add({ reference: r.reference, kind: 'note', by: 'cli:x', at: '2026-01-01T00:00:00.000Z', text: TYPED });
    stores.channelRefs.put('teams', 'aad-1', { name: TYPED }, '2026-01-01T00:00:00.000Z');
    stores.close();
    const db = track(new SyncPg(url));
    for (const table of ['reports', 'sessions', 'case_entries', 'channel_refs']) {
      for (const row of db.query<{ data: string }>(`SELECT data FROM ${table}`)) {
        expect(row.data).toMatch(/^"enc:v1:[0-9a-f]{8}:/);
        expect(row.data).not.toContain('Zebrafish');
      }
    }
    stores = track(openStores(url, { key }));
    expect(stores.reports.get(r.reference)?.firstMessage).toBe(TYPED);
    expect(stores.sessions.load('conv-typed')?.account.at(-1)?.text).toBe(TYPED);
    const wrong = { kind: 'env' as const, keys: randomBytes(32).toString('base64') };
    expect(() => openStores(url, { key: wrong })).toThrow(expect.objectContaining({ code: 'key_error' }));
  });

  it('seals data written before encryption was on, when first opened with a key', () => {
    const url = cluster.freshDatabase();
    const plain = openStores(url);
    plain.sessions.save(makeSession('early'));
    plain.close();
    const key = { kind: 'env' as const, keys: randomBytes(32).toString('base64') };
    const stores = track(openStores(url, { key }));
    expect(stores.sessions.load('early')?.conversationId).toBe('early');
    const db = track(new SyncPg(url));
    expect(db.one<{ data: string }>('SELECT data FROM sessions')?.data).toMatch(/^"enc:v1:/);
  });

  it('the CLI lists reports and rotates the key on PostgreSQL, every report readable after', () => {
    const url = cluster.freshDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-pgcli-'));
    try {
      const keyFile = path.join(dir, 'safestep.key');
      const env = { SAFESTEP_DATABASE_URL: url, SAFESTEP_KEY_FILE: keyFile, SAFESTEP_DATA_DIR: dir };
      const stores = openStores(url, { key: { kind: 'file', path: keyFile } });
      const { reference } = stores.reports.file(makeDraft({ firstMessage: TYPED }));
      stores.close();
      const db = track(new SyncPg(url));
      const before = pgKeyIdsInUse(db);
      const listed = runCli(['reports', 'list'], env);
      if (listed.status !== 0) throw new Error(listed.stderr);
      expect(listed.stdout).toContain(reference);
      const rotated = runCli(['keys', 'rotate'], env);
      expect(rotated.status).toBe(0);
      const after = pgKeyIdsInUse(db);
      expect(after).toHaveLength(1);
      expect(after).not.toEqual(before);
      const reopened = track(openStores(url, { key: { kind: 'file', path: keyFile } }));
      expect(reopened.reports.get(reference)?.firstMessage).toBe(TYPED);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ping fails while the database is down and recovers when it is back, with the same stores', () => {
    const stores = openStores(cluster.freshDatabase());
    try {
      stores.sessions.save(makeSession('before'));
      cluster.down();
      expect(() => stores.ping()).toThrow(expect.objectContaining({ code: 'store_open_error' }));
      expect(() => stores.sessions.save(makeSession('during'))).toThrow(expect.objectContaining({ code: 'store_write_error' }));
      cluster.up();
      expect(() => stores.ping()).not.toThrow();
      expect(stores.sessions.load('before')?.conversationId).toBe('before');
    } finally {
      stores.close();
    }
  });

  it('names the database without its password when it cannot be reached', () => {
    expect(() => openStores('postgres://safestep:s3cret@127.0.0.1:1/safestep')).toThrow(
      expect.objectContaining({ code: 'store_open_error', message: expect.not.stringContaining('s3cret') }),
    );
  });
});
