/**
 * The Microsoft Teams channel: POST /api/messages on the shared port, served by botbuilder's
 * CloudAdapter with authentication built from the TeamsConfig (never from process.env). With an
 * app id, every request must carry a valid Bot Framework token (401 otherwise). Without one it
 * runs only when SAFESTEP_TEAMS_LOCAL=1, with authentication OFF and a loud warning.
 *
 * Every botbuilder import in SafeStep lives in this folder (src/channels/teams), so moving to
 * its successor, @microsoft/agents-hosting, touches this folder only.
 */
import type { Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatChannel, HttpRoute } from '../channel';
import type { TeamsConfig } from '../../config';
import { SafeStepError } from '../../core/errors';
import type { Logger } from '../../core/ports';
import type { ChannelDeps } from '../../serve';
import { SafeStepBot, codeOf } from './bot';
import { TeamsDslChannel } from './dsl-channel';
import { BodyError, readJsonBody, sendInvokeResponse, toActivity } from './http';
import { Reach } from './reach';
import { AuthenticatedAdapter, authenticate, teamsAuthentication } from './authenticate';
import { RefBook } from './refs';

export const TEAMS_PATH = '/api/messages';

const NO_CREDENTIALS =
  'The Teams channel cannot start: MicrosoftAppId is not set. Set MicrosoftAppId and MicrosoftAppPassword ' +
  '(and MicrosoftAppType, MicrosoftAppTenantId for a single-tenant bot) from your Azure Bot registration. ' +
  'To try SafeStep locally without Teams authentication, set SAFESTEP_TEAMS_LOCAL=1 instead (never in production).';

const LOCAL_WARNING = [
  '',
  '!!! WARNING: Teams authentication is OFF (SAFESTEP_TEAMS_LOCAL=1, no MicrosoftAppId). !!!',
  '!!! Anyone who can reach /api/messages can pretend to be any member of staff or DSL.  !!!',
  '!!! Use this only for local trials with test data; never with real concerns.         !!!',
  '',
].join('\n');

/** Checks the Teams settings; throws config_error naming what to set. */
function checkConfig(config: TeamsConfig): void {
  if (!config.appId && !config.local) throw new SafeStepError('config_error', NO_CREDENTIALS);
  if (!config.appId) return;
  if (config.appType !== 'UserAssignedMSI' && !config.appPassword) {
    throw new SafeStepError('config_error', 'The Teams channel cannot start: MicrosoftAppPassword is not set (the client secret of the Azure Bot registration).');
  }
  if ((config.appType === 'SingleTenant' || config.appType === 'UserAssignedMSI') && !config.tenantId) {
    throw new SafeStepError('config_error', `The Teams channel cannot start: MicrosoftAppTenantId is required when MicrosoftAppType is ${config.appType}.`);
  }
}

/** The CloudAdapter and its authentication, built from the config's values only. */
function createAdapter(config: TeamsConfig, log: Logger): { adapter: AuthenticatedAdapter; auth: ConfigurationBotFrameworkAuthentication } {
  let auth: ConfigurationBotFrameworkAuthentication;
  try {
    auth = teamsAuthentication(config);
  } catch (err) {
    throw new SafeStepError('config_error', `The Teams channel cannot start: the Microsoft app settings were refused (${codeOf(err)}).`, { cause: err });
  }
  const adapter = new AuthenticatedAdapter(auth);
  adapter.onTurnError = async (_ctx, err) => {
    log.error('teams_turn_error', { code: codeOf(err) });
  };
  return { adapter, auth };
}

/** A channel id as Teams shows it in a channel link may be URL-encoded (19%3a…%40thread.tacv2). */
function channelId(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw.trim());
  } catch {
    return raw.trim();
  }
}

/** Creates the Teams channel (see the file comment). Throws config_error if it cannot start. */
export function createTeamsChannel(deps: ChannelDeps<TeamsConfig>): ChatChannel {
  const { app, config, settingId } = deps;
  checkConfig(config);
  if (config.local) {
    app.log.warn('teams_authentication_off', { local: true });
    (deps.stderr ?? process.stderr).write(`${LOCAL_WARNING}\n`);
  }
  const { adapter, auth } = createAdapter(config, app.log);
  const refs = new RefBook(app.stores.channelRefs, () => new Date());
  const reach = new Reach(adapter, config.appId ?? '', refs);
  const bot = new SafeStepBot({ app, settingId, refs, reach, tenantId: config.tenantId, local: config.local });
  const dslChannel = channelId(config.dslChannel);
  const dsl = new TeamsDslChannel({ dslUsers: config.dslUsers, dslChannel, settingId, content: app.content, refs, reach });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!config.local && !req.headers.authorization) {
      app.log.warn('teams_request_unauthenticated', { reason: 'no_token' });
      res.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized');
      return;
    }
    let activity: Activity;
    try {
      activity = toActivity(await readJsonBody(req));
    } catch (err) {
      const status = err instanceof BodyError ? err.status : 400;
      app.log.warn('teams_request_refused', { status, code: codeOf(err) });
      res.writeHead(status, { 'content-type': 'text/plain' }).end('Bad request');
      return;
    }
    // A token that does not verify is 401 whatever botbuilder threw; only unreachable keys are 500.
    const verdict = await authenticate(auth, activity, req.headers.authorization ?? '');
    if (!verdict.ok) {
      if (verdict.status === 401) app.log.warn('teams_request_unauthenticated', { reason: verdict.code });
      else app.log.error('teams_request_failed', { status: verdict.status, code: verdict.code });
      res.writeHead(verdict.status, { 'content-type': 'text/plain' }).end(verdict.status === 401 ? 'Unauthorized' : 'Server error');
      return;
    }
    try {
      sendInvokeResponse(res, await adapter.runAuthenticated(verdict, activity, (ctx) => bot.run(ctx)));
    } catch (err) {
      app.log.error('teams_request_failed', { status: 500, code: codeOf(err) });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Server error');
    }
  };
  const route: HttpRoute = { method: 'POST', path: TEAMS_PATH, handle };

  return {
    name: 'teams',
    routes: [route],
    dsl,
    start: async () => {
      // A DSL who has not installed the app cannot be reached: say so at start-up (ids only).
      for (const user of config.dslUsers) {
        if (!refs.user(user)) app.log.warn('teams_dsl_not_installed', { user });
      }
      if (dslChannel && !refs.team(dslChannel)) app.log.warn('teams_dsl_channel_not_installed', { channel: dslChannel });
    },
    stop: async () => undefined,
  };
}
