/**
 * The DSL's desk in Slack, through the real Bolt app over HTTP on loopback against the fake Web
 * API: a report is filed, then acknowledged, noted, given an action, closed with an outcome and
 * corrected — and at every step a colleague who is not a DSL is refused and shown nothing,
 * including when they submit a form of their own. The reporter hears it was seen and closed,
 * never the outcome. The audit trail holds every view and export made here, and the database
 * file and its WAL hold none of the typed account in plain text.
 */
import fs from 'node:fs';
import { buttonsIn, textOf, type ApiCall } from './fake-slack-api';
import { button, DSL, DSL_CHANNEL, dmOf, OTHER, STAFF, startHarness, type Harness } from './harness';
import { ACCOUNT, FIRST_MESSAGE, walkNudeImageFlow, type Walk } from './walk';

let h: Harness;
let walk: Walk;
let dslPost: ApiCall;

beforeAll(async () => {
  h = await startHarness();
  walk = await walkNudeImageFlow(h);
  dslPost = await h.fake.waitForPost(DSL_CHANNEL, () => true);
});
afterAll(async () => {
  await h.close();
});

const app = () => h.serving.app;
const entries = () => app().casework.entries(walk.reference);
const meta = (kind: string) => JSON.stringify({ kind, ref: walk.reference });
const typed = () => [FIRST_MESSAGE, ACCOUNT.who, ACCOUNT.what, ACCOUNT.ownWords, ACCOUNT.actions];

/** Waits for the refusal to `user` and checks nothing since `from` showed them anything of the report. */
async function expectRefused(user: string, from: number): Promise<void> {
  await h.fake.waitFor((calls) => calls.find((c) => c.args.user === user && /only the DSL and deputy DSLs/.test(String(c.args.text)) || (c.args.channel === dmOf(user) && /only the DSL and deputy DSLs/.test(String(c.args.text)))), 'the refusal', from);
  const since = h.fake.calls.slice(from);
  expect(since.filter((c) => c.method.startsWith('views.'))).toEqual([]);
  const shown = JSON.stringify(since.filter((c) => c.args.user === user || c.args.channel === dmOf(user)));
  for (const t of [...typed(), 'Early help', 'Ring the LADO']) expect(shown).not.toContain(t);
}

/** The modal opened (or pushed) since `from`. */
async function modal(from: number, method = 'views.open'): Promise<{ callback_id?: string; private_metadata?: string; blocks: unknown[] }> {
  const call = await h.fake.waitFor((calls) => calls.find((c) => c.method === method), method, from);
  return call.args.view as { callback_id?: string; private_metadata?: string; blocks: unknown[] };
}

/** What SafeStep said to `user` in their DM since `from`. */
const toldInDm = (user: string, match: RegExp, from: number) => h.fake.waitForPost(dmOf(user), (c) => match.test(String(c.args.text)), from);

test('a colleague who is not a DSL is refused every button on the notice, and nothing changes', async () => {
  for (const action of ['ss_ack', 'ss_view', 'ss_note', 'ss_action', 'ss_outcome', 'ss_correct']) {
    const from = h.fake.calls.length;
    expect((await h.click(OTHER, { channel: DSL_CHANNEL, message: dslPost }, button(dslPost, { action_id: action }))).status).toBe(200);
    await expectRefused(OTHER, from);
  }
  expect(entries()).toEqual([]);
  expect(app().stores.reports.get(walk.reference)!.acknowledgedAt).toBeUndefined();
});

test('the DSL acknowledges; the reporter is told the DSL has seen it', async () => {
  const from = h.fake.calls.length;
  await h.click(DSL, { channel: DSL_CHANNEL, message: dslPost }, button(dslPost, { action_id: 'ss_ack' }));
  await toldInDm(STAFF, /The DSL has seen your report/, from);
  expect(entries().map((e) => [e.kind, e.by])).toEqual([['acknowledged', `slack:${DSL}`]]);
});

