/**
 * The decisions every channel gets from the host, the same for Slack and Teams: who may see or
 * acknowledge a report (and of which setting), the failure reply, and when the platform-retention
 * notice is given. Built on the real app (content, SQLite file), with a clock the test moves.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Reply } from '../../src/core/host';
import { makeDraft } from '../store/fixtures';

const ROOT = path.resolve(__dirname, '..', '..');
let app: App;
let dir: string;
let now = Date.parse('2026-12-01T09:00:00Z');
const events: string[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-host-'));
  const config = loadConfig(
    { SAFESTEP_DATA_DIR: dir, SAFESTEP_SETTING: 'upton-junior', SLACK_BOT_TOKEN: 'x', SLACK_SIGNING_SECRET: 's', SLACK_DSL_USERS: 'U0DSL', TEAMS_DSL_USERS: 'aad-dsl', SAFESTEP_TEAMS_LOCAL: '1' },
    ROOT,
  );
  const record = (e: string) => void events.push(e);
  app = buildApp(config, { info: record, warn: record, error: record }, () => new Date(now));
});
afterEach(() => {
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const who = (channel: string, id = 'U0TA') => ({ channel, conversationId: `${channel}:T:${id}`, user: { id, name: 'Jo Pike' } });
const footnotes = (replies: Reply[]) => replies.filter((r) => r.type === 'footnote');
const file = (settingId = 'upton-junior') => app.stores.reports.file(makeDraft({ channel: 'slack', settingId, reporter: { id: 'U0TA' } }));

describe.each(['slack', 'teams'])('on %s', (channel) => {
  const dsl = channel === 'slack' ? 'U0DSL' : 'aad-dsl';

  test('only the setting’s DSLs may view or acknowledge a report; everyone else is refused, and told nothing of it', async () => {
    const r = file();
    const refused = app.host.viewReport({ channel, userId: 'U0TA' }, r.reference);
    expect(refused).toEqual({ ok: false, say: [expect.stringContaining('only the DSL')] });
    expect(JSON.stringify(refused)).not.toContain(r.firstMessage);
    expect((await app.host.acknowledge({ channel, userId: 'U0TA' }, r.reference)).ok).toBe(false);
    expect(app.stores.reports.get(r.reference)?.acknowledgedAt).toBeUndefined();
    const view = app.host.viewReport({ channel, userId: dsl }, r.reference);
    expect(view.ok && view.value.sections.some((s) => s.items.some((i) => i.text === r.firstMessage))).toBe(true);
    const ack = await app.host.acknowledge({ channel, userId: dsl, name: 'Camilla' }, r.reference);
    expect(ack.ok && ack.value.notice.acknowledged).toBeDefined();
    expect(app.stores.reports.get(r.reference)?.acknowledgedBy).toBe(`${channel}:${dsl}`);
    expect(events).toContain('report_view_refused');
    expect(events).toContain('report_viewed');
  });

  test('a DSL cannot open or acknowledge a report of another setting', async () => {
    const other = file('headcorn-primary');
    expect(app.host.viewReport({ channel, userId: dsl }, other.reference)).toEqual({ ok: false, say: [expect.stringContaining(other.reference)] });
    expect(await app.host.acknowledge({ channel, userId: dsl }, other.reference)).toEqual({ ok: false, say: [expect.stringContaining(other.reference)] });
    expect(app.stores.reports.get(other.reference)?.acknowledgedAt).toBeUndefined();
  });

  test('a failed turn gets the core’s reply (tell the DSL in person), never silence', async () => {
    app.runner.handle = () => Promise.reject(new Error('boom'));
    const replies = await app.host.turn({ ...who(channel), text: 'a parent messaged me on Facebook' });
    expect(replies[0]).toMatchObject({ type: 'error' });
    expect(replies[0]!.type === 'error' && replies[0]!.text).toContain('DSL');
    expect(events).toContain('turn_failed');
  });

  test('the platform keeps messages: said at first contact, again after a school day with nothing under way', async () => {
    expect(footnotes(await app.host.start(who(channel)))).toHaveLength(1);
    expect(footnotes(await app.host.start(who(channel)))).toHaveLength(0);
    now += 9 * 60 * 60_000;
    expect(footnotes(await app.host.start(who(channel)))).toHaveLength(1);
    // Mid-conversation it is never repeated, however long the pause.
    await app.host.turn({ ...who(channel), text: 'a parent messaged me on my personal Facebook' });
    now += 9 * 60 * 60_000;
    expect(footnotes(await app.host.turn({ ...who(channel), text: 'menu' }))).toEqual([]);
  });
});

test('the console keeps nothing, so it gets no retention notice', async () => {
  expect(footnotes(await app.host.start({ ...who('console'), settingId: 'upton-junior' }))).toEqual([]);
});

test('quiz commands are the content’s phrases', () => {
  expect(app.host.quizCommand({ channel: 'slack' }, 'Quiz')).toBe('start');
  expect(app.host.quizCommand({ channel: 'slack' }, 'quiz report')).toBe('report');
  expect(app.host.quizCommand({ channel: 'slack' }, 'a pupil has a quiz app')).toBeUndefined();
});
