/**
 * Runs SafeStep for chat platforms: builds the app, creates the enabled channels (Slack, Teams;
 * each loaded only when configured) with the ChannelHost, connects them to the DSL outbox and
 * quiz outreach, and serves their routes on one HTTP port. Used by `npm start` and by the
 * integration tests (port 0, loopback). Channels never see the app: only the host.
 */
import { buildApp, type App } from './app';
import type { Config, SlackConfig } from './config';
import type { TeamsChannelConfig } from './channels/teams/config';
import { SafeStepError } from './core/errors';
import type { ChannelHost, ChatChannel } from './core/host';
import type { Logger, SeenEvents } from './core/ports';
import { checkDeployment } from './deployment/check';
import { workspacesOf } from './deployment/model';
import { startHttpServer } from './server';
import { DailyDesk } from './host/daily-desk';

/** What a channel factory receives besides the host. */
export interface ChannelOptions<C> {
  config: C;
  /** How often a platform API call is retried (tests: 0); the platform SDK's default when absent. */
  apiRetries?: number;
  /** Where a channel writes start-up warnings meant for a person (default process.stderr). */
  stderr?: { write(text: string): unknown };
  /** Platform events already handled, in the database (Slack's de-duplication across servers). */
  seenEvents?: SeenEvents;
}

export interface Serving {
  app: App;
  /** Retention, the daily summary and overdue reminders. */
  daily: DailyDesk;
  port: number;
  channels: ChatChannel[];
  stop(): Promise<void>;
}

type Factory<C> = (host: ChannelHost, options: ChannelOptions<C>) => ChatChannel;

/** Creates (without starting) every chat channel the config enables. */
export function createChannels(host: ChannelHost, config: Readonly<Config>, common: { apiRetries?: number; stderr?: { write(text: string): unknown }; seenEvents?: SeenEvents } = {}): ChatChannel[] {
  const channels: ChatChannel[] = [];
  if (config.slack) {
    const { createSlackChannel } = require('./channels/slack') as { createSlackChannel: Factory<SlackConfig> };
    channels.push(createSlackChannel(host, { ...common, config: config.slack }));
  }
  if (config.teams) {
    const { createTeamsChannel } = require('./channels/teams') as { createTeamsChannel: Factory<TeamsChannelConfig> };
    channels.push(createTeamsChannel(host, { ...common, config: { ...config.teams, allowedTenants: workspacesOf(config.deployment, 'teams') } }));
  }
  return channels;
}

/** The daily desk work for the app's deployment: retention, and each setting's summary. */
export function dailyDesk(app: App, config: Readonly<Config>): DailyDesk {
  return new DailyDesk({
    desk: app.host.desk,
    notifier: app.notifier,
    casework: app.casework,
    reports: app.stores.reports,
    retention: app.stores.retention,
    content: app.content,
    settings: config.deployment.settings.map((s) => app.content.settings.get(s.id)).filter((s) => s !== undefined),
    today: config.today,
    retentionDays: config.retentionDays,
    digestTime: config.digestTime,
    records: app.host.records('desk'),
    ticks: app.stores.ticks,
    clock: app.clock,
    log: app.log,
  });
}

/** Starts every configured chat channel; throws config_error when one cannot start. */
export async function serveChannels(
  config: Readonly<Config>,
  options: { log?: Logger; host?: string; apiRetries?: number; stderr?: { write(text: string): unknown }; clock?: () => Date } = {},
): Promise<Serving> {
  const app = buildApp(config, options.log, options.clock);
  try {
    checkDeployment(config.deployment, [...app.content.settings.keys()]);
    const channels = createChannels(app.host, config, { apiRetries: options.apiRetries, stderr: options.stderr, seenEvents: app.stores.events });
    for (const c of channels) app.connect(c);
    const server = await startHttpServer(config.port, channels.flatMap((c) => c.routes), app.log, options.host);
    try {
      for (const c of channels) await c.start();
    } catch (err) {
      // A channel that cannot start (e.g. Socket Mode refused) must not leave the port open.
      for (const c of channels) await c.stop().catch(() => undefined);
      await server.close();
      throw err;
    }
    // Sends anything left pending by a previous run at once, then retries and reminds.
    app.notifier.start();
    app.outreach.start();
    // Retention once a day; the DSL team's summary and overdue-action reminders each morning.
    const daily = dailyDesk(app, config);
    daily.start();
    app.log.info('serving', { port: server.port, channels: channels.map((c) => c.name).join(',') });
    return {
      app,
      daily,
      port: server.port,
      channels,
      stop: async () => {
        app.notifier.stop();
        app.outreach.stop();
        daily.stop();
        await daily.drain();
        await app.notifier.drain();
        await app.outreach.drain();
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
