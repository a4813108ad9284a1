/**
 * createSlackChannel as the composition root sees it: HTTP mode mounts /slack/events on the
 * shared server; Socket Mode (an app token) mounts nothing (it connects out on start()); the DSL
 * targets come from the config, and a config that cannot reach a DSL is logged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../../src/app';
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
  const channel = createSlackChannel({ app, config: slack(), settingId: 'upton-junior', apiRetries: 0 });
  expect(channel.name).toBe('slack');
  expect(channel.routes.map((r) => [r.method, r.path])).toEqual([['POST', '/slack/events']]);
  await channel.stop();
});

test('Socket Mode (an app token) mounts no HTTP route', async () => {
  const channel = createSlackChannel({ app, config: slack({ appToken: 'xapp-1' }), settingId: 'upton-junior', apiRetries: 0 });
  expect(channel.routes).toEqual([]);
  await channel.stop();
});

test('new reports go to the DSL channel and each DSL; only listed DSLs may act', () => {
  const { dsl } = createSlackChannel({ app, config: slack(), settingId: 'upton-junior', apiRetries: 0 });
  expect(dsl.name).toBe('slack');
  expect(dsl.announceTargets()).toEqual(['C0DSL', 'U0DSL', 'U0DEP']);
  expect(dsl.dslUsers()).toEqual(['U0DSL', 'U0DEP']);
  expect(dsl.isDsl('U0DEP')).toBe(true);
  expect(dsl.isDsl('U0STAFF')).toBe(false);
  expect(createSlackChannel({ app, config: slack({ dslChannel: undefined }), settingId: 'upton-junior' }).dsl.announceTargets()).toEqual(['U0DSL', 'U0DEP']);
});

test('a config that cannot reach the DSL, or names people instead of member ids, is logged', () => {
  events.length = 0;
  createSlackChannel({ app, config: slack({ dslChannel: undefined, dslUsers: [] }), settingId: 'upton-junior' });
  createSlackChannel({ app, config: slack({ dslChannel: '#dsl', dslUsers: ['Camilla Claxton'] }), settingId: 'upton-junior' });
  expect(events).toEqual(['slack_no_dsl_targets', 'slack_dsl_user_not_a_member_id', 'slack_dsl_channel_not_an_id']);
});
