/**
 * The Teams channel end to end: the real CloudAdapter over HTTP on loopback (auth off,
 * SAFESTEP_TEAMS_LOCAL=1), with a local fake Bot Connector receiving every reply and proactive
 * message. A DSL installs SafeStep (reference stored in SQLite, kept across a restart); a member
 * of staff walks a whole flow by pressing the cards' own buttons; the report is filed, then the
 * DSLs are told; acknowledgement by the DSL, refusal of anyone else; attachments; @mentions.
 */
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { reports as reportsCommand } from '../../src/cli/commands/reports';
import { loadConfig } from '../../src/config';
import { deliverySummary } from '../../src/core/delivery';
import type { FiledReport } from '../../src/core/report';
import { render } from '../../src/core/template';
import { createLogger } from '../../src/log';
import { serveChannels, type Serving } from '../../src/serve';
import { openStores } from '../../src/store/open-stores';
import { makeTempDir } from '../store/fixtures';
import { startFakeConnector, type FakeConnector } from './fake-connector';
import { TeamsClient, person, personalChat, submitsOf, textsOf, walkToReport, type Person } from './teams-client';

const ROOT = path.resolve(__dirname, '../..');
const DSL_CHANNEL = '19:dsl-team@thread.tacv2';
const SETTING = 'rainbow-preschool';

class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

const dsl = person('aad-dsl', 'Sandra Burgess');
// The deputy DSL, aad-deputy, never installs the app.
const staff = person('aad-staff', 'Jo Bloggs');

let temp: ReturnType<typeof makeTempDir>;
let connector: FakeConnector;
let serving: Serving;
let client: TeamsClient;
let env: NodeJS.ProcessEnv;
const stderr = new Collector();

async function serve(): Promise<Serving> {
  const s = await serveChannels(loadConfig(env, ROOT), { host: '127.0.0.1', log: createLogger('silent'), stderr });
  client = new TeamsClient(`http://127.0.0.1:${s.port}/api/messages`, connector.url);
  return s;
}

const lastTo = (conversationId: string) => connector.to(conversationId).at(-1)!.activity;
const catalog = () => serving.app.content.catalog;
const setting = () => serving.app.content.settings.get(SETTING)!;

beforeAll(async () => {
  temp = makeTempDir();
  connector = await startFakeConnector();
  env = {
    SAFESTEP_TEAMS_LOCAL: '1',
    TEAMS_DSL_USERS: 'aad-dsl,aad-deputy',
    TEAMS_DSL_CHANNEL: DSL_CHANNEL,
    SAFESTEP_SETTING: SETTING,
    SAFESTEP_DATA_DIR: temp.dir,
    PORT: '0',
  };
  serving = await serve();
});

afterAll(async () => {
  await serving?.stop();
  await connector?.close();
  temp?.cleanup();
});

