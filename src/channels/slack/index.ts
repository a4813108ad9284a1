/**
 * The Slack channel (Bolt 5). HTTP mode by default: events, interactivity and /safestep all
 * arrive at POST /slack/events on SafeStep's one HTTP server, verified by Bolt's HTTPReceiver
 * (bad or missing signature, or a timestamp over five minutes old: 401, nothing done). Socket
 * Mode instead when an app token is set (no HTTP route). Every @slack/bolt import stays in this
 * folder; the adapter translates only, the core decides. When the setting has an induction quiz,
 * the channel also posts its invitation, invites new members of the staff channel and reminds
 * those who have not passed (`quiz`, see ./quiz.ts).
 */
import { App as BoltApp, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { ChatChannel, HttpRoute } from '../channel';
import type { SlackConfig } from '../../config';
import type { ChannelDeps } from '../../serve';
import { boltLogger } from './bolt-logger';
import { RecentIds } from './dedupe';
import { SlackDslChannel } from './dsl-channel';
import { registerDslListeners } from './dsl-listeners';
import { Inflight } from './inflight';
import { homePublisher } from './home-publisher';
import { SlackQuiz } from './quiz';
import { registerQuizListeners } from './quiz-listeners';
import { errorCode, SlackApi, webClientOptions } from './slack-api';
import { registerStaffListeners } from './staff-listeners';

/** Where Slack sends events, interactivity and the slash command (HTTP mode). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Retries of a failed Web API call in production (the DSL notifier retries deliveries itself). */
const DEFAULT_API_RETRIES = 2;
/** Days before a reminder when the config does not say (SAFESTEP_QUIZ_REMINDER_DAYS). */
const DEFAULT_QUIZ_REMINDER_DAYS = 7;

/** The Slack channel, with its induction-quiz side (invitations, joins, reminders) for the composition root and tests. */
export interface SlackChatChannel extends ChatChannel {
  readonly quiz: SlackQuiz;
}

/** Builds the Slack channel; nothing connects until start() (Socket Mode) or the route is served. */
export function createSlackChannel({ app, config, settingId, apiRetries }: ChannelDeps<SlackConfig>): SlackChatChannel {
  const log = app.log;
  const logger = boltLogger(log);
  const retries = apiRetries ?? DEFAULT_API_RETRIES;
  const api = new SlackApi({ token: config.botToken, apiUrl: config.apiUrl, retries, logger, log });
  const clientOptions = webClientOptions({ apiUrl: config.apiUrl, retries, logger });
  const dsl = new SlackDslChannel({ api, content: app.content, settingId, dslChannel: config.dslChannel, dslUsers: config.dslUsers });
  warnAboutDslTargets(config, log);

  const socketMode = config.appToken !== undefined;
  const receiver = socketMode
    ? new SocketModeReceiver({ appToken: config.appToken!, logger, installerOptions: { clientOptions } })
    : new HTTPReceiver({ signingSecret: config.signingSecret, endpoints: SLACK_EVENTS_PATH, logger });
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

  const seen = new RecentIds();
  bolt.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !seen.first(eventId)) {
      log.info('slack_event_repeat_ignored', {});
      return;
    }
    await next();
  });

  const inflight = new Inflight();
  const isDsl = (id: string) => dsl.isDsl(id);
  const reminderDays = app.config.quizReminderDays ?? DEFAULT_QUIZ_REMINDER_DAYS;
  const quiz = new SlackQuiz({ app, api, settingId, inflight, isDsl, reminderDays });
  const publishHome = homePublisher({ app, api, settingId, isDsl, quiz });
  const conversations = registerStaffListeners(bolt, { app, api, settingId, inflight, isDsl, publishHome, quiz });
  registerDslListeners(bolt, { app, api, dsl, settingId, inflight });
  registerQuizListeners(bolt, { app, api, quiz, conversations, inflight, isDsl, publishHome });

  const routes: HttpRoute[] = socketMode
    ? []
    : [{ method: 'POST', path: SLACK_EVENTS_PATH, handle: (req, res) => (receiver as HTTPReceiver).requestListener(req, res) }];
  let started = false;

  return {
    name: 'slack',
    routes,
    dsl,
    quiz,
    start: async () => {
      await api.identity().catch((err: unknown) => log.error('slack_auth_failed', { code: errorCode(err) }));
      if (socketMode) {
        await bolt.start();
        started = true;
      }
      quiz.start();
      log.info('slack_started', { mode: socketMode ? 'socket' : 'http' });
    },
    stop: async () => {
      quiz.stop();
      if (started) {
        started = false;
        await bolt.stop();
      }
      await inflight.drain();
    },
  };
}

function warnAboutDslTargets(config: SlackConfig, log: ChannelDeps<SlackConfig>['app']['log']): void {
  if (!config.dslChannel && config.dslUsers.length === 0) log.warn('slack_no_dsl_targets', {});
  config.dslUsers.forEach((id, index) => {
    if (!/^[UW][A-Z0-9]+$/.test(id)) log.warn('slack_dsl_user_not_a_member_id', { index });
  });
  if (config.dslChannel && !/^[CG][A-Z0-9]+$/.test(config.dslChannel)) log.warn('slack_dsl_channel_not_an_id', {});
}
