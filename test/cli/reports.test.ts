/**
 * `safestep reports` run in-process against a temp database seeded with three reports:
 * list / show / export (CSV safe for spreadsheets, JSON), unknown reference, bad usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { reports, localIso } from '../../src/cli/commands/reports';
import type { CliIO } from '../../src/cli/io';
import { loadConfig } from '../../src/config';
import type { FiledReport } from '../../src/core/report';
import { openStores } from '../../src/store/open-stores';
import { makeDraft, makeTempDir } from '../store/fixtures';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'content', 'base');
const TRICKY = '=cmd|\' /C calc\'!A0, she said "stop"\nthen left';

let temp: ReturnType<typeof makeTempDir>;
let env: NodeJS.ProcessEnv;
let seeded: FiledReport[];

/** Collects what is written to it as a string. */
class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new Collector();
  const stderr = new Collector();
  const io: CliIO = { stdin: Readable.from([]), stdout, stderr, root: ROOT, env };
  const code = await reports(args, io);
  return { code, out: stdout.text, err: stderr.text };
}

/** A minimal RFC 4180 reader, to prove the CSV round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') rows.push([...row, field]), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

beforeEach(() => {
  temp = makeTempDir();
  env = { SAFESTEP_DATA_DIR: temp.dir, SAFESTEP_CONTENT_DIR: FIXTURE };
  const stores = openStores(loadConfig(env, ROOT).dbPath);
  seeded = [
    stores.reports.file(
      makeDraft({
        createdAt: '2025-03-01T09:00:00.000Z',
        firstMessage: TRICKY,
        reporter: { id: 'U1', name: '@Sam, "Taylor"', role: 'TA' },
        answers: [{ question: 'Seen it?', answer: 'No, not yet' }],
      }),
    ),
    stores.reports.file(
      makeDraft({ createdAt: '2025-03-02T09:00:00.000Z', settingId: 'elm-nursery', urgency: 'immediate', dangerFlagged: true, dangerAnswer: 'yes' }),
    ),
    stores.reports.file(makeDraft({ createdAt: '2025-03-03T09:00:00.000Z', urgency: 'routine' })),
  ];
  stores.reports.acknowledge('SS-2025-0002', 'Dana DSL', '2025-03-02T10:00:00.000Z');
  stores.close();
});
afterEach(() => temp.cleanup());

/** deliverySummary() for a report no chat channel was told about, split into words. */
const NOT_SENT = ['not', 'sent', '(no', 'chat', 'channel)'];

describe('reports list', () => {
  it('prints a table, newest first, with local filed time, acknowledged yes/no and deliveries', async () => {
    const { code, out, err } = await run('list');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^REFERENCE\s+FILED\s+SETTING\s+FLOW\s+URGENCY\s+ACKNOWLEDGED\s+DELIVERY$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/))).toEqual([
      ['SS-2025-0003', localIso('2025-03-03T09:00:00.000Z'), 'oak-primary', 'nude-image-shared', 'routine', 'no', ...NOT_SENT],
      ['SS-2025-0002', localIso('2025-03-02T09:00:00.000Z'), 'elm-nursery', 'nude-image-shared', 'immediate', 'yes', ...NOT_SENT],
      ['SS-2025-0001', localIso('2025-03-01T09:00:00.000Z'), 'oak-primary', 'nude-image-shared', 'urgent', 'no', ...NOT_SENT],
    ]);
  });

  it('filters by setting and limits the count', async () => {
    const bySetting = await run('list', '--setting', 'oak-primary');
    expect(bySetting.out).not.toContain('SS-2025-0002');
    expect(bySetting.out.trimEnd().split('\n')).toHaveLength(3);
    const limited = await run('list', '--limit', '1');
    expect(limited.out.trimEnd().split('\n').slice(1).map((l) => l.split(' ')[0])).toEqual(['SS-2025-0003']);
  });

  it('says so when there is no database yet, without creating one', async () => {
    env = { SAFESTEP_DATA_DIR: path.join(temp.dir, 'fresh'), SAFESTEP_CONTENT_DIR: FIXTURE };
    expect(await run('list')).toEqual({ code: 0, out: 'No reports filed.\n', err: '' });
    expect(fs.existsSync(path.join(temp.dir, 'fresh'))).toBe(false);
  });

  it('warns the DSL first when a policy document is past its review date', async () => {
    env = { ...env, SAFESTEP_TODAY: '2099-06-01' };
    const { code, out } = await run('list', '--setting', 'little-acorns');
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('POLICY REVIEW OVERDUE');
    expect(out).toContain('was due for review on 2099-03-01');
    expect(out).not.toContain('2099-09-01');
  });
});

