/**
 * Starts SafeStep's real Slack channel (Bolt over HTTP on loopback, port 0) against the fake
 * Web API, and sends it Slack-signed requests: events (JSON), block_actions (form `payload=`)
 * and slash commands (form). Logs are captured so tests can check they hold no typed text.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { labelsFor } from '../../src/core/desk/labels';
import type { Labels } from '../../src/core/host';
import { loadConfig } from '../../src/config';
import type { Logger } from '../../src/core/ports';
import { serveChannels, type Serving } from '../../src/serve';
import { buttonsIn, FakeSlackApi, type ApiCall, type FoundButton } from './fake-slack-api';

export const SECRET = 'test-signing-secret';
export const TEAM = 'T0SCHOOL';
export const DSL_CHANNEL = 'C0DSLTEAM';
export const DSL = 'U0DSL001';
export const DEPUTY = 'U0DEP001';
export const STAFF = 'U0TA0001';
export const OTHER = 'U0OTHER1';
const ROOT = path.resolve(__dirname, '..', '..');

/** The DM channel the fake API opens with a user. */
export const dmOf = (user: string) => `D${user.slice(1)}`;

export interface Harness {
  fake: FakeSlackApi;
  serving: Serving;
  port: number;
  logs: string[];
  dataDir: string;
  /** Posts a body with Slack's signature headers; `ts`/`signature` override them. */
  post(body: string, contentType: string, o?: { ts?: number; signature?: string | null; headers?: Record<string, string> }): Promise<{ status: number; text: string; ms: number }>;
  event(event: Record<string, unknown>, o?: { eventId?: string; headers?: Record<string, string> }): Promise<{ status: number; text: string; ms: number }>;
  dm(user: string, text: string, extra?: Record<string, unknown>): Promise<{ status: number }>;
  click(user: string, where: { channel: string; message: ApiCall }, button: FoundButton): Promise<{ status: number; ms: number }>;
  command(user: string, text: string, channel?: string): Promise<{ status: number; text: string; ms: number }>;
  /** Clicks a button on the person's App Home tab (no channel, no message). */
  homeClick(user: string, button: FoundButton): Promise<{ status: number; ms: number }>;
  /** Submits a modal (view_submission) with its input values. */
  submitView(user: string, callbackId: string, values: Record<string, Record<string, unknown>>, privateMetadata?: string): Promise<{ status: number; text: string }>;
  /** Clicks a button inside an open modal (e.g. the full report). */
  modalClick(user: string, button: FoundButton): Promise<{ status: number; ms: number }>;
  /** The quiz reminders check, as the hourly timer runs it. */
  sendQuizReminders(now: Date): Promise<string[]>;
  close(): Promise<void>;
}

