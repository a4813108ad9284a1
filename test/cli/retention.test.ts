/**
 * Retention and legal hold with the real CLI against a real (encrypted) SQLite file: old
 * unfinished conversations go after the retention period (SAFESTEP_RETENTION_DAYS, or the
 * profile's, default 30); reports go only where the profile sets a report retention, and never
 * while on legal hold; `SAFESTEP_TODAY` moves "today"; every hold and release is kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { loadConfig } from '../../src/config';
import { openStores } from '../../src/store/open-stores';
import { runCli } from '../support/cli-process';
import { makeDraft, makeSession, makeTempDir } from '../store/fixtures';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'content', 'base');

let temp: ReturnType<typeof makeTempDir>;
let env: Record<string, string>;
const refs: string[] = [];

beforeAll(() => {
  temp = makeTempDir();
  const contentDir = path.join(temp.dir, 'content-root');
  fs.cpSync(FIXTURE, contentDir, { recursive: true });
  const file = path.join(contentDir, 'content', 'settings', 'oak-primary.yaml');
  const profile = YAML.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(file, YAML.stringify({ ...profile, retention: { sessionDays: 10, reportYears: 6 } }));
  env = { SAFESTEP_DATA_DIR: path.join(temp.dir, 'data'), SAFESTEP_CONTENT_DIR: contentDir, SAFESTEP_TODAY: '2032-06-01' };
  const config = loadConfig(env, ROOT);
  const stores = openStores(config.dbPath, { key: config.key });
  for (const createdAt of ['2025-01-10T09:00:00.000Z', '2025-02-10T09:00:00.000Z', '2031-01-10T09:00:00.000Z']) refs.push(stores.reports.file(makeDraft({ createdAt })).reference);
  refs.push(stores.reports.file(makeDraft({ createdAt: '2020-01-10T09:00:00.000Z', settingId: 'little-acorns' })).reference);
  stores.cases.add({ reference: refs[0]!, kind: 'note', by: 'slack:U0DSL', at: '2025-01-11T09:00:00.000Z', text: 'kept until retention' });
  const old = makeSession('conv-old');
  old.updatedAt = '2032-05-01T09:00:00.000Z';
  stores.sessions.save(old);
  const recent = makeSession('conv-recent');
  recent.updatedAt = '2032-05-30T09:00:00.000Z';
  stores.sessions.save(recent);
  stores.close();
});
afterAll(() => temp.cleanup());

test('a report on legal hold is never removed; conversations past the period are; holds are kept and shown', () => {
  const hold = runCli(['reports', 'hold', refs[1]!, '--by', 'Camilla Claxton', '--reason', 'Police investigation'], env);
  expect(hold.stdout).toContain(`${refs[1]} is on legal hold`);
  expect(runCli(['reports', 'hold', refs[1]!], env).status).toBe(2); // --by and --reason are required

  const run = runCli(['retention', 'run'], env);
  expect(run.stderr).toBe('');
  expect(run.stdout).toBe(
    `Removed 1 conversation(s) not updated for 10 days (before 2032-05-22).\nRemoved reports past their retention period: ${refs[0]}.\nKept on legal hold: ${refs[1]}.\n`,
  );
  const config = loadConfig(env, ROOT);
  const stores = openStores(config.dbPath, { key: config.key, mustExist: true });
  expect(stores.reports.list().map((r) => r.reference).sort()).toEqual([refs[1], refs[2], refs[3]].sort());
  expect(stores.cases.forReport(refs[0]!)).toEqual([]);
  expect(stores.sessions.load('conv-old')).toBeUndefined();
  expect(stores.sessions.load('conv-recent')).toBeDefined();
  // The audit trail keeps the removal (no content), and the hold.
  expect(stores.audit.forReport(refs[0]!).map((a) => a.what)).toEqual(['retention-delete']);
  expect(stores.audit.forReport(refs[1]!).map((a) => a.what)).toEqual(['hold']);
  stores.close();

  const show = runCli(['reports', 'show', refs[1]!], env);
  expect(show.stdout).toMatch(/Legal hold: ON\n.*hold {2}cli:\S+ \(Camilla Claxton\)\n {6}Police investigation/);

  expect(runCli(['reports', 'release', refs[1]!, '--by', 'Camilla Claxton', '--reason', 'Investigation closed'], env).stdout).toContain('released');
  expect(runCli(['retention', 'run'], env).stdout).toContain(`Removed reports past their retention period: ${refs[1]}.`);
});

test('without a report retention in the profile, reports are never removed; SAFESTEP_RETENTION_DAYS overrides the days', () => {
  const run = runCli(['retention', 'run'], { ...env, SAFESTEP_TODAY: '2099-01-01', SAFESTEP_RETENTION_DAYS: '5' });
  expect(run.stdout).toContain('not updated for 5 days');
  const config = loadConfig(env, ROOT);
  const stores = openStores(config.dbPath, { key: config.key, mustExist: true });
  expect(stores.reports.get(refs[3]!)).toBeDefined(); // little-acorns sets no report retention
  stores.close();
});
