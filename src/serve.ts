/**
 * Runs SafeStep for chat platforms: builds the app, creates the enabled channels (Slack, Teams;
 * each loaded only when configured), connects them to the DSL notifier, and serves their routes
 * on one HTTP port. Used by `npm start` and by the integration tests (port 0, loopback).
 */
import { buildApp, requireSetting, type App } from './app';
import type { ChatChannel } from './channels/channel';
import type { Config, SlackConfig, TeamsConfig } from './config';
import { SafeStepError } from './core/errors';
import type { Logger } from './core/ports';
import { startHttpServer } from './server';

/** What every channel factory receives. */
export interface ChannelDeps<C> {
  app: App;
  config: C;
  settingId: string;
  /** How often a platform API call is retried (tests: 0); the platform SDK's default when absent. */
  apiRetries?: number;
  /** Where a channel writes start-up warnings meant for a person (default process.stderr). */
  stderr?: { write(text: string): unknown };
}

export interface Serving {
  app: App;
  port: number;
  channels: ChatChannel[];
  stop(): Promise<void>;
}

type Factory<C> = (deps: ChannelDeps<C>) => ChatChannel;

/** Starts every configured chat channel; throws config_error when one cannot start. */
export async function serveChannels(
  config: Readonly<Config>,
  options: { log?: Logger; host?: string; apiRetries?: number; stderr?: { write(text: string): unknown } } = {},
): Promise<Serving> {
  const app = buildApp(config, options.log);
  try {
    if (!config.settingId) {
      throw new SafeStepError('config_error', `SAFESTEP_SETTING must name the setting this workspace serves (one of: ${[...app.content.settings.keys()].join(', ')}).`);
    }
    const settingId = requireSetting(app.content, config.settingId);
    const channels: ChatChannel[] = [];
    if (config.slack) {
      const { createSlackChannel } = require('./channels/slack') as { createSlackChannel: Factory<SlackConfig> };
      channels.push(createSlackChannel({ app, config: config.slack, settingId, apiRetries: options.apiRetries }));
    }
    if (config.teams) {
      const { createTeamsChannel } = require('./channels/teams') as { createTeamsChannel: Factory<TeamsConfig> };
      channels.push(createTeamsChannel({ app, config: config.teams, settingId, apiRetries: options.apiRetries, stderr: options.stderr }));
    }
    for (const c of channels) app.notifier.addChannel(c.dsl);
    const server = await startHttpServer(config.port, channels.flatMap((c) => c.routes), app.log, options.host);
    try {
      for (const c of channels) await c.start();
    } catch (err) {
      // A channel that cannot start (e.g. Socket Mode refused) must not leave the port open.
      for (const c of channels) await c.stop().catch(() => undefined);
      await server.close();
      throw err;
    }
    app.notifier.start();
    app.log.info('serving', { port: server.port, channels: channels.map((c) => c.name).join(',') });
    return {
      app,
      port: server.port,
      channels,
      stop: async () => {
        await app.notifier.drain();
        for (const c of channels) await c.stop();
        await server.close();
        app.close();
      },
    };
  } catch (err) {
    app.close();
    throw err;
  }
}
