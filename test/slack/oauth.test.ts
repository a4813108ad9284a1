/**
 * SafeStep installed into several Slack workspaces through Slack's OAuth flow, over real HTTP on
 * loopback: two SafeStep instances share one SQLite database and the state secret (as two servers
 * behind a load balancer would), with the fake Slack Web API answering oauth.v2.access and
 * auth.test. An install started on one instance finishes on the other; a forged, expired or
 * foreign-browser state is refused with a page saying so, and nothing is stored or exchanged.
 * Each workspace's events are answered with its own bot token, its DSL notices go out with it,
 * a workspace the deployment file does not name is stored but told SafeStep is not set up, and an
 * uninstall removes the token from the store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ClearStateStore } from '@slack/oauth';
import { loadConfig } from '../../src/config';
import type { Logger } from '../../src/core/ports';
import { serveChannels, type Serving } from '../../src/serve';
import { BOT_SCOPES } from '../../src/channels/slack/oauth';
import { FakeSlackApi, textOf, type FakeWorkspace } from './fake-slack-api';
import { button, SECRET, STAFF, dmOf, slackClient } from './harness';
import { walkNudeImageFlow } from './walk';

const ROOT = path.resolve(__dirname, '..', '..');
const KEY = 'l7LzFl7LPJuA/JBpXIbIsJb8vV75Ck+pxNPT8sDLrak=';
const STATE_SECRET = 'a-state-secret-shared-by-every-server';
const UPTON: FakeWorkspace = { team: 'T0UPTON', name: 'Upton Junior', botToken: 'xoxb-upton-secret-token', botUserId: 'U0BOTUP' };
const HEADCORN: FakeWorkspace = { team: 'T0HEAD', name: 'Headcorn Primary', botToken: 'xoxb-headcorn-secret-token', botUserId: 'U0BOTHD' };
const STRAY: FakeWorkspace = { team: 'T0STRAY', name: 'Somewhere Else', botToken: 'xoxb-stray-secret-token', botUserId: 'U0BOTST' };
const UPTON_DSL = 'U0UPDSL01';
const UPTON_CHANNEL = 'C0UPDSL';
const HEAD_DSL = 'U0HDDSL01';
const HEAD_STAFF = 'U0HDSTAFF';

let fake: FakeSlackApi;
let dir: string;
let a: Serving;
let b: Serving;
const logs: string[] = [];

function start(): Promise<Serving> {
  const log: Logger = {
    info: (e, f) => logs.push(JSON.stringify({ e, ...f })),
    warn: (e, f) => logs.push(JSON.stringify({ e, ...f })),
    error: (e, f) => logs.push(JSON.stringify({ e, ...f })),
  };
  const config = loadConfig(
    {
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_CLIENT_ID: fake.client.id,
      SLACK_CLIENT_SECRET: fake.client.secret,
      SLACK_STATE_SECRET: STATE_SECRET,
      SLACK_API_URL: fake.url,
      SAFESTEP_DEPLOYMENT: path.join(dir, 'deployment.yaml'),
      SAFESTEP_DATA_DIR: dir,
      SAFESTEP_KEY: KEY,
      SAFESTEP_LOG_LEVEL: 'info',
      PORT: '0',
    },
    ROOT,
  );
  return serveChannels(config, { host: '127.0.0.1', log, apiRetries: 0 });
}

const base = (s: Serving) => `http://127.0.0.1:${s.port}`;
const installRecord = (s: Serving, team: string) => s.app.stores.channelRefs.get('slack-install', team) as { bot?: { token?: string } } | null | undefined;

/** Starts the install on `from`: the Add to Slack page's state and the cookie it set. */
async function begin(from: Serving): Promise<{ state: string; cookie: string; page: string }> {
  const res = await fetch(`${base(from)}/slack/install`);
  expect(res.status).toBe(200);
  const page = await res.text();
  const cookie = String(res.headers.get('set-cookie')).split(';')[0]!;
  const url = new URL(/id="add-to-slack" href="([^"]+)"/.exec(page)![1]!.replace(/&#38;/g, '&'));
  return { state: url.searchParams.get('state')!, cookie, page: url.toString() };
}

/** Slack sends the installer back to `to` with the code (and the state); returns the page. */
async function finish(to: Serving, code: string, state: string, cookie?: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base(to)}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, text: await res.text() };
}

async function install(ws: FakeWorkspace, from: Serving, to: Serving): Promise<{ status: number; text: string }> {
  const code = `code-${ws.team}`;
  fake.installCodes.set(code, ws);
  const { state, cookie } = await begin(from);
  return finish(to, code, state, cookie);
}

