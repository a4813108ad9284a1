/**
 * The Slack channel (Bolt 5). HTTP mode by default: events, interactivity and /safestep all
 * arrive at POST /slack/events on SafeStep's one HTTP server, verified and acknowledged at once by
 * AckFirstReceiver (bad or missing signature, or a timestamp over five minutes old: 401, nothing
 * done), then dispatched by Bolt, so Slack is answered within its 3 s even under a burst. Socket
 * Mode instead when an app token is set (no HTTP route). Every
 * @slack/bolt import stays in this folder; the channel is given the ChannelHost and translates.
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
import { SlackApi, webClientOptions } from './slack-api';
import { registerStaffListeners } from './staff-listeners';

/** Where Slack sends events, interactivity and the slash command (HTTP mode). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Retries of a failed Web API call in production (the DSL outbox retries deliveries itself). */
const DEFAULT_API_RETRIES = 2;

/** What the Slack channel needs to know (the config's `slack`). */
export interface SlackChannelConfig {
  botToken: string;
  signingSecret: string;
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
  const api = new SlackApi({ token: config.botToken, apiUrl: config.apiUrl, retries, logger, log });
  const clientOptions = webClientOptions({ apiUrl: config.apiUrl, retries, logger });
  warnAboutDslTargets(config, log);

  const socketMode = config.appToken !== undefined;
  const http = socketMode ? undefined : new AckFirstReceiver({ signingSecret: config.signingSecret, log });
  const receiver = http ?? new SocketModeReceiver({ appToken: config.appToken!, logger, installerOptions: { clientOptions } });
  const bolt = new BoltApp({
    receiver,
    logger,
    convoStore: false,
    clientOptions,
    // One workspace, one bot token. The bot's own ids (auth.test, looked up at start) let Bolt
    // ignore its own posts; they are never waited for here, so Slack is acknowledged at once.
    authorize: async () => ({ botToken: config.botToken, ...api.knownIdentity() }),
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

  const inflight = new Inflight();
  const publishHome = homePublisher(host, api);
  const conversations = registerStaffListeners(bolt, { host, api, inflight, publishHome });
  registerDslListeners(bolt, { host, api, inflight });
  registerCaseListeners(bolt, { host, api, inflight });
  registerQuizListeners(bolt, { host, api, conversations, inflight, publishHome });

  const routes: HttpRoute[] = http ? [{ method: 'POST', path: SLACK_EVENTS_PATH, handle: http.handle }] : [];
  let started = false;

  return {
    name: 'slack',
    routes,
    deliverer: slackDeliverer(api),
    roster: slackRoster(api),
    start: async () => {
      await api.identity().catch((err: unknown) => log.error('slack_auth_failed', { code: errorCode(err) }));
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
