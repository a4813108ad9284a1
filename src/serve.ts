/**
 * Runs SafeStep for chat platforms: builds the app, creates the enabled channels (Slack, Teams;
 * each loaded only when configured) with the ChannelHost, connects them to the DSL outbox and
 * quiz outreach, and serves their routes on one HTTP port. Used by `npm start` and by the
 * integration tests (port 0, loopback). Channels never see the app: only the host.
 */
import { reportSkipped } from './authoring/isolate';
import { buildApp, type App } from './app';
import type { Config } from './config';
import type { TeamsChannelConfig } from './channels/teams/config';
import type { SlackChannelConfig } from './channels/slack';
import { SafeStepError } from './core/errors';
import { errorCode, type ChannelHost, type ChatChannel } from './core/host';
import type { Logger, SeenEvents } from './core/ports';
import { servingRefusals } from './deployment/approval';
import { checkDeployment } from './deployment/check';
import { workspacesOf } from './deployment/model';
import { startHttpServer, type Readiness } from './server';
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
  /**
   * Stops gracefully: new requests get 503, timers stop, turns and deliveries already under way
   * finish (at most `graceMs`, default the config's), then the port and the database close.
   * Resolves false when the wait ran out (what was left pending is sent by the next start).
   */
  stop(graceMs?: number): Promise<boolean>;
}

type Factory<C> = (host: ChannelHost, options: ChannelOptions<C>) => ChatChannel;

/** For proactive Slack posts: the workspaces of each DSL, DSL channel and quiz channel the deployment names. */
function slackTeamsOfTargets(deployment: Config['deployment']): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const s of deployment.settings) {
    const p = s.slack;
    if (!p) continue;
    for (const id of [...p.dslUsers, ...(p.dslChannel ? [p.dslChannel] : []), ...(p.quizChannel ? [p.quizChannel] : [])]) out[id] = [...new Set([...(out[id] ?? []), ...p.workspaces])];
  }
  return out;
}

/** Creates (without starting) every chat channel the config enables. */
export function createChannels(host: ChannelHost, config: Readonly<Config>, common: { apiRetries?: number; stderr?: { write(text: string): unknown }; seenEvents?: SeenEvents } = {}): ChatChannel[] {
  const channels: ChatChannel[] = [];
  if (config.slack) {
    const { createSlackChannel } = require('./channels/slack') as { createSlackChannel: Factory<SlackChannelConfig> };
    channels.push(createSlackChannel(host, { ...common, config: { ...config.slack, teamsOfTarget: slackTeamsOfTargets(config.deployment), deployedTeams: workspacesOf(config.deployment, 'slack') } }));
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

/** /readyz: ready while the database answers; the first failure and the recovery are logged (codes only). */
export function databaseReadiness(app: App): Readiness {
  let wasReady = true;
  return () => {
    try {
      app.stores.ping();
      if (!wasReady) app.log.warn('database_ready_again', {});
      wasReady = true;
      return { ready: true };
    } catch (err) {
      if (wasReady) app.log.error('database_not_ready', { code: errorCode(err) });
      wasReady = false;
      return { ready: false, reason: 'database_unreachable' };
    }
  };
}

/** Runs `work`; true if it settled within `ms`, false if the time ran out first (it is not cancelled). */
async function within(ms: number, work: () => Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const done = work().then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([done, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts every configured chat channel; throws config_error when one cannot start. */
export async function serveChannels(
  config: Readonly<Config>,
  options: { log?: Logger; host?: string; apiRetries?: number; stderr?: { write(text: string): unknown }; clock?: () => Date } = {},
): Promise<Serving> {
  const app = buildApp(config, options.log, options.clock);
  try {
    // A skipped (broken) profile is known: the deployment may name it, and its people are told
    // SafeStep is not set up for them until it is fixed. A draft (or a policy changed since its
    // approval) is refused outright: "not approved yet".
    checkDeployment(config.deployment, [...app.content.settings.keys(), ...app.skipped.map((s) => s.id)], servingRefusals(config.contentRoot, app.content.settings.values()));
    reportSkipped(app.skipped, options.stderr ?? process.stderr);
    const channels = createChannels(app.host, config, { apiRetries: options.apiRetries, stderr: options.stderr, seenEvents: app.stores.events });
    for (const c of channels) app.connect(c);
    const server = await startHttpServer(config.port, channels.flatMap((c) => c.routes), app.log, { host: options.host, readiness: databaseReadiness(app) });
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
      stop: async (graceMs = config.shutdownGraceMs) => {
        const deadline = Date.now() + graceMs;
        const left = () => Math.max(0, deadline - Date.now());
        // No timer starts new work from here on; what is already under way is finished below.
        app.notifier.stop();
        app.outreach.stop();
        daily.stop();
        let finished = await server.drain(left());
        // Turns acknowledged before the drain (and the notices they file), then every delivery in flight.
        finished =
          (await within(left(), async () => {
            for (const c of channels) await c.stop();
            await daily.drain();
            await app.notifier.drain();
            await app.outreach.drain();
          })) && finished;
        if (!finished) app.log.warn('shutdown_grace_exceeded', { graceMs });
        await server.close();
        app.close();
        app.log.info('stopped', { finished });
        return finished;
      },
    };
  } catch (err) {
    app.close();
    throw err;
  }
}
