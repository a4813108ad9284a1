/**
 * The DSL's desk in Teams: the real CloudAdapter over HTTP on loopback with a fake Bot Connector.
 * A report is filed, then acknowledged, noted, given an action, closed with an outcome and
 * corrected through Adaptive Cards with inputs — and at every step someone who is not a DSL is
 * refused and shown nothing, including when they submit a form of their own. The reporter hears
 * it was seen and closed, never the outcome; the audit trail holds every view and export made
 * here; the database and its WAL hold none of the typed account in plain text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/log';
import { serveChannels, type Serving } from '../../src/serve';
import { makeTempDir } from '../store/fixtures';
import { startFakeConnector, type FakeConnector } from './fake-connector';
import { cardOf, person, personalChat, submitsOf, TeamsClient, textsOf, walkToReport } from './teams-client';

const ROOT = path.resolve(__dirname, '../..');
const DSL_CHANNEL = '19:dsl-team@thread.tacv2';
const dsl = person('aad-dsl', 'Sandra Burgess');
const staff = person('aad-staff', 'Jo Bloggs');
const other = person('aad-other', 'Sam Other');

let temp: ReturnType<typeof makeTempDir>;
let connector: FakeConnector;
let serving: Serving;
let client: TeamsClient;
let reference: string;
let typed: string[];

type Json = Record<string, unknown>;
const lastTo = (p: typeof dsl) => connector.to(personalChat(p)).at(-1)!.activity;
const entries = () => serving.app.casework.entries(reference);
const press = (p: typeof dsl, value: Json) => client.post(client.message(p, { value }));
const inputsOf = (activity: Json) => (cardOf(activity).body as Json[]).filter((e) => String(e.type).startsWith('Input.'));

beforeAll(async () => {
  temp = makeTempDir();
  connector = await startFakeConnector();
  const env = { SAFESTEP_TEAMS_LOCAL: '1', TEAMS_DSL_USERS: 'aad-dsl,aad-deputy', TEAMS_DSL_CHANNEL: DSL_CHANNEL, SAFESTEP_SETTING: 'rainbow-preschool', SAFESTEP_DATA_DIR: temp.dir, PORT: '0' };
  serving = await serveChannels(loadConfig(env, ROOT), { host: '127.0.0.1', log: createLogger('silent'), stderr: { write: () => true } });
  client = new TeamsClient(`http://127.0.0.1:${serving.port}/api/messages`, connector.url);
  for (const p of [dsl, other]) for (const a of client.installPersonal(p)) await client.post(a);
  typed = await walkToReport(client, connector, staff, 'a parent sent me a friend request on facebook', 'Mrs Pemberton-Quayle asked to be friends');
  await serving.app.notifier.drain();
  reference = serving.app.stores.reports.list()[0]!.reference;
});

afterAll(async () => {
  await serving?.stop();
  await connector?.close();
  temp?.cleanup();
});

/** Presses as `p` and expects only the refusal back, nothing of the report. */
async function expectRefused(p: typeof dsl, value: Json): Promise<void> {
  const before = connector.sent.length;
  expect(await press(p, value)).toBe(200);
  const after = connector.sent.slice(before);
  expect(after.map((s) => s.conversationId)).toEqual([personalChat(p)]);
  expect(textsOf(after[0]!.activity)[0]).toMatch(/only the DSL and deputy DSLs/);
  for (const t of [...typed, 'Early help', 'Ring the LADO', 'Spoke to dad']) expect(JSON.stringify(after)).not.toContain(t);
}

test('someone who is not a DSL is refused every button on the notice, and nothing changes', async () => {
  const notice = submitsOf(lastTo(dsl));
  expect(notice.map((s) => s.data.ss)).toEqual(['ack', 'view', 'note', 'action', 'outcome', 'correct']);
  for (const s of notice) await expectRefused(other, s.data);
  expect(entries()).toEqual([]);
});

