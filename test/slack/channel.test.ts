/**
 * createSlackChannel as the composition root sees it: HTTP mode mounts /slack/events on the
 * shared server; Socket Mode (an app token) mounts nothing (it connects out on start()); the DSL
 * targets come from the config, and a config that cannot reach a DSL is logged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, dslDirectory, type App } from '../../src/app';
import { announceTargets, isDsl } from '../../src/core/desk/directory';
import { createSlackChannel } from '../../src/channels/slack';
import { loadConfig, type SlackConfig } from '../../src/config';

let app: App;
let dir: string;
const events: string[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safestep-slack-channel-'));
  const config = loadConfig({ SAFESTEP_DATA_DIR: dir, SAFESTEP_SETTING: 'upton-junior' }, path.resolve(__dirname, '..', '..'));
  const record = (e: string) => void events.push(e);
  app = buildApp(config, { info: record, warn: record, error: record });
});
afterAll(() => {
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const slack = (o: Partial<SlackConfig> = {}): SlackConfig => ({ botToken: 'xoxb-1', signingSecret: 's', dslChannel: 'C0DSL', dslUsers: ['U0DSL', 'U0DEP'], ...o });

test('HTTP mode serves events, interactivity and /safestep at POST /slack/events', async () => {
  const channel = createSlackChannel(app.host, { config: slack(), apiRetries: 0 });
  expect(channel.name).toBe('slack');
  expect(channel.routes.map((r) => [r.method, r.path])).toEqual([['POST', '/slack/events']]);
  await channel.stop();
});

test('Socket Mode (an app token) mounts no HTTP route', async () => {
  const channel = createSlackChannel(app.host, { config: slack({ appToken: 'xapp-1' }), apiRetries: 0 });
  expect(channel.routes).toEqual([]);
  await channel.stop();
});

test('new reports go to the DSL channel and each DSL; only listed DSLs may act (decided by the core from the config)', () => {
  const config = loadConfig({ SAFESTEP_DATA_DIR: dir, SAFESTEP_SETTING: 'upton-junior', SLACK_BOT_TOKEN: 'x', SLACK_SIGNING_SECRET: 's', SLACK_DSL_CHANNEL: 'C0DSL', SLACK_DSL_USERS: 'U0DSL,U0DEP' }, path.resolve(__dirname, '..', '..'));
  const directory = dslDirectory(config);
  expect(announceTargets(directory, 'upton-junior', 'slack')).toEqual(['place:C0DSL', 'U0DSL', 'U0DEP']);
  expect(isDsl(directory, 'upton-junior', 'slack', 'U0DEP')).toBe(true);
  expect(isDsl(directory, 'upton-junior', 'slack', 'U0STAFF')).toBe(false);
  expect(isDsl(directory, 'upton-junior', 'teams', 'U0DEP')).toBe(false);
  expect(isDsl(directory, 'headcorn-primary', 'slack', 'U0DEP')).toBe(false);
});

test('a config that cannot reach the DSL, or names people instead of member ids, is logged', () => {
  events.length = 0;
  createSlackChannel(app.host, { config: slack({ dslChannel: undefined, dslUsers: [] }) });
  createSlackChannel(app.host, { config: slack({ dslChannel: '#dsl', dslUsers: ['Camilla Claxton'] }) });
  expect(events).toEqual(['slack_no_dsl_targets', 'slack_dsl_user_not_a_member_id', 'slack_dsl_channel_not_an_id']);
});
