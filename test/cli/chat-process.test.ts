/**
 * The JSON-lines protocol end to end through the real CLI process, a real SQLite file, and a
 * second process for the restart. Also: unwritable database, unknown setting, long messages.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChatProcess, ROOT, runCli, type JsonReply } from '../support/cli-process';

let dataDir: string;
let env: Record<string, string>;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'safestep-cli-'));
  env = { SAFESTEP_DATA_DIR: dataDir, SAFESTEP_LOG_LEVEL: 'silent' };
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const types = (rs: JsonReply[]) => rs.map((r) => r.type);
const last = (rs: JsonReply[]) => rs[rs.length - 1]!;

describe('safestep chat --json', () => {
  test('a blank line is answered (just an await), and a {"user"} line may still follow it', async () => {
    const chat = new ChatProcess(['--setting', 'upton-junior'], env);
    await chat.untilAwait();
    expect(await chat.sendRaw('')).toEqual([]);
    expect(await chat.sendRaw(' \t ')).toEqual([]);
    const greeted = await chat.send({ user: { id: 'ta-9', name: 'Jo Pike' } });
    expect(types(greeted)).not.toContain('error');
    expect(greeted[0]).toMatchObject({ type: 'text', text: expect.stringContaining('Upton Junior School') });
    expect(await chat.end()).toBe(0);
  });

  test('a whole conversation: greeting, routing, questions, advice, bad lines, files, and a filed report', async () => {
    const chat = new ChatProcess(['--setting', 'upton-junior'], env);
    const greeting = await chat.untilAwait();
    expect(greeting[0]).toMatchObject({ type: 'text', text: expect.stringContaining('Upton Junior School') });

    await chat.send({ user: { id: 'ta-9', name: 'Jo Pike', role: 'TA' } });
    const routed = await chat.send({ text: 'found a nude photo on a year 6 pupils phone' });
    expect(last(routed)).toMatchObject({ type: 'question', id: 'where-is-it', choices: expect.arrayContaining([{ id: 'device-with-me', label: expect.any(String) }]) });

    expect(await chat.sendRaw('this is not json')).toEqual([{ type: 'error', text: expect.stringContaining('not valid JSON') }]);
    expect(await chat.send({ colour: 'blue' })).toEqual([{ type: 'error', text: expect.any(String) }]);

    const withFile = await chat.send({ files: [{ name: 'IMG_0001.jpg' }] });
    expect(types(withFile)).toEqual(['warning', 'text', 'question']);

    await chat.send({ choice: 'device-with-me' });
    const advice = await chat.send({ choice: 'risk-no' });
    expect(types(advice)).toEqual(['advice', 'text', 'question']);
    const steps = (advice[0] as unknown as { steps: { text: string; citations: { document: string; section: string }[] }[] }).steps;
    expect(steps.every((s) => s.citations.length > 0)).toBe(true);
    expect(steps.flatMap((s) => s.citations)).toContainEqual(expect.objectContaining({ document: 'upton-junior-mobile-smart-tech-and-social-media-2022', section: 'MST 6.1' }));

    for (const text of ['Sam, 6B', 'Saw it when I took the phone', 'skip', 'skip']) await chat.send({ text });
    const filed = await chat.send({ text: 'Phone locked in the office' });
    expect(filed[0]).toMatchObject({ type: 'report', reference: 'SS-2026-0001', urgency: 'urgent', flow: 'nude-image-pupil' });
    expect(await chat.end()).toBe(0);

    const list = runCli(['reports', 'list', '--setting', 'upton-junior'], { ...env, SAFESTEP_TODAY: '2026-11-21' });
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('SS-2026-0001');
    expect(list.stdout).toContain('POLICY REVIEW OVERDUE');
    expect(list.stdout).toContain('upton-junior-online-safety-2018) was due for review on 2019-10-31');
    expect(list.stdout).not.toContain('Headcorn');
    const show = runCli(['reports', 'show', 'SS-2026-0001'], env);
    expect(show.stdout).toContain('Jo Pike');
    expect(show.stdout).toContain('Phone locked in the office');
    expect(show.stdout).not.toContain('IMG_0001');
  });

  test('a restart in mid-conversation resumes where the person was', async () => {
    const first = new ChatProcess(['--setting', 'rainbow-preschool', '--user', 'kim'], env);
    await first.untilAwait();
    await first.send({ text: 'a mum sent me a friend request on facebook' });
    const q = await first.send({ choice: 'request' });
    expect(last(q)).toMatchObject({ id: 'replied' });
    expect(await first.end()).toBe(0);

    const second = new ChatProcess(['--setting', 'rainbow-preschool', '--user', 'kim'], env);
    const resumed = await second.untilAwait();
    expect(last(resumed)).toMatchObject({ type: 'question', id: 'replied' });
    const advice = await second.send({ choice: 'replied-no' });
    expect(advice[0]).toMatchObject({ type: 'advice' });
    await second.end();
  });

  test('when the database cannot be written, the person is told the report was NOT saved', async () => {
    const broken = { ...env, SAFESTEP_DATA_DIR: '/dev/null/safestep' };
    const chat = new ChatProcess(['--setting', 'headcorn-primary'], broken);
    await chat.untilAwait();
    await chat.send({ text: 'a parent sent me a message on my personal facebook' });
    await chat.send({ choice: 'message' });
    await chat.send({ choice: 'worry-no' });
    await chat.send({ choice: 'replied-no' });
    for (const text of ['Mum of Ava', 'Facebook message about homework', 'skip']) await chat.send({ text });
    const outcome = await chat.send({ text: 'skip' });
    expect(types(outcome)).not.toContain('report');
    expect(JSON.stringify(outcome)).toContain('could NOT save');
    expect(JSON.stringify(outcome)).toContain('Facebook message about homework');
    await chat.end();
  });

  test('a message over 4,000 characters gets a clear answer and the session carries on', async () => {
    const chat = new ChatProcess(['--setting', 'east-stour-primary'], env);
    await chat.untilAwait();
    const long = await chat.send({ text: 'a'.repeat(5000) });
    expect(long).toEqual([{ type: 'text', text: expect.stringContaining('too long') }]);
    const next = await chat.send({ text: 'can i keep my phone in my pocket in lessons' });
    expect(last(next)).toMatchObject({ type: 'question' });
    await chat.end();
  });
});

describe('safestep commands as processes', () => {
  test('an unknown setting is refused with the valid ones listed', () => {
    const r = runCli(['chat', '--json', '--setting', 'hogwarts'], env, '');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Unknown setting "hogwarts"');
    expect(r.stderr).toContain('upton-junior');
  });

  test('validate passes on the real content and warns of every policy past its review date', () => {
    const r = runCli(['validate'], { ...env, SAFESTEP_TODAY: '2026-11-21' });
    expect(r.status).toBe(0);
    const profiles = readdirSync(path.join(ROOT, 'content', 'settings')).filter((f) => f.endsWith('.yaml'));
    expect(r.stdout).toMatch(new RegExp(`validate: \\d+ flows, ${profiles.length} settings OK \\(\\d+ policy review warnings?\\)`));
    // Two named policies' own review dates, where those settings are present.
    if (profiles.includes('headcorn-primary.yaml')) expect(r.stderr).toContain('warning: Headcorn Primary School: "Mobile Technology and Social Media Policy" (headcorn-primary-mobile-tech-and-social-media-2022) was due for review on 2023-03-31');
    if (profiles.includes('rainbow-preschool.yaml')) expect(r.stderr).toContain('Rainbow Pre-school: "Mobile Technology and Social Media Policy" (rainbow-preschool-mobile-tech-and-social-media) gives no review date');
    const inDate = runCli(['validate'], { ...env, SAFESTEP_TODAY: '2019-01-01' });
    expect(inDate.stdout).toContain('(1 policy review warning)');
  });

  test('nlu export prints every example phrase as a JSON line', () => {
    const r = runCli(['nlu', 'export'], env);
    expect(r.status).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { text: string; flow: string });
    expect(rows.length).toBeGreaterThanOrEqual(60);
    // Every flow but the danger-only ones (reached after a danger reply; they have no examples).
    const flowIds = readdirSync(path.join(ROOT, 'flows'))
      .filter((f) => !/^dangerOnly: true$/m.test(readFileSync(path.join(ROOT, 'flows', f), 'utf8')))
      .map((f) => f.replace(/\.yaml$/, ''));
    expect(new Set(rows.map((x) => x.flow))).toEqual(new Set(flowIds));
  });

  test('route answers one JSON line per input line', () => {
    const r = runCli(['route'], env, 'a mum added me on fb\nwhat time is the nativity rehearsal\n');
    expect(r.status).toBe(0);
    const [a, b] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { flow: string | null; alternatives: unknown[] });
    expect(a).toMatchObject({ text: 'a mum added me on fb', flow: 'parent-contact-personal', danger: false });
    expect(b!.flow).toBeNull();
  });
});