test('the DSL acknowledges; the reporter is told the DSL has seen it', async () => {
  await press(dsl, { ss: 'ack', ref: reference });
  await serving.app.notifier.drain();
  expect(textsOf(lastTo(staff)).join('\n')).toContain(`The DSL has seen your report ${reference}`);
  expect(entries().map((e) => [e.kind, e.by])).toEqual([['acknowledged', 'teams:aad-dsl']]);
});

test('Add note sends a form card; a colleague submitting the same form is refused; the DSL saves it', async () => {
  await press(dsl, { ss: 'note', ref: reference });
  const form = lastTo(dsl);
  expect(inputsOf(form).map((i) => [i.type, i.id, i.isRequired])).toEqual([['Input.Text', 'text', true]]);
  const save = submitsOf(form)[0]!.data;
  expect(save).toEqual({ ss: 'case', kind: 'note', ref: reference });
  await expectRefused(other, { ...save, text: 'forged' });
  await press(dsl, { ...save, text: 'Spoke to dad at pickup' });
  expect(textsOf(lastTo(dsl))[0]).toBe(`Added to report ${reference}.`);
  expect(entries().filter((e) => e.kind === 'note').map((e) => [e.text, e.by, e.byName])).toEqual([['Spoke to dad at pickup', 'teams:aad-dsl', 'Sandra Burgess']]);
});

test('Assign action: a date input and the people picker; a missing due date saves nothing', async () => {
  await press(dsl, { ss: 'action', ref: reference });
  const form = lastTo(dsl);
  expect(inputsOf(form).map((i) => [i.type, i.id])).toEqual([['Input.Text', 'text'], ['Input.Text', 'assignee'], ['Input.ChoiceSet', 'person'], ['Input.Date', 'due']]);
  expect(inputsOf(form)[2]!['choices.data']).toEqual({ type: 'Data.Query', dataset: 'graph.microsoft.com/users' });
  const save = submitsOf(form)[0]!.data;
  await press(dsl, { ...save, text: 'Ring the LADO', assignee: 'Mrs Head' });
  expect(textsOf(lastTo(dsl))[0]).toMatch(/^Nothing was saved/);
  await expectRefused(other, { ...save, text: 'Ring the LADO', assignee: 'Me', due: '2026-12-01' });
  await press(dsl, { ...save, text: 'Ring the LADO', person: 'aad-staff', due: '2026-12-01' });
  expect(entries().filter((e) => e.kind === 'action').map((e) => [e.text, e.assignee, e.due])).toEqual([['Ring the LADO', 'person:teams:aad-staff', '2026-12-01']]);
});

test('Record outcome offers the outcome list and closes the report; the reporter hears it is closed, never the outcome', async () => {
  await press(dsl, { ss: 'outcome', ref: reference });
  const form = lastTo(dsl);
  const choices = (inputsOf(form)[0]!.choices as { value: string }[]).map((c) => c.value);
  expect(choices).toEqual(serving.app.content.catalog.desk.defaultOutcomes);
  const save = submitsOf(form)[0]!.data;
  await expectRefused(other, { ...save, outcome: 'Police' });
  await press(dsl, { ...save, outcome: 'Early help', text: 'Family agreed' });
  expect(textsOf(lastTo(dsl))[0]).toMatch(new RegExp(`^Report ${reference} is closed`));
  await serving.app.notifier.drain();
  const told = lastTo(staff);
  expect(textsOf(told).join('\n')).toContain(`The DSL has closed your report ${reference}`);
  expect(JSON.stringify(told)).not.toContain('Early help');
  await press(dsl, { ...save, outcome: 'Police' });
  expect(textsOf(lastTo(dsl))[0]).toMatch(/already closed/);
});

test('Correct names what it corrects; the corrected note stays as it was', async () => {
  await press(dsl, { ss: 'correct', ref: reference });
  const form = lastTo(dsl);
  const note = entries().find((e) => e.kind === 'note')!;
  expect((inputsOf(form)[0]!.choices as { value: string }[]).map((c) => c.value)).toContain(`entry:${note.id}`);
  await press(dsl, { ...submitsOf(form)[0]!.data, corrects: `entry:${note.id}`, text: 'It was at drop-off' });
  expect(entries().find((e) => e.kind === 'correction')).toMatchObject({ corrects: `entry:${note.id}`, text: 'It was at drop-off' });
  expect(entries().find((e) => e.id === note.id)!.text).toBe('Spoke to dad at pickup');
});