beforeAll(async () => {
  fake = new FakeSlackApi();
  await fake.start();
  fake.users.set(STAFF, { real_name: 'Jo Pike', title: 'TA' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-oauth-'));
  fs.writeFileSync(
    path.join(dir, 'deployment.yaml'),
    `settings:
  - id: upton-junior
    slack: { teamIds: [${UPTON.team}], dslUsers: [${UPTON_DSL}], dslChannel: ${UPTON_CHANNEL} }
  - id: headcorn-primary
    slack: { teamIds: [${HEADCORN.team}], dslUsers: [${HEAD_DSL}] }
`,
  );
  a = await start();
  b = await start();
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the Add to Slack page asks for exactly the manifest scopes, with a signed state', async () => {
  const { page, state, cookie } = await begin(a);
  const url = new URL(page);
  expect(url.origin + url.pathname).toBe('https://slack.com/oauth/v2/authorize');
  expect(url.searchParams.get('client_id')).toBe(fake.client.id);
  expect(url.searchParams.get('scope')!.split(',')).toEqual(BOT_SCOPES);
  expect(cookie).toBe(`slack-app-oauth-state=${state}`);
});

test('a forged, expired or foreign-browser state is refused with a clear page; nothing is exchanged or stored', async () => {
  fake.installCodes.set('code-forged', UPTON);
  const before = fake.calls.length;
  const forged = await new ClearStateStore('not-the-secret-at-all-0123456789').generateStateParam({ scopes: BOT_SCOPES }, new Date());
  const expired = await new ClearStateStore(STATE_SECRET).generateStateParam({ scopes: BOT_SCOPES }, new Date(Date.now() - 11 * 60_000));
  const genuine = (await begin(a)).state;
  for (const [state, cookie] of [
    [forged, `slack-app-oauth-state=${forged}`],
    [expired, `slack-app-oauth-state=${expired}`],
    [genuine, undefined], // started in another browser: no cookie
  ] as const) {
    const page = await finish(b, 'code-forged', state, cookie);
    expect(page.status).toBe(400);
    expect(page.text).toContain('SafeStep was not installed');
    expect(page.text).toContain('Nothing was installed');
  }
  expect(fake.calls.slice(before).map((c) => c.method)).toEqual([]);
  expect(installRecord(a, UPTON.team)).toBeUndefined();
  fake.installCodes.delete('code-forged');
});

test('an install started on one server finishes on the other; the token is stored sealed, never logged', async () => {
  const page = await install(UPTON, a, b);
  expect(page.status).toBe(200);
  expect(page.text).toContain('SafeStep has been added to your Slack workspace.');
  expect(page.text).not.toContain('not yet set up');
  expect(fake.of('oauth.v2.access')).toHaveLength(1);
  // Both servers see it, through the shared database.
  expect(installRecord(a, UPTON.team)?.bot?.token).toBe(UPTON.botToken);
  expect(installRecord(b, UPTON.team)?.bot?.token).toBe(UPTON.botToken);
  const db = new Database(path.join(dir, 'safestep.db'), { readonly: true });
  try {
    const raw = JSON.stringify(db.prepare("SELECT data FROM channel_refs WHERE channel = 'slack-install'").all());
    expect(raw).not.toContain(UPTON.botToken);
  } finally {
    db.close();
  }
  expect(logs.join('\n')).not.toContain('xoxb-');
  expect(logs.join('\n')).not.toContain(STATE_SECRET);
  expect(logs.join('\n')).not.toContain(fake.client.secret);
  expect(logs.some((l) => l.includes('slack_installed'))).toBe(true);
});

test("each workspace is answered with its own token, and a report's DSL notices go out with its workspace's token", async () => {
  expect((await install(HEADCORN, b, a)).status).toBe(200);
  fake.users.set(HEAD_STAFF, { real_name: 'Hal Head', title: 'Teacher' });
  const upton = slackClient(`${base(b)}/slack/events`, fake.url, UPTON.team);
  const headcorn = slackClient(`${base(a)}/slack/events`, fake.url, HEADCORN.team);

  const from = fake.calls.length;
  await headcorn.dm(HEAD_STAFF, 'hello');
  const reply = await fake.waitForPost(dmOf(HEAD_STAFF), () => true, from);
  expect(reply.token).toBe(HEADCORN.botToken);

  // Upton's walk goes through server b; Upton's DSL is told, with Upton's token only.
  const walkStart = fake.calls.length;
  const { reference } = await walkNudeImageFlow({ fake, dm: upton.dm, click: upton.click });
  const notices = await fake.waitFor((calls) => {
    const found = calls.filter((c) => c.method === 'chat.postMessage' && [UPTON_CHANNEL, dmOf(UPTON_DSL)].includes(String(c.args.channel)) && textOf(c.args.blocks).includes(reference));
    return found.length === 2 ? found : undefined;
  }, 'the DSL notices', walkStart);
  expect(notices.map((c) => c.token)).toEqual([UPTON.botToken, UPTON.botToken]);
  const staffPosts = fake.calls.slice(walkStart).filter((c) => c.method === 'chat.postMessage' && c.args.channel === dmOf(STAFF));
  expect(staffPosts.length).toBeGreaterThan(5);
  expect(new Set(staffPosts.map((c) => c.token))).toEqual(new Set([UPTON.botToken]));
  expect(fake.calls.slice(walkStart).filter((c) => c.token === HEADCORN.botToken)).toEqual([]);
  expect(fake.calls.slice(walkStart).some((c) => c.method === 'chat.postMessage' && c.args.channel === dmOf(HEAD_DSL))).toBe(false);

  // Upton's DSL acknowledges on server a: the reporter is told, by a proactive DM with Upton's token.
  const notice = notices.find((c) => c.args.channel === UPTON_CHANNEL)!;
  const ackFrom = fake.calls.length;
  await slackClient(`${base(a)}/slack/events`, fake.url, UPTON.team).click(UPTON_DSL, { channel: UPTON_CHANNEL, message: notice }, button(notice, { action_id: 'ss_ack' }));
  const told = await fake.waitFor((calls) => calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === dmOf(STAFF) && /seen|acknowledged/i.test(textOf(c.args.blocks) + String(c.args.text))), 'the reporter told', ackFrom);
  expect(told.token).toBe(UPTON.botToken);
});

test("a DSL's quiz invitation and the reminders to the channel's members go out with the workspace's own token", async () => {
  const room = 'C0UPSTAFF';
  const member = 'U0UPNEW01';
  fake.users.set(member, { real_name: 'Nia New', title: 'TA' });
  fake.members.set(room, [member, UPTON.botUserId]);
  const from = fake.calls.length;
  await slackClient(`${base(a)}/slack/events`, fake.url, UPTON.team).command(UPTON_DSL, 'quiz', room);
  const invitation = await fake.waitForPost(room, () => true, from);
  expect(invitation.token).toBe(UPTON.botToken);
  // A week later, server b reminds the member who never spoke to SafeStep, in Upton's workspace.
  const remindFrom = fake.calls.length;
  await b.app.outreach.sendReminders(new Date(Date.now() + 8 * 86_400_000));
  const reminder = await fake.waitForPost(dmOf(member), () => true, remindFrom);
  expect(reminder.token).toBe(UPTON.botToken);
  expect(fake.calls.slice(remindFrom).filter((c) => c.token !== UPTON.botToken)).toEqual([]);
});

test('a workspace the deployment file does not name is installed but its staff are told SafeStep is not set up', async () => {
  const page = await install(STRAY, a, a);
  expect(page.status).toBe(200);
  expect(page.text).toContain(`team id ${STRAY.team}`);
  expect(installRecord(a, STRAY.team)?.bot?.token).toBe(STRAY.botToken);
  const from = fake.calls.length;
  await slackClient(`${base(a)}/slack/events`, fake.url, STRAY.team).dm('U0STRAYER', 'found a nude photo on a pupils phone');
  const reply = await fake.waitForPost(dmOf('U0STRAYER'), () => true, from);
  expect(reply.token).toBe(STRAY.botToken);
  expect(textOf(reply.args.blocks) + String(reply.args.text)).toContain('SafeStep is not set up for your school in this workspace');
});

test('uninstalling removes the token from the store; the workspace is then not answered', async () => {
  const headcorn = slackClient(`${base(a)}/slack/events`, fake.url, HEADCORN.team);
  expect((await headcorn.event({ type: 'app_uninstalled' })).status).toBe(200);
  await fake.waitFor(() => (installRecord(b, HEADCORN.team) === null ? true : undefined), 'the installation removed');
  expect(JSON.stringify(installRecord(a, HEADCORN.team) ?? null)).not.toContain(HEADCORN.botToken);
  const from = fake.calls.length;
  await headcorn.dm(HEAD_STAFF, 'hello again');
  await new Promise((r) => setTimeout(r, 500));
  expect(fake.calls.slice(from)).toEqual([]);
  // Upton is untouched.
  expect(installRecord(a, UPTON.team)?.bot?.token).toBe(UPTON.botToken);
});
