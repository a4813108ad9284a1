/**
 * The DSL's desk on the command line, against a real (encrypted) SQLite file: `reports show`
 * prints the report then its whole history in time order; `reports export REF --format
 * cpoms|myconcern` lays it out for the school's recording system with the child's words verbatim
 * and marked; every show, audit and export is in `reports audit REF`; no command changes the
 * report. A database holding encrypted data and no key is a clear refusal — for the CLI and for
 * the server, each in its own process.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { loadContent } from '../../src/authoring/load';
import { reports } from '../../src/cli/commands/reports';
import type { CliIO } from '../../src/cli/io';
import { loadConfig } from '../../src/config';
import type { ReportStep } from '../../src/core/model';
import { render } from '../../src/core/template';
import { openStores } from '../../src/store/open-stores';
import { CLI, ROOT, runCli } from '../support/cli-process';
import { makeDraft, makeTempDir } from '../store/fixtures';

const content = loadContent(ROOT);
const setting = content.settings.get('upton-junior')!;
const prompts = (Object.values(content.flows.get('nude-image-pupil')!.steps).find((s) => s.type === 'report') as ReportStep).prompts;
const WORDS = "he said 'everyone has it miss'";

class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

let temp: ReturnType<typeof makeTempDir>;
let env: Record<string, string>;
let reference: string;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new Collector();
  const stderr = new Collector();
  const io: CliIO = { stdin: Readable.from([]), stdout, stderr, root: ROOT, env };
  return { code: await reports(args, io), out: stdout.text, err: stderr.text };
}

beforeAll(() => {
  temp = makeTempDir();
  env = { SAFESTEP_DATA_DIR: temp.dir };
  const config = loadConfig(env, ROOT);
  const stores = openStores(config.dbPath, { key: config.key });
  const text: Record<string, string> = { who: 'Year 6 pupil A', what: 'An image on a phone', 'own-words': WORDS, actions: 'Phone locked in the office' };
  const r = stores.reports.file(
    makeDraft({
      settingId: setting.id,
      settingName: setting.name,
      flowId: 'nude-image-pupil',
      reporter: { id: 'U0TA', name: 'Jo Pike', role: 'TA' },
      account: prompts.filter((p) => text[p.id]).map((p) => ({ prompt: render(p.text, setting), text: text[p.id]! })),
    }),
  );
  reference = r.reference;
  stores.reports.acknowledge(reference, 'slack:U0DSL', '2026-03-01T10:00:00.000Z');
  stores.cases.add({ reference, kind: 'acknowledged', by: 'slack:U0DSL', at: '2026-03-01T10:00:00.000Z' });
  stores.cases.add({ reference, kind: 'note', by: 'slack:U0DSL', byName: 'Camilla Claxton', at: '2026-03-01T11:00:00.000Z', text: 'Spoke to parents' });
  stores.cases.add({ reference, kind: 'action', by: 'slack:U0DSL', at: '2026-03-01T12:00:00.000Z', text: 'Ring the LADO', assignee: 'Mr Head', due: '2026-03-05' });
  stores.cases.add({ reference, kind: 'correction', by: 'slack:U0DSL', at: '2026-03-01T13:00:00.000Z', text: 'It was Tuesday', corrects: 'entry:2' });
  stores.cases.add({ reference, kind: 'outcome', by: 'slack:U0DSL', at: '2026-03-01T14:00:00.000Z', outcome: 'Early help' });
  stores.close();
});
afterAll(() => temp.cleanup());

test('reports show prints the report, then its whole history in time order', async () => {
  const { code, out } = await run('show', reference);
  expect(code).toBe(0);
  const history = out.slice(out.indexOf('History:'));
  const order = ['#1', 'Acknowledged', '#2', 'Note', 'Spoke to parents', '#3', 'Action', 'Mr Head', '2026-03-05', 'Ring the LADO', '#4', 'Correction', '#2', 'It was Tuesday', '#5', 'Outcome (closed)', 'Early help'];
  let at = 0;
  for (const piece of order) {
    const next = history.indexOf(piece, at);
    expect({ piece, found: next >= 0 }).toEqual({ piece, found: true });
    at = next + piece.length;
  }
  expect(out.indexOf('Factual account:')).toBeLessThan(out.indexOf('History:'));
});

test.each(['cpoms', 'myconcern'] as const)('reports export REF --format %s lays the report out for the recording system', async (format) => {
  const { code, out } = await run('export', reference, '--format', format);
  expect(code).toBe(0);
  const d = content.catalog.desk;
  expect(out.split('\n')[0]).toBe(render(format === 'cpoms' ? d.exportCpomsHeading : d.exportMyConcernHeading, setting, { reference }));
  expect(out).toContain(`${d.exportChildWords}:\n"${WORDS}"`);
  expect(out).toContain(`${d.exportAbout}:\nYear 6 pupil A`);
  expect(out).toContain(`${d.exportReporter}:\nJo Pike, TA`);
  for (const t of ['Phone locked in the office (Jo Pike, TA)', 'Ring the LADO', 'Mr Head', 'Early help', 'It was Tuesday', d.exportTold, d.exportSeenHeard]) expect(out).toContain(t);
});

test('CSV and JSON exports keep working', async () => {
  expect((await run('export', '--format', 'csv')).out).toContain(reference);
  expect(JSON.parse((await run('export', '--format', 'json')).out)[0].reference).toBe(reference);
});

test('reports audit lists every show, export and audit made above, oldest first, from the command line; nothing changed the report', async () => {
  const before = await run('audit', reference);
  const lines = before.out.trim().split('\n').map((l) => l.split(/\s{2,}/).slice(1).join(' '));
  const who = lines[0]!.split(' ')[1]!;
  expect(who).toMatch(/^cli:/);
  expect(lines).toEqual(['show', 'export-cpoms', 'export-myconcern', 'export-csv', 'export-json', 'audit'].map((what) => `cli ${who} ${what} ok`));
  const config = loadConfig(env, ROOT);
  const stores = openStores(config.dbPath, { key: config.key, mustExist: true });
  expect(stores.reports.get(reference)!.account.find((a) => a.text === WORDS)).toBeDefined();
  expect(stores.cases.forReport(reference)).toHaveLength(5);
  stores.close();
});

test('an unknown reference is refused and the attempt is audited', async () => {
  const { code, err } = await run('show', 'SS-2026-9999');
  expect(code).toBe(1);
  expect(err).toContain('No report with reference "SS-2026-9999"');
  const config = loadConfig(env, ROOT);
  const stores = openStores(config.dbPath, { key: config.key, mustExist: true });
  expect(stores.audit.forReport('SS-2026-9999').map((a) => [a.what, a.result])).toEqual([['show', 'unknown']]);
  stores.close();
});

test('without its key, the CLI and the server refuse, naming the key; no new key is made', () => {
  const keyFile = path.join(temp.dir, 'safestep.key');
  fs.renameSync(keyFile, `${keyFile}.away`);
  try {
    const cli = runCli(['reports', 'show', reference], env);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(keyFile);
    expect(cli.stdout).not.toContain(WORDS);
    const server = spawnSync(process.execPath, [path.join(path.dirname(CLI), '..', 'main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env, SAFESTEP_SETTING: 'upton-junior', SAFESTEP_TEAMS_LOCAL: '1', PORT: '0', SAFESTEP_LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 20000,
    });
    expect(server.status).toBe(1);
    expect(server.stderr).toMatch(/^SafeStep could not start: The database holds encrypted reports, but the key file .*safestep\.key/);
    expect(fs.existsSync(keyFile)).toBe(false);
  } finally {
    fs.renameSync(`${keyFile}.away`, keyFile);
  }
});