test('the full report shows the history; the DSL opens who has read it and the CPOMS export', async () => {
  await press(dsl, { ss: 'view', ref: reference });
  const full = connector.to(personalChat(dsl)).slice(-3).map((s) => s.activity);
  const shown = full.flatMap((a) => { try { return textsOf(a); } catch { return []; } }).join('\n');
  for (const t of ['History', 'Spoke to dad at pickup', 'Ring the LADO', 'It was at drop-off', ...typed]) expect(shown).toContain(t);
  const buttons = full.flatMap((a) => { try { return submitsOf(a); } catch { return []; } }).map((s) => s.data.ss);
  expect(buttons).toEqual(expect.arrayContaining(['note', 'correct', 'audit', 'export']));
  expect(buttons).not.toContain('outcome');

  await expectRefused(other, { ss: 'export', ref: reference });
  await expectRefused(other, { ss: 'audit', ref: reference });
  await press(dsl, { ss: 'export', ref: reference });
  const exported = textsOf(lastTo(dsl)).join('\n');
  for (const t of ['Concern for CPOMS', 'Jo Bloggs', 'Ring the LADO', 'Early help', typed[0]!]) expect(exported).toContain(t);
  await press(dsl, { ss: 'audit', ref: reference });
  expect(textsOf(lastTo(dsl)).join('\n')).toContain('export-cpoms');
});

test("the report's audit trail holds every view, form, export and refusal made here, oldest first", () => {
  const D = 'teams:aad-dsl';
  const O = 'teams:aad-other';
  expect(serving.app.casework.auditTrail(reference).map((a) => `${a.who} ${a.what} ${a.result}`)).toEqual([
    `${O} acknowledge refused`, `${O} view refused`, `${O} form-note refused`, `${O} form-action refused`, `${O} form-outcome refused`, `${O} form-correct refused`,
    `${D} acknowledge ok`,
    `${D} form-note ok`, `${O} note refused`, `${D} note ok`,
    `${D} form-action ok`, `${D} action ok`, `${O} action refused`, `${D} action ok`,
    `${D} form-outcome ok`, `${O} outcome refused`, `${D} outcome ok`, `${D} outcome ok`,
    `${D} form-correct ok`, `${D} correct ok`,
    `${D} view ok`, `${O} export-cpoms refused`, `${O} audit refused`, `${D} export-cpoms ok`, `${D} audit ok`,
  ]);
  expect(serving.app.casework.auditTrail(reference).every((a) => a.where === 'teams')).toBe(true);
});

test('the database file and its WAL hold none of the typed account in plain text', () => {
  const db = serving.app.config.dbPath;
  expect(fs.statSync(`${db}-wal`).size).toBeGreaterThan(0);
  for (const file of [db, `${db}-wal`]) {
    const bytes = fs.readFileSync(file);
    for (const secret of [...typed, 'Pemberton-Quayle', 'Jo Bloggs', 'Spoke to dad', 'Ring the LADO', 'drop-off']) expect({ file, secret, found: bytes.includes(Buffer.from(secret)) }).toEqual({ file, secret, found: false });
  }
});

test('the daily summary reaches the DSL as a Teams card, naming references only', async () => {
  const result = await serving.daily.sendDigest();
  expect(result.sent).toBe(1); // the DSL's personal chat; the team channel and the deputy have no reference
  const card = lastTo(dsl);
  const texts = textsOf(card).join('\n');
  expect(texts).toContain('SafeStep summary for');
  expect(texts).toContain('Open reports (0)'); // closed above
  for (const t of [...typed, 'Ring the LADO']) expect(JSON.stringify(card)).not.toContain(t);
});
