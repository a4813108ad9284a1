/**
 * The Slack channel (Bolt 5). HTTP mode by default: events, interactivity and /safestep all
 * arrive at POST /slack/events on SafeStep's one HTTP server, verified and acknowledged at once by
 * AckFirstReceiver (bad or missing signature, or a timestamp over five minutes old: 401, nothing
 * done), then dispatched by Bolt, so Slack is answered within its 3 s even under a burst. Socket
 * Mode instead when an app token is set (no HTTP route). One workspace with SLACK_BOT_TOKEN, or
 * many that install SafeStep through GET /slack/install (./oauth.ts), each then served with its
 * own bot token (./workspaces.ts). Every @slack/bolt and @slack/oauth import stays in this folder;
 * the channel is given the ChannelHost and translates.
 */
import { App as BoltApp, SocketModeReceiver } from '@slack/bolt';
import { errorCode, type ChannelHost, type ChatChannel, type HttpRoute } from '../../core/host';
import { AckFirstReceiver } from './ack-first-receiver';
import { boltLogger } from './bolt-logger';
import { RecentIds, type SharedIds } from './dedupe';
import { slackDeliverer } from './deliverer';
import { registerCaseListeners } from './case-listeners';
import { registerDslListeners } from './dsl-listeners';
import { homePublisher } from './home-tab';
import { Inflight } from './inflight';
import { registerQuizListeners } from './quiz-listeners';
import { slackRoster } from './roster';
import { webClientOptions } from './slack-api';
import { INSTALL_RECORDS, SlackInstallations } from './installations';
import { slackInstallRoutes } from './oauth';
import { registerUninstallListeners } from './uninstall';
import { SlackWorkspaces } from './workspaces';
import { registerStaffListeners } from './staff-listeners';

/** Where Slack sends events, interactivity and the slash command (HTTP mode). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Retries of a failed Web API call in production (the DSL outbox retries deliveries itself). */
const DEFAULT_API_RETRIES = 2;

/** What the Slack channel needs to know (the config's `slack`, and from the deployment where its people are). */
export interface SlackChannelConfig {
  /** One workspace's bot token (SLACK_BOT_TOKEN); absent when workspaces install SafeStep (`oauth`). */
  botToken?: string;
  signingSecret: string;
  /** The OAuth install (/slack/install): each installed workspace gets its own bot token. */
  oauth?: { clientId: string; clientSecret: string; stateSecret: string; redirectUri?: string };
  /** From the deployment file: the workspaces each DSL, DSL channel and quiz channel id belongs to. */
  teamsOfTarget?: Readonly<Record<string, readonly string[]>>;
  /** From the deployment file: the workspaces it places in a setting (empty: any workspace). */
  deployedTeams?: readonly string[];
  appToken?: string;
  apiUrl?: string;
  dslChannel?: string;
  dslUsers: readonly string[];
}

/** Builds the Slack channel; nothing connects until start() (Socket Mode) or the route is served. */
export function createSlackChannel(host: ChannelHost, options: { config: SlackChannelConfig; apiRetries?: number; seenEvents?: SharedIds }): ChatChannel {
  const { config } = options;
  const log = host.log;
  const logger = boltLogger(log);
  const retries = options.apiRetries ?? DEFAULT_API_RETRIES;
  const clientOptions = webClientOptions({ apiUrl: config.apiUrl, retries, logger });
  const installs = config.oauth ? new SlackInstallations(host.records(INSTALL_RECORDS)) : undefined;
  const workspaces = new SlackWorkspaces({ host, botToken: config.botToken, installs, teamsOfTarget: config.teamsOfTarget, api: { apiUrl: config.apiUrl, retries, logger, log } });
  warnAboutDslTargets(config, log);

  const socketMode = config.appToken !== undefined;
  const http = socketMode ? undefined : new AckFirstReceiver({ signingSecret: config.signingSecret, log });
  const receiver = http ?? new SocketModeReceiver({ appToken: config.appToken!, logger, installerOptions: { clientOptions } });
  const bolt = new BoltApp({
    receiver,
    logger,
    convoStore: false,
    clientOptions,
    // The workspace's own bot token: its installation's, else the one SLACK_BOT_TOKEN. The bot's
    // own ids let Bolt ignore its own posts; they are never waited for here, so Slack is
    // acknowledged at once. No token for the workspace: the request is dropped (Bolt still
    // passes app_uninstalled and tokens_revoked on).
    authorize: async (source) => {
      const found = workspaces.authorize(source);
      if (!found) throw Object.assign(new Error('workspace not installed'), { code: 'slack_not_installed' });
      return found;
    },
  });
  bolt.error(async (err) => log.error('slack_listener_failed', { code: errorCode(err) }));

  const seen = new RecentIds(5000, options.seenEvents);
  bolt.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !seen.first(eventId)) {
      log.info('slack_event_repeat_ignored', {});
      return;
    }
    await next();
  });

  // Who was seen in which workspace, so later notices to them go out with that workspace's token.
  bolt.use(async ({ body, next }) => {
    const b = body as { team_id?: string; team?: { id?: string }; user_id?: string; user?: { id?: string; team_id?: string }; event?: { user?: unknown } };
    const user = b.user?.id ?? b.user_id ?? (typeof b.event?.user === 'string' ? b.event.user : undefined);
    if (user) workspaces.saw(user, b.team_id ?? b.team?.id ?? b.user?.team_id);
    await next();
  });
  if (installs) registerUninstallListeners(bolt, { installs, workspaces, log });

  const inflight = new Inflight();
  const apis = (team: string | undefined) => workspaces.for(team);
  const publishHome = homePublisher(host, apis);
  const saw = (id: string, team: string | undefined) => workspaces.saw(id, team);
  const conversations = registerStaffListeners(bolt, { host, apis, saw, inflight, publishHome });
  registerDslListeners(bolt, { host, apis, inflight });
  registerCaseListeners(bolt, { host, apis, inflight });
  registerQuizListeners(bolt, { host, apis, saw, conversations, inflight, publishHome });

  const routes: HttpRoute[] = http ? [{ method: 'POST', path: SLACK_EVENTS_PATH, handle: http.handle }] : [];
  if (config.oauth && installs) {
    const deployed = config.deployedTeams ?? [];
    routes.push(...slackInstallRoutes({ ...config.oauth, installs, clientOptions, logger, log, deployed: (team) => deployed.length === 0 || (team !== undefined && deployed.includes(team)) }));
  }
  let started = false;

  return {
    name: 'slack',
    routes,
    deliverer: slackDeliverer(workspaces),
    roster: slackRoster(workspaces),
    start: async () => {
      await workspaces.single?.identity().catch((err: unknown) => log.error('slack_auth_failed', { code: errorCode(err) }));
      if (socketMode) {
        await bolt.start();
        started = true;
      }
      log.info('slack_started', { mode: socketMode ? 'socket' : 'http' });
    },
    stop: async () => {
      await http?.stop();
      if (started) {
        started = false;
        await bolt.stop();
      }
      await inflight.drain();
    },
  };
}

function warnAboutDslTargets(config: SlackChannelConfig, log: ChannelHost['log']): void {
  if (!config.dslChannel && config.dslUsers.length === 0) log.warn('slack_no_dsl_targets', {});
  config.dslUsers.forEach((id, index) => {
    if (!/^[UW][A-Z0-9]+$/.test(id)) log.warn('slack_dsl_user_not_a_member_id', { index });
  });
  if (config.dslChannel && !/^[CG][A-Z0-9]+$/.test(config.dslChannel)) log.warn('slack_dsl_channel_not_an_id', {});
}
