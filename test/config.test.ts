import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config';

describe('config', () => {
  test('defaults: console only, ./data, port 3000, 15-minute reminders', () => {
    const c = loadConfig({}, '/app', '/work');
    expect(c).toMatchObject({ contentRoot: '/app', dataDir: '/work/data', dbPath: '/work/data/safestep.db', port: 3000, reminderMinutes: 15 });
    expect(c.slack).toBeUndefined();
    expect(c.teams).toBeUndefined();
  });

  test('Slack needs both the bot token and the signing secret; DSL users are a comma list', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' }, '/app')).toThrow(/needs both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET/);
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: 's' }, '/app')).toThrow(/needs both/);
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_DSL_USERS: 'U1, U2,,', SLACK_API_URL: 'http://127.0.0.1:9/api/' }, '/app');
    expect(c.slack).toEqual({ botToken: 'xoxb-1', signingSecret: 's', dslUsers: ['U1', 'U2'], apiUrl: 'http://127.0.0.1:9/api/', appToken: undefined, dslChannel: undefined });
  });

  test("Slack's install: id, secret and state secret together, with the signing secret; no bot token needed; shutdown grace", () => {
    const oauth = { SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 'cs', SLACK_STATE_SECRET: 'a-long-enough-state-secret' };
    expect(loadConfig(oauth, '/app').slack).toMatchObject({ signingSecret: 's', oauth: { clientId: '1.2', clientSecret: 'cs', stateSecret: 'a-long-enough-state-secret' } });
    expect(loadConfig(oauth, '/app').slack?.botToken).toBeUndefined();
    expect(() => loadConfig({ ...oauth, SLACK_STATE_SECRET: undefined }, '/app')).toThrow(/SLACK_STATE_SECRET is not set/);
    expect(() => loadConfig({ ...oauth, SLACK_SIGNING_SECRET: undefined }, '/app')).toThrow(/needs SLACK_SIGNING_SECRET/);
    expect(() => loadConfig({ ...oauth, SLACK_STATE_SECRET: 'short' }, '/app')).toThrow(/SLACK_STATE_SECRET/);
    expect(loadConfig({}, '/app').shutdownGraceMs).toBe(10_000);
    expect(loadConfig({ SAFESTEP_SHUTDOWN_GRACE_SECONDS: '2.5' }, '/app').shutdownGraceMs).toBe(2500);
  });

  test('Teams: local mode only without an app id; any Teams variable turns the channel on', () => {
    expect(loadConfig({ SAFESTEP_TEAMS_LOCAL: '1' }, '/app').teams).toMatchObject({ local: true, appId: undefined });
    expect(loadConfig({ SAFESTEP_TEAMS_LOCAL: '1', MicrosoftAppId: 'abc' }, '/app').teams).toMatchObject({ local: false, appId: 'abc' });
    expect(loadConfig({ TEAMS_DSL_USERS: 'aad-1' }, '/app').teams).toMatchObject({ local: false, appId: undefined, dslUsers: ['aad-1'] });
  });

  test('a config file offers the same keys; the environment wins', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'safestep-config-'));
    try {
      const file = path.join(dir, 'safestep.json');
      writeFileSync(file, JSON.stringify({ SAFESTEP_SETTING: 'upton-junior', SLACK_BOT_TOKEN: 'xoxb-file', SLACK_SIGNING_SECRET: 'f', SLACK_DSL_USERS: ['U9', 'U8'], PORT: 4000 }));
      const c = loadConfig({ SAFESTEP_CONFIG: file, PORT: '5000' }, '/app');
      expect(c).toMatchObject({ settingId: 'upton-junior', port: 5000, slack: { botToken: 'xoxb-file', dslUsers: ['U9', 'U8'] } });
      writeFileSync(file, '{not json');
      expect(() => loadConfig({ SAFESTEP_CONFIG: file }, '/app')).toThrow(/Could not read the config file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('invalid values are a config_error naming the variable, never echoing secrets', () => {
    expect(() => loadConfig({ PORT: 'eighty' }, '/app')).toThrow(/PORT/);
    // The error is caught and asserted outside the catch: an expect() inside it would pass
    // without running if loadConfig stopped throwing.
    let thrown: unknown;
    try {
      loadConfig({ SLACK_API_URL: 'not a url', SLACK_SIGNING_SECRET: 'sup3r-secret' }, '/app');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ code: 'config_error', message: expect.stringContaining('SLACK_API_URL') });
    expect(String(thrown)).not.toContain('sup3r-secret');
  });
});