describe('Teams channel (local, fake Bot Connector)', () => {
  test('without authentication it says so loudly on stderr', () => {
    expect(stderr.text).toContain('WARNING: Teams authentication is OFF');
  });

  test('installing stores the DSL\'s and the DSL team\'s references in SQLite, kept across a restart', async () => {
    for (const a of client.installPersonal(dsl)) expect(await client.post(a)).toBe(200);
    expect(await client.post(client.installInTeam(dsl, DSL_CHANNEL))).toBe(200);

    const greeting = textsOf(lastTo(personalChat(dsl)));
    expect(greeting[0]).toBe(render(catalog().greeting, setting()));
    expect(greeting).toContain(render(catalog().chatRetention, setting()));
    expect(connector.to(DSL_CHANNEL)).toEqual([]); // nothing is posted in a channel on install

    await serving.stop(); // restart: a new process would read the same database
    serving = await serve();
    const stored = serving.app.stores.channelRefs.get('teams', 'aad-dsl') as { serviceUrl: string; conversation: { id: string } };
    expect(stored.serviceUrl).toBe(connector.url);
    expect(stored.conversation.id).toBe(personalChat(dsl));
    expect(serving.app.stores.channelRefs.get('teams', `team:${DSL_CHANNEL}`)).toBeDefined();
    expect(serving.app.stores.channelRefs.get('teams', 'aad-deputy')).toBeUndefined();
  });

  let report: FiledReport;
  let typed: string[];

  test('a member of staff walks a whole flow with the cards\' own buttons; the report is filed, then the DSLs are told', async () => {
    typed = await walkToReport(client, connector, staff, 'a parent sent me a friend request on facebook', 'Mrs Example asked to be friends');
    await serving.app.notifier.drain();

    // Filed in SQLite (read through a separate connection, as `safestep reports` would).
    const stores = openStores(serving.app.config.dbPath, { mustExist: true, key: serving.app.config.key });
    try {
      const filed = stores.reports.list({ settingId: SETTING });
      expect(filed).toHaveLength(1);
      report = filed[0]!;
    } finally {
      stores.close();
    }
    expect(report).toMatchObject({ channel: 'teams', flowId: 'parent-contact-personal', reporter: { id: 'aad-staff', name: 'Jo Bloggs' } });
    expect(report.account.map((a) => a.text)).toEqual(expect.arrayContaining([...typed, '(not given)']));
    expect(textsOf(lastTo(personalChat(staff))).join('\n')).toContain(report.reference);

    // The DSL's card, proactively, in her personal chat: reference, urgency, answers — not the account.
    const card = lastTo(personalChat(dsl));
    const texts = textsOf(card).join('\n');
    expect(texts).toContain(render(catalog().dsl.newReport, setting(), { reference: report.reference, urgency: report.urgency, flow: report.flowTitle, reporter: 'Jo Bloggs' }));
    for (const a of report.answers) expect(texts).toContain(a.answer);
    for (const t of typed) expect(JSON.stringify(card)).not.toContain(t);
    expect(submitsOf(card).map((s) => s.data)).toEqual([
      { ss: 'ack', ref: report.reference },
      { ss: 'view', ref: report.reference },
      { ss: 'note', ref: report.reference },
      { ss: 'action', ref: report.reference },
      { ss: 'outcome', ref: report.reference },
      { ss: 'correct', ref: report.reference },
    ]);
    // And in the DSL team's channel.
    expect(submitsOf(lastTo(DSL_CHANNEL)).map((s) => s.data.ref)).toEqual(Array(6).fill(report.reference));

    // The deputy never installed the app: the report is safe, and the failure is recorded and shown.
    const deliveries = serving.app.stores.deliveries.forReport(report.reference);
    expect(deliveries.map((d) => [d.target, d.status, d.lastError ?? null])).toEqual([
      [`place:${DSL_CHANNEL}`, 'sent', null],
      ['aad-dsl', 'sent', null],
      ['aad-deputy', 'failed', 'no_conversation_reference'],
    ]);
    expect(deliverySummary(deliveries)).toBe('2 sent, 1 FAILED (retrying)');
    const out = new Collector();
    const code = await reportsCommand(['list'], { stdin: Readable.from([]), stdout: out, stderr: new Collector(), root: ROOT, env });
    expect(code).toBe(0);
    expect(out.text).toMatch(/DELIVERY/);
    expect(out.text).toContain('2 sent, 1 FAILED (retrying)');
  });

  test('anyone but a DSL pressing Acknowledge or View is refused politely, and nothing changes', async () => {
    const refusal = render(catalog().dsl.notAuthorised, setting());
    const before = connector.sent.length;
    await client.post(client.message(staff, { value: { ss: 'ack', ref: report.reference } }));
    await client.post(client.message(staff, { value: { ss: 'view', ref: report.reference } }));
    // Someone whose Teams id looks like the DSL's AAD id, but who is not her, is refused too.
    const impostor: Person = { teamsId: 'aad-dsl', aad: 'aad-impostor', name: 'Impostor' };
    await client.post(client.message(impostor, { value: { ss: 'ack', ref: report.reference } }));
    const after = connector.sent.slice(before);
    expect(after.map((s) => s.conversationId)).toEqual([personalChat(staff), personalChat(staff), personalChat(impostor)]);
    for (const s of after) expect(textsOf(s.activity)).toEqual([refusal]);
    expect(serving.app.stores.reports.get(report.reference)?.acknowledgedAt).toBeUndefined();
  });

  test('the DSL\'s Acknowledge is stored (who and when) and the reporter is told', async () => {
    const ack = submitsOf(lastTo(personalChat(dsl))).find((s) => s.data.ss === 'ack')!;
    expect(await client.post(client.message(dsl, { value: ack.data }))).toBe(200);
    const stored = serving.app.stores.reports.get(report.reference)!;
    expect(stored.acknowledgedBy).toBe('teams:aad-dsl');
    expect(Date.parse(stored.acknowledgedAt!)).toBeGreaterThan(Date.parse(report.createdAt) - 1);
    expect(textsOf(lastTo(personalChat(dsl)))[0]).toMatch(/^Acknowledged by Sandra Burgess at /);
    expect(textsOf(lastTo(personalChat(staff)))).toEqual([render(catalog().dsl.reporterAcknowledged, setting(), { reference: report.reference })]);
    const delivery = serving.app.stores.deliveries.forReport(report.reference).find((d) => d.purpose === 'reporter-ack');
    expect(delivery).toMatchObject({ target: 'aad-staff', status: 'sent' });

    await client.post(client.message(dsl, { value: ack.data }));
    expect(textsOf(lastTo(personalChat(dsl)))[0]).toMatch(new RegExp(`^Report ${report.reference} was already acknowledged by Sandra Burgess at `));
  });

  test('View full report from the DSL channel goes to the DSL\'s personal chat only', async () => {
    const view = submitsOf(lastTo(DSL_CHANNEL)).find((s) => s.data.ss === 'view')!;
    const inChannel = connector.to(DSL_CHANNEL).length;
    const channelPress = { ...client.message(dsl, { value: view.data }), conversation: { id: `${DSL_CHANNEL};messageid=1`, conversationType: 'channel', tenantId: 'tenant-rainbow', isGroup: true }, channelData: { tenant: { id: 'tenant-rainbow' }, channel: { id: DSL_CHANNEL } } };
    expect(await client.post(channelPress)).toBe(200);
    expect(connector.to(DSL_CHANNEL)).toHaveLength(inChannel);
    const full = textsOf(lastTo(personalChat(dsl))).join('\n');
    expect(full).toContain(report.reference);
    for (const t of typed) expect(full).toContain(t);
  });

  test('an attachment gets the imagery warning; the file is never fetched, kept or passed on', async () => {
    const sender = person('aad-staff-2', 'Sam Sender');
    const fileUrl = `${connector.url}files/secret-photo.jpg`;
    const attachments = [
      { contentType: 'image/jpeg', contentUrl: fileUrl, name: 'secret-photo.jpg' },
      { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'evidence.jpg', content: { downloadUrl: fileUrl, fileType: 'jpg' } },
    ];
    await client.post(client.message(sender, { attachments }));
    const warned = textsOf(lastTo(personalChat(sender)));
    expect(warned).toContain(render(catalog().imageryWarning, setting()));
    expect(warned).toContain(render(catalog().filesOnly, setting()));

    await client.post(client.message(sender, { text: 'a parent added me on facebook, screenshot attached', attachments }));
    expect(textsOf(lastTo(personalChat(sender)))[0]).toBe(render(catalog().imageryWarning, setting()));
    await walkToReport(client, connector, sender, 'a parent sent me a friend request on facebook', 'Mr Example sent a request');

    expect(connector.requests.filter((r) => r.includes('/files/'))).toEqual([]);
    const filed = serving.app.stores.reports.list().find((r) => r.reporter.id === 'aad-staff-2')!;
    const everything = JSON.stringify([filed, connector.sent.filter((s) => s.conversationId !== personalChat(sender))]);
    expect(everything).not.toMatch(/secret-photo|evidence\.jpg|\/files\//);
  });

  test('an @mention in a team channel is answered in the personal chat, never in the channel', async () => {
    const teacher = person('aad-staff-3', 'Tia Teacher');
    const staffroom = '19:staffroom@thread.tacv2';
    await client.post(client.mention(teacher, staffroom, 'a parent sent me a friend request on facebook'));
    expect(connector.sent.filter((s) => s.conversationId.startsWith(staffroom))).toEqual([]);
    expect(connector.created).toHaveLength(1);
    expect(connector.created[0]).toMatchObject({ isGroup: false, members: [{ id: teacher.teamsId }], tenantId: 'tenant-rainbow' });
    const chat = `a:personal-created-${teacher.teamsId}`;
    const texts = textsOf(connector.to(chat).at(-1)!.activity);
    expect(texts).toContain('Which is closest?');
    expect(texts).toContain(render(catalog().chatRetention, setting()));
    // The conversation carries on in the personal chat, where SafeStep now has her reference.
    expect((serving.app.stores.channelRefs.get('teams', 'aad-staff-3') as { conversation: { id: string } }).conversation.id).toBe(chat);
  });

  test('a message the Bot Connector sends twice is answered once', async () => {
    const p = person('aad-staff-5', 'Dee Duplicate');
    const message = client.message(p, { text: 'a parent sent me a friend request on facebook' });
    await client.post(message);
    await client.post(message);
    expect(connector.to(personalChat(p))).toHaveLength(1);
  });

  test('a button from an earlier question is refused as stale, never applied to the current one', async () => {
    const p = person('aad-staff-4', 'Pat Presser');
    const chat = personalChat(p);
    const press = async (data: Record<string, unknown>) => client.post(client.message(p, { value: data }));
    const button = (choice: string) => submitsOf(lastTo(chat)).find((s) => s.data.choice === choice)?.data;
    await client.post(client.message(p, { text: 'a parent sent me a friend request on facebook' }));
    const first = submitsOf(lastTo(chat));
    await press(first[0]!.data);
    await press(button('replied-no')!);
    // Two optional report prompts in a row both offer "skip": the first one's button, pressed
    // again on the second prompt, must not skip the second.
    await client.post(client.message(p, { text: 'Mrs Example' }));
    await client.post(client.message(p, { text: 'She sent a friend request' }));
    const oldSkip = button('skip')!;
    await press(oldSkip);
    const nowAsking = button('skip')!.q;
    expect(nowAsking).not.toBe(oldSkip.q);
    await press(oldSkip);
    expect(textsOf(lastTo(chat))[0]).toBe(render(catalog().notAChoice, setting()));
    expect(button('skip')!.q).toBe(nowAsking);
    // An old flow-question button is refused the same way.
    await press(first[1]!.data);
    expect(textsOf(lastTo(chat))[0]).toBe(render(catalog().notAChoice, setting()));
    const session = serving.app.stores.sessions.load(`teams:tenant-rainbow:${p.aad}`)!;
    expect(session.answers.map((a) => a.choice)).toEqual(['request', 'replied-no']);
    expect(session.account.map((a) => a.text)).toEqual(['Mrs Example', 'She sent a friend request', '(not given)']);
  });
});