test('Add note opens a form; the DSL saves a note; the same form submitted by a colleague is refused and saves nothing', async () => {
  let from = h.fake.calls.length;
  await h.click(DSL, { channel: DSL_CHANNEL, message: dslPost }, button(dslPost, { action_id: 'ss_note' }));
  const form = await modal(from);
  expect(form.callback_id).toBe('ss_case');
  expect(form.private_metadata).toBe(meta('note'));
  expect((form.blocks as { type: string; block_id?: string }[]).filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(['text']);

  from = h.fake.calls.length;
  await h.submitView(OTHER, 'ss_case', { text: { v: { type: 'plain_text_input', value: 'forged note' } } }, meta('note'));
  await expectRefused(OTHER, from);
  expect(entries().filter((e) => e.kind === 'note')).toEqual([]);

  from = h.fake.calls.length;
  await h.submitView(DSL, 'ss_case', { text: { v: { type: 'plain_text_input', value: 'Spoke to Mrs Okafor-Lindqvist at 3pm' } } }, meta('note'));
  await toldInDm(DSL, new RegExp(`Added to report ${walk.reference}`), from);
  expect(entries().filter((e) => e.kind === 'note').map((e) => [e.text, e.by])).toEqual([['Spoke to Mrs Okafor-Lindqvist at 3pm', `slack:${DSL}`]]);
});

test('Assign action: text, a person typed or picked, and a due date from the date picker; a bad form saves nothing', async () => {
  let from = h.fake.calls.length;
  await h.click(DSL, { channel: DSL_CHANNEL, message: dslPost }, button(dslPost, { action_id: 'ss_action' }));
  const form = await modal(from);
  const inputs = (form.blocks as { type: string; block_id?: string; element?: { type: string } }[]).filter((b) => b.type === 'input');
  expect(inputs.map((b) => [b.block_id, b.element?.type])).toEqual([
    ['text', 'plain_text_input'],
    ['assignee', 'plain_text_input'],
    ['person', 'users_select'],
    ['due', 'datepicker'],
  ]);

  from = h.fake.calls.length;
  await h.submitView(DSL, 'ss_case', { text: { v: { value: 'Ring the LADO' } }, due: { v: { selected_date: null } } }, meta('action'));
  await toldInDm(DSL, /Nothing was saved/, from);
  expect(entries().filter((e) => e.kind === 'action')).toEqual([]);

  from = h.fake.calls.length;
  await h.submitView(OTHER, 'ss_case', { text: { v: { value: 'Ring the LADO' } }, person: { v: { selected_user: OTHER } }, due: { v: { selected_date: '2026-12-01' } } }, meta('action'));
  await expectRefused(OTHER, from);

  from = h.fake.calls.length;
  await h.submitView(DSL, 'ss_case', { text: { v: { value: 'Ring the LADO' } }, assignee: { v: { value: null } }, person: { v: { selected_user: STAFF } }, due: { v: { selected_date: '2026-12-01' } } }, meta('action'));
  await toldInDm(DSL, /Added to report/, from);
  expect(entries().filter((e) => e.kind === 'action').map((e) => [e.text, e.assignee, e.due])).toEqual([['Ring the LADO', `person:slack:${STAFF}`, '2026-12-01']]);
});

test('Record outcome offers the outcome list and closes the report; the reporter hears it is closed, never the outcome', async () => {
  let from = h.fake.calls.length;
  await h.click(DSL, { channel: DSL_CHANNEL, message: dslPost }, button(dslPost, { action_id: 'ss_outcome' }));
  const form = await modal(from);
  const select = (form.blocks as { block_id?: string; element?: { options?: { value: string }[] } }[]).find((b) => b.block_id === 'outcome')!;
  expect(select.element!.options!.map((o) => o.value)).toEqual(app().content.catalog.desk.defaultOutcomes);

  from = h.fake.calls.length;
  await h.submitView(OTHER, 'ss_case', { outcome: { v: { selected_option: { value: 'No further action' } } } }, meta('outcome'));
  await expectRefused(OTHER, from);

  from = h.fake.calls.length;
  await h.submitView(DSL, 'ss_case', { outcome: { v: { selected_option: { value: 'Early help' } } }, text: { v: { value: 'Family agreed to support' } } }, meta('outcome'));
  await toldInDm(DSL, new RegExp(`Report ${walk.reference} is closed`), from);
  const closed = await toldInDm(STAFF, /closed your report/, from);
  expect(JSON.stringify(closed.args)).not.toContain('Early help');
  expect(JSON.stringify(closed.args)).not.toContain('Family agreed');
  const delivery = () => app().stores.deliveries.forReport(walk.reference).find((d) => d.purpose === 'reporter-closed');
  await h.fake.waitFor(() => (delivery()?.status === 'sent' ? true : undefined), 'the reporter-closed delivery sent');

  // Closed is closed: a second outcome is refused, and the notice's form no longer offers it.
  from = h.fake.calls.length;
  await h.submitView(DSL, 'ss_case', { outcome: { v: { selected_option: { value: 'Police' } } } }, meta('outcome'));
  await toldInDm(DSL, /already closed/, from);
  expect(entries().filter((e) => e.kind === 'outcome').map((e) => e.outcome)).toEqual(['Early help']);
});

test('Correct names what it corrects (the report or an entry) and adds a correction; nothing is edited', async () => {
  let from = h.fake.calls.length;
  await h.click(DSL, { channel: DSL_CHANNEL, message: dslPost }, button(dslPost, { action_id: 'ss_correct' }));
  const form = await modal(from);
  const note = entries().find((e) => e.kind === 'note')!;
  const options = (form.blocks as { block_id?: string; element?: { options?: { value: string }[] } }[]).find((b) => b.block_id === 'corrects')!.element!.options!.map((o) => o.value);
  expect(options).toEqual(['report', ...entries().filter((e) => e.kind !== 'acknowledged').map((e) => `entry:${e.id}`)]);

  from = h.fake.calls.length;
  await h.submitView(DSL, 'ss_case', { corrects: { v: { selected_option: { value: `entry:${note.id}` } } }, text: { v: { value: 'It was 4pm, not 3pm' } } }, meta('correct'));
  await toldInDm(DSL, /Added to report/, from);
  const correction = entries().find((e) => e.kind === 'correction')!;
  expect(correction).toMatchObject({ corrects: `entry:${note.id}`, text: 'It was 4pm, not 3pm' });
  expect(entries().find((e) => e.id === note.id)!.text).toBe('Spoke to Mrs Okafor-Lindqvist at 3pm');
  expect(app().stores.reports.get(walk.reference)!.firstMessage).toBe(FIRST_MESSAGE);
});

test('the full report shows the whole history; the DSL opens who has read it and the CPOMS export from it', async () => {
  let from = h.fake.calls.length;
  await h.click(DSL, { channel: DSL_CHANNEL, message: dslPost }, button(dslPost, { action_id: 'ss_view' }));
  const view = await modal(from);
  const shown = textOf(view.blocks);
  for (const t of ['History', 'Acknowledged', 'Spoke to Mrs Okafor-Lindqvist at 3pm', 'Ring the LADO', '2026-12-01', 'Early help', 'It was 4pm, not 3pm', 'Closed']) expect(shown).toContain(t);
  const buttons = buttonsIn(view.blocks).map((b) => b.action_id);
  expect(buttons).toEqual(['ss_note', 'ss_correct', 'ss_audit', 'ss_export']);

  from = h.fake.calls.length;
  await h.modalClick(DSL, button({ args: { blocks: view.blocks } } as unknown as ApiCall, { action_id: 'ss_export' }));
  const exported = textOf((await modal(from, 'views.push')).blocks).replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  expect(exported).toContain(`"${ACCOUNT.ownWords}"`);
  for (const t of ['Jo Pike, TA', 'Ring the LADO', 'Early help']) expect(exported).toContain(t);

  // A colleague pressing the same buttons (as if they had the modal) is refused.
  for (const action of ['ss_audit', 'ss_export']) {
    from = h.fake.calls.length;
    await h.modalClick(OTHER, button({ args: { blocks: view.blocks } } as unknown as ApiCall, { action_id: action }));
    await expectRefused(OTHER, from);
  }

  from = h.fake.calls.length;
  await h.modalClick(DSL, button({ args: { blocks: view.blocks } } as unknown as ApiCall, { action_id: 'ss_audit' }));
  const audit = textOf((await modal(from, 'views.push')).blocks);
  expect(audit).toContain('export-cpoms');
  expect(audit).toContain('refused');
});

test("the report's audit trail holds every view, form, export and refusal made in this test, oldest first", () => {
  const trail = app().casework.auditTrail(walk.reference).map((a) => `${a.who} ${a.what} ${a.result}`);
  const D = `slack:${DSL}`;
  const O = `slack:${OTHER}`;
  expect(trail).toEqual([
    `${O} acknowledge refused`, `${O} view refused`, `${O} form-note refused`, `${O} form-action refused`, `${O} form-outcome refused`, `${O} form-correct refused`,
    `${D} acknowledge ok`,
    `${D} form-note ok`, `${O} note refused`, `${D} note ok`,
    `${D} form-action ok`, `${D} action ok`, `${O} action refused`, `${D} action ok`,
    `${D} form-outcome ok`, `${O} outcome refused`, `${D} outcome ok`, `${D} outcome ok`,
    `${D} form-correct ok`, `${D} correct ok`,
    `${D} view ok`, `${D} export-cpoms ok`, `${O} audit refused`, `${O} export-cpoms refused`, `${D} audit ok`,
  ]);
  expect(app().casework.auditTrail(walk.reference).every((a) => a.where === 'slack')).toBe(true);
});

test('the database file and its WAL hold none of the typed account, the notes or the reporter name in plain text', () => {
  const db = app().config.dbPath;
  expect(fs.statSync(`${db}-wal`).size).toBeGreaterThan(0);
  for (const file of [db, `${db}-wal`]) {
    const bytes = fs.readFileSync(file);
    for (const secret of [...typed(), 'Jo Pike', 'Okafor-Lindqvist', 'Ring the LADO', 'It was 4pm']) expect({ file, secret, found: bytes.includes(Buffer.from(secret)) }).toEqual({ file, secret, found: false });
  }
  expect(fs.statSync(`${app().config.dataDir}/safestep.key`).mode & 0o777).toBe(0o600);
});

test('the logs hold no typed text', () => {
  const logs = h.logs.join('\n');
  for (const secret of [...typed(), 'Okafor-Lindqvist', 'Ring the LADO', 'Early help', 'It was 4pm']) expect(logs).not.toContain(secret);
});
