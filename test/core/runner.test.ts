import { ConversationRunner, type RunnerDeps } from '../../src/core/runner';
import type { Inbound, Reply } from '../../src/core/messages';
import type { Logger, Notifier, ReportStore } from '../../src/core/ports';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStores } from '../../src/store/open-stores';
import { FailingReportStore, MemoryReportStore, MemorySessionStore } from '../../src/store/memory';
import { bundle } from '../doubles/content';
import { fakeClock, stubDanger, stubRouter } from '../doubles/nlu';

function recordingLog() {
  const events: { level: string; event: string; fields?: Record<string, unknown> }[] = [];
  const log: Logger = {
    info: (event, fields) => events.push({ level: 'info', event, fields }),
    warn: (event, fields) => events.push({ level: 'warn', event, fields }),
    error: (event, fields) => events.push({ level: 'error', event, fields }),
  };
  return { log, events };
}

function runner(over: Partial<RunnerDeps> = {}) {
  const { log, events } = recordingLog();
  const deps: RunnerDeps = {
    content: bundle,
    router: stubRouter,
    danger: stubDanger,
    sessions: new MemorySessionStore(),
    reports: new MemoryReportStore(),
    transaction: (work) => work(),
    clock: fakeClock(),
    log,
    ...over,
  };
  return { runner: new ConversationRunner(deps), deps, events };
}

const conv = { channel: 'test', conversationId: 'c1', user: { id: 'u1', name: 'Ann' }, settingId: 'alpha' };
const msg = (text: string): Inbound => ({ ...conv, text });
const choose = (choice: string): Inbound => ({ ...conv, choice });

async function fileOne(r: ConversationRunner): Promise<Reply[]> {
  await r.handle(msg('an image'));
  await r.handle(choose('told'));
  await r.handle(choose('no'));
  await r.handle(msg('The facts, with a child name: Zed.'));
  return r.handle(msg('skip'));
}

describe('ConversationRunner', () => {
  test('files the report, then replies with the receipt carrying the committed reference', async () => {
    const reports = new MemoryReportStore();
    const { runner: r, events } = runner({ reports });
    const replies = await fileOne(r);
    const receipt = replies.find((x) => x.type === 'report');
    expect(receipt).toMatchObject({ type: 'report', reference: 'SS-2026-0001', urgency: 'urgent', flow: 'image' });
    expect(reports.get('SS-2026-0001')?.account[0]?.text).toContain('Zed');
    expect(events.find((e) => e.event === 'report_filed')?.fields).toEqual({ reference: 'SS-2026-0001', urgency: 'urgent', flow: 'image' });
    expect(JSON.stringify(events)).not.toContain('Zed');
  });

  test('when the store cannot commit, nobody is told it was filed and the account is handed back', async () => {
    const { runner: r, events } = runner({ reports: new FailingReportStore() });
    const replies = await fileOne(r);
    expect(replies.map((x) => x.type)).not.toContain('report');
    const text = replies.map((x) => ('text' in x ? x.text : '')).join('\n');
    expect(text).toContain('NOT saved');
    expect(text).toContain('Zed');
    expect(events.some((e) => e.level === 'error' && e.event === 'report_file_failed')).toBe(true);
  });

  test('records the DSL deliveries inside the filing, and sends them only once it is committed', async () => {
    const reports = new MemoryReportStore();
    const recorded: string[] = [];
    const committedAtDispatch: boolean[] = [];
    let inTransaction = false;
    const notifier: Notifier = {
      record: (report) => {
        recorded.push(`${report.reference}:${inTransaction}`);
        return [{ id: 1, reference: report.reference, channel: 'slack', target: 'U1', purpose: 'report-filed', status: 'pending', attempts: 0, createdAt: '' }];
      },
      dispatch: (rows) => committedAtDispatch.push(!inTransaction && rows.every((d) => reports.get(d.reference) !== undefined)),
    };
    const transaction = <T>(work: () => T): T => {
      inTransaction = true;
      try {
        return work();
      } finally {
        inTransaction = false;
      }
    };
    const replies = await fileOne(runner({ reports, notifier, transaction }).runner);
    expect(recorded).toEqual(['SS-2026-0001:true']);
    expect(committedAtDispatch).toEqual([true]);
    expect(replies.some((x) => x.type === 'report')).toBe(true);
  });

  test('filing is one transaction: if the conversation cannot be saved, the report is rolled back and never said to be filed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-runner-'));
    const stores = openStores(path.join(dir, 'safestep.db'));
    try {
      const save = stores.sessions.save.bind(stores.sessions);
      let failing = false;
      stores.sessions.save = (session) => {
        if (failing) throw Object.assign(new Error('disk'), { code: 'store_write_error' });
        save(session);
      };
      const { runner: r } = runner({ sessions: stores.sessions, reports: stores.reports, transaction: stores.transaction });
      await r.handle(msg('an image'));
      await r.handle(choose('told'));
      await r.handle(choose('no'));
      await r.handle(msg('The facts, with a child name: Zed.'));
      failing = true;
      const replies = await r.handle(msg('skip'));
      expect(stores.reports.list()).toEqual([]);
      expect(replies.map((x) => x.type)).not.toContain('report');
      expect(replies.map((x) => ('text' in x ? x.text : '')).join('\n')).toContain('NOT saved');
    } finally {
      stores.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a conversation survives a new runner on the same session store (a restart)', async () => {
    const sessions = new MemorySessionStore();
    await runner({ sessions }).runner.handle(msg('an image'));
    const second = runner({ sessions }).runner;
    const resumed = await second.start(conv);
    expect(resumed.at(-1)).toMatchObject({ type: 'question', id: 'where' });
    const next = await second.handle(choose('device'));
    expect(next.at(-1)).toMatchObject({ type: 'question', id: 'risk' });
  });

  test('messages of one conversation are handled one at a time, in order', async () => {
    const { runner: r, deps } = runner();
    await Promise.all([r.handle(msg('an image')), r.handle(choose('device')), r.handle(choose('yes'))]);
    expect(deps.sessions.load('c1')?.answers.map((a) => a.choice)).toEqual(['device', 'yes']);
  });

  test('an unknown setting is refused with the valid ones listed', async () => {
    const { runner: r } = runner();
    await expect(r.handle({ ...msg('hi'), settingId: 'nowhere' })).rejects.toMatchObject({ code: 'unknown_setting', message: expect.stringContaining('alpha, beta') });
  });

  test('a session store that fails to save does not stop the replies', async () => {
    const sessions = new MemorySessionStore();
    sessions.save = () => {
      throw Object.assign(new Error('disk'), { code: 'store_write_error' });
    };
    const { runner: r, events } = runner({ sessions });
    const replies = await r.handle(msg('an image'));
    expect(replies.at(-1)).toMatchObject({ type: 'question' });
    expect(events.some((e) => e.event === 'session_save_failed')).toBe(true);
  });

  test('a report store that throws something odd still never says filed', async () => {
    const broken: ReportStore = { ...new MemoryReportStore(), file: () => { throw 'nope'; }, get: () => undefined, list: () => [], acknowledge: () => undefined };
    const replies = await fileOne(runner({ reports: broken }).runner);
    expect(replies.map((x) => x.type)).not.toContain('report');
  });
});

