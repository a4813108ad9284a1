/**
 * The Slack app manifest a school pastes to create SafeStep: every request URL is /slack/events,
 * the events and command SafeStep handles are there (member_joined_channel and the channel
 * scopes for the induction quiz), and it never asks to read files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { SLACK_EVENTS_PATH } from '../../src/channels/slack';
import { SLASH_COMMAND } from '../../src/channels/slack/staff-listeners';
import { BOT_SCOPES, SLACK_REDIRECT_PATH } from '../../src/channels/slack/oauth';

interface Manifest {
  display_information: { name: string };
  features: { bot_user: { display_name: string }; app_home: Record<string, boolean>; slash_commands: { command: string; url: string }[] };
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(fs.readFileSync(path.resolve(__dirname, '../../slack-manifest.yaml'), 'utf8')) as Manifest;
const endsAtEvents = (url: string) => new URL(url).pathname === SLACK_EVENTS_PATH;

test('events, interactivity and /safestep all go to /slack/events', () => {
  expect(endsAtEvents(manifest.settings.event_subscriptions.request_url)).toBe(true);
  expect(manifest.settings.interactivity.is_enabled).toBe(true);
  expect(endsAtEvents(manifest.settings.interactivity.request_url)).toBe(true);
  const command = manifest.features.slash_commands.find((c) => c.command === SLASH_COMMAND);
  expect(command && endsAtEvents(command.url)).toBe(true);
});

test('subscribes to the events SafeStep handles, with the scopes they need and never files:read', () => {
  expect(manifest.display_information.name).toBe('SafeStep');
  expect(manifest.features.bot_user.display_name).toBe('SafeStep');
  expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['message.im', 'app_mention', 'app_home_opened', 'member_joined_channel']));
  expect(manifest.oauth_config.scopes.bot).toEqual(
    expect.arrayContaining(['chat:write', 'im:history', 'im:write', 'app_mentions:read', 'commands', 'users:read', 'channels:read', 'groups:read', 'channels:history', 'groups:history']),
  );
  expect(manifest.oauth_config.scopes.bot).not.toContain('files:read');
  expect(manifest.oauth_config.scopes.user ?? []).toEqual([]);
  expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
  expect(manifest.settings.socket_mode_enabled).toBe(false);
});

test('the OAuth install asks for exactly the manifest scopes and comes back to /slack/oauth_redirect; uninstalls are heard', () => {
  expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  expect((manifest.oauth_config.redirect_urls ?? []).map((u) => new URL(u).pathname)).toEqual([SLACK_REDIRECT_PATH]);
  expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['app_uninstalled', 'tokens_revoked']));
});