describe('reports show', () => {
  it('prints every field of the report as readable text', async () => {
    await run('list'); // reading never changes the report
    const { code, out, err } = await run('show', 'SS-2025-0002');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    for (const expected of [
      'Report SS-2025-0002',
      `Filed:          ${localIso('2025-03-02T09:00:00.000Z')}`,
      'Setting:        Oak Primary School (elm-nursery)',
      'Reporter:       Sam Taylor, TA [id U-TA-1]',
      'Channel:        console',
      'Flow:           A nude or semi-nude image has been shared (nude-image-shared)',
      'Category:       conduct',
      'Urgency:        immediate',
      'Danger flagged: yes',
      'Danger asked:   yes',
      `Acknowledged:   by Dana DSL at ${localIso('2025-03-02T10:00:00.000Z')}`,
      'A pupil told me a photo of them is going round.',
      '  - Have you seen the image?\n    No',
      '  What to do now\n    1. Do not view, copy or forward the image.\n      [online-safety §4.2]',
      '  - What did the child say, in their own words?\n    "It is everywhere."',
      'Policy version: online-safety 2024-09-01; flow nude-image-shared v1',
    ]) {
      expect(out).toContain(expected);
    }
  });

  it('indents a multi-line first message and says "no" when not acknowledged', async () => {
    const { out } = await run('show', 'SS-2025-0001');
    expect(out).toContain('Acknowledged:   no');
    expect(out).toContain('Danger asked:   not asked');
    expect((await run('show', 'ss-2025-0001')).out).toBe(out); // references are not case-sensitive
    expect(out).toContain(`First message:\n  =cmd|' /C calc'!A0, she said "stop"\n  then left`);
  });

  it('fails with exit 1 and a message on stderr for an unknown reference', async () => {
    expect(await run('show', 'SS-1999-0001')).toEqual({
      code: 1,
      out: '',
      err: 'No report with reference "SS-1999-0001".\n',
    });
  });
});

describe('reports export', () => {
  it('exports JSON: an array of FiledReport, newest first, optionally of one setting', async () => {
    const all = await run('export', '--format', 'json');
    expect(all.code).toBe(0);
    const acknowledged = { ...seeded[1], acknowledgedBy: 'Dana DSL', acknowledgedAt: '2025-03-02T10:00:00.000Z' };
    expect(JSON.parse(all.out)).toEqual([seeded[2], acknowledged, seeded[0]]);
    const elm = await run('export', '--format', 'json', '--setting', 'elm-nursery');
    expect(JSON.parse(elm.out)).toEqual([acknowledged]);
  });

  it('exports RFC 4180 CSV that round-trips and defuses spreadsheet formulas', async () => {
    const { code, out } = await run('export', '--format', 'csv');
    expect(code).toBe(0);
    expect(out.endsWith('\r\n')).toBe(true);
    expect(out).toContain(`"'=cmd|' /C calc'!A0, she said ""stop""\nthen left"`);
    const rows = parseCsv(out);
    expect(rows[0]).toEqual([
      'reference', 'created_at', 'setting_id', 'flow_id', 'category', 'urgency', 'danger', 'reporter_id',
      'reporter_name', 'reporter_role', 'first_message', 'answers', 'account', 'acknowledged_by', 'acknowledged_at', 'danger_question',
    ]);
    expect(rows.map((r) => r[0])).toEqual(['reference', 'SS-2025-0003', 'SS-2025-0002', 'SS-2025-0001']);
    expect(rows.every((r) => r.length === 16)).toBe(true);
    expect(rows[2]).toEqual(expect.arrayContaining(['elm-nursery', 'immediate', 'yes', 'Dana DSL', '2025-03-02T10:00:00.000Z']));
    expect(rows[2]?.[15]).toBe('yes');
    expect(rows[3]?.[15]).toBe('');
    const oldest = rows[3] ?? [];
    expect(oldest[1]).toBe('2025-03-01T09:00:00.000Z');
    expect(oldest[8]).toBe(`'@Sam, "Taylor"`);
    expect(oldest[10]).toBe(`'${TRICKY}`);
    expect(oldest[11]).toBe('Seen it?: No, not yet');
    expect(oldest[12]).toBe('What did the child say, in their own words?: "It is everywhere."');
  });

  it('filters CSV by setting', async () => {
    const rows = parseCsv((await run('export', '--format', 'csv', '--setting', 'elm-nursery')).out);
    expect(rows.map((r) => r[0])).toEqual(['reference', 'SS-2025-0002']);
  });
});

describe('reports usage and failures', () => {
  it.each([
    [[]],
    [['nonsense']],
    [['list', '--limit', 'abc']],
    [['list', '--limit', '0']],
    [['list', '--nope']],
    [['list', 'extra']],
    [['show']],
    [['show', 'A', 'B']],
    [['export']],
    [['export', '--format', 'xml']],
    [['export', '--format']],
  ])('rejects %j with usage on stderr and exit 2', async (args: string[]) => {
    const { code, out, err } = await run(...args);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toMatch(/^Usage:\n {2}safestep reports list/);
  });

  it('prints usage on stdout for help', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage:/);
  });

  it('fails with exit 1 naming the path when the database cannot be opened', async () => {
    const dbPath = loadConfig(env, ROOT).dbPath;
    fs.rmSync(`${dbPath}-wal`, { force: true });
    fs.rmSync(`${dbPath}-shm`, { force: true });
    fs.writeFileSync(dbPath, 'not a database '.repeat(100));
    const { code, out, err } = await run('list');
    expect({ code, out }).toEqual({ code: 1, out: '' });
    expect(err).toContain(`Could not open the SafeStep database at ${dbPath}`);
  });
});

describe('localIso', () => {
  it('is an ISO 8601 local time with offset for the same instant', () => {
    const iso = '2025-07-04T23:30:05.000Z';
    expect(localIso(iso)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect(Date.parse(localIso(iso))).toBe(Date.parse(iso));
    expect(localIso('not a date')).toBe('not a date');
  });
});