let eventCounter = 0;

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const fake = new FakeSlackApi();
  await fake.start();
  fake.users.set(STAFF, { real_name: 'Jo Pike', title: 'TA' });
  fake.users.set(DSL, { real_name: 'Camilla Claxton', title: 'DSL' });
  fake.users.set(OTHER, { real_name: 'Sam Other', title: 'Teacher' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-slack-'));
  const config = loadConfig(
    {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.url,
      SAFESTEP_DATA_DIR: dataDir,
      SAFESTEP_SETTING: 'upton-junior',
      SLACK_DSL_CHANNEL: DSL_CHANNEL,
      SLACK_DSL_USERS: `${DSL},${DEPUTY}`,
      PORT: '0',
      ...env,
    },
    ROOT,
  );
  const logs: string[] = [];
  const record =
    (level: string) =>
    (event: string, fields?: Record<string, string | number | boolean>): void => {
      logs.push(JSON.stringify({ level, event, ...fields }));
    };
  const log: Logger = { info: record('info'), warn: record('warn'), error: record('error') };
  let serving: Serving;
  try {
    serving = await serveChannels(config, { host: '127.0.0.1', log, apiRetries: 0 });
  } catch (err) {
    await fake.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw Object.assign(err as Error, { logs });
  }
  const { post, event, dm, click, command, homeClick, submitView, modalClick } = slackClient(`http://127.0.0.1:${serving.port}/slack/events`, fake.url);

  return {
    fake,
    serving,
    homeClick,
    submitView,
    modalClick,
    sendQuizReminders: (now) => serving.app.outreach.sendReminders(now),
    port: serving.port,
    logs,
    dataDir,
    post,
    event,
    dm,
    click,
    command,
    close: async () => {
      await serving.stop();
      await fake.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signed requests to a SafeStep Slack endpoint (in this process or another), as Slack sends them. */
export type SlackClient = Pick<Harness, 'post' | 'event' | 'dm' | 'click' | 'command' | 'homeClick' | 'submitView' | 'modalClick'>;

/** A client for the endpoint `base` (…/slack/events) as workspace `team`; `fakeUrl` is the fake Web API's base URL. */
export function slackClient(base: string, fakeUrl: string, team: string = TEAM): SlackClient {

  const post: Harness['post'] = async (body, contentType, o = {}) => {
    const ts = o.ts ?? Math.floor(Date.now() / 1000);
    const signature = o.signature === undefined ? `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}` : o.signature;
    const headers: Record<string, string> = { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), ...o.headers };
    if (signature !== null) headers['x-slack-signature'] = signature;
    const started = Date.now();
    const res = await fetch(base, { method: 'POST', headers, body });
    return { status: res.status, text: await res.text(), ms: Date.now() - started };
  };

  const event: Harness['event'] = (ev, o = {}) =>
    post(
      JSON.stringify({
        token: 'legacy',
        team_id: team,
        api_app_id: 'A0SAFESTEP',
        type: 'event_callback',
        event_id: o.eventId ?? `Ev${++eventCounter}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: team, user_id: 'U0SAFEBOT', is_bot: true, is_enterprise_install: false }],
        event: { event_ts: `${Date.now() / 1000}`, ...ev },
      }),
      'application/json',
      { headers: o.headers },
    );

  const dm: Harness['dm'] = (user, text, extra = {}) =>
    event({ type: 'message', channel: dmOf(user), channel_type: 'im', user, text, ts: `${Date.now() / 1000}`, ...extra });

  const click: Harness['click'] = (user, where, button) => {
    const payload = {
      type: 'block_actions',
      team: { id: team, domain: 'school' },
      user: { id: user, username: user.toLowerCase(), team_id: team },
      api_app_id: 'A0SAFESTEP',
      token: 'legacy',
      trigger_id: `trigger-${++eventCounter}`,
      response_url: `${fakeUrl}response`,
      container: { type: 'message', message_ts: String(where.message.response.ts ?? ''), channel_id: where.channel, is_ephemeral: false },
      channel: { id: where.channel, name: where.channel.startsWith('D') ? 'directmessage' : 'dsl-team' },
      message: { type: 'message', ts: String(where.message.response.ts ?? ''), text: where.message.args.text, blocks: where.message.args.blocks },
      actions: [
        { type: 'button', action_id: button.action_id, block_id: button.block_id, value: button.value, text: { type: 'plain_text', text: button.text }, action_ts: `${Date.now() / 1000}` },
      ],
    };
    return post(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
  };

  const command: Harness['command'] = (user, text, channel = 'C0GENERAL') => {
    const form = new URLSearchParams({
      token: 'legacy',
      team_id: team,
      team_domain: 'school',
      channel_id: channel,
      channel_name: channel.startsWith('D') ? 'directmessage' : 'general',
      user_id: user,
      user_name: user.toLowerCase(),
      command: '/safestep',
      text,
      api_app_id: 'A0SAFESTEP',
      response_url: `${fakeUrl}response`,
      trigger_id: `trigger-${++eventCounter}`,
    });
    return post(form.toString(), 'application/x-www-form-urlencoded');
  };

  const homeClick: Harness['homeClick'] = (user, button) => viewClick(user, button, 'home');
  const modalClick: Harness['modalClick'] = (user, button) => viewClick(user, button, 'modal');

  const viewClick = (user: string, button: FoundButton, type: 'home' | 'modal') => {
    const viewId = type === 'home' ? 'V0HOME' : 'V0REPORT';
    const payload = {
      type: 'block_actions',
      team: { id: team, domain: 'school' },
      user: { id: user, username: user.toLowerCase(), team_id: team },
      api_app_id: 'A0SAFESTEP',
      token: 'legacy',
      trigger_id: `trigger-${++eventCounter}`,
      container: { type: 'view', view_id: viewId },
      view: { id: viewId, type, blocks: [] },
      actions: [
        { type: 'button', action_id: button.action_id, block_id: button.block_id, value: button.value, text: { type: 'plain_text', text: button.text }, action_ts: `${Date.now() / 1000}` },
      ],
    };
    return post(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
  };

  const submitView: Harness['submitView'] = (user, callbackId, values, privateMetadata = '') => {
    const payload = {
      type: 'view_submission',
      team: { id: team, domain: 'school' },
      user: { id: user, username: user.toLowerCase(), team_id: team },
      api_app_id: 'A0SAFESTEP',
      token: 'legacy',
      trigger_id: `trigger-${++eventCounter}`,
      view: { id: 'V0MODAL', type: 'modal', callback_id: callbackId, private_metadata: privateMetadata, blocks: [], state: { values } },
    };
    return post(`payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');
  };

  return { post, event, dm, click, command, homeClick, submitView, modalClick };
}

/** The button with this value (choice id) or action id in a recorded post. */
export function button(call: ApiCall, match: { value?: string; action_id?: string }): FoundButton {
  const found = buttonsIn(call.args.blocks).find((b) => (match.value === undefined || b.value === match.value) && (match.action_id === undefined || b.action_id === match.action_id));
  if (!found) throw new Error(`no button ${JSON.stringify(match)} in ${JSON.stringify(buttonsIn(call.args.blocks))}`);
  return found;
}

/** The catalogue's labels as the harness's setting shows them in Slack. */
export function labelsOf(h: Harness): Labels {
  const { app } = h.serving;
  return labelsFor(app.content.catalog, app.content.settings.get('upton-junior')!);
}

/**
 * Waits until the DSL notifier has tried every delivery of a report at least once (none still
 * pending): staff are answered before the DSL is told, so a test must not read the rows at once.
 */
export async function deliveriesTried(h: Harness, reference: string, count = 3): Promise<void> {
  const { deliveries } = h.serving.app.stores;
  await h.fake.waitFor(() => {
    const rows = deliveries.forReport(reference);
    return rows.length >= count && rows.every((d) => d.status !== 'pending') ? true : undefined;
  }, `the deliveries of ${reference}`);
}
