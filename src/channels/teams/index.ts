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
import { SafeStepError, type ChannelHost, type ChatChannel, type HttpRoute, type Logger } from '../../core/host';
import { SafeStepBot, codeOf } from './bot';
import { teamsDeliverer } from './deliverer';
import { BodyError, readJsonBody, sendInvokeResponse, toActivity } from './http';
import { Reach } from './reach';
import { AuthenticatedAdapter, authenticate, teamsAuthentication } from './authenticate';
import type { TeamsChannelConfig } from './config';
import { RefBook } from './refs';

export type { TeamsChannelConfig } from './config';
import { teamsRoster } from './roster';


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
function checkConfig(config: TeamsChannelConfig): void {
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
function createAdapter(config: TeamsChannelConfig, log: Logger): { adapter: AuthenticatedAdapter; auth: ConfigurationBotFrameworkAuthentication } {
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

/** Creates the Teams channel (see the file comment). Throws config_error if it cannot start. */
export function createTeamsChannel(host: ChannelHost, options: { config: TeamsChannelConfig; stderr?: { write(text: string): unknown } }): ChatChannel {
  const { config } = options;
  const log = host.log;
  checkConfig(config);
  if (config.local) {
    log.warn('teams_authentication_off', { local: true });
    (options.stderr ?? process.stderr).write(`${LOCAL_WARNING}\n`);
  }
  const { adapter, auth } = createAdapter(config, log);
  const refs = new RefBook(host.records('teams'));
  const reach = new Reach(adapter, config.appId ?? '', refs);
  const roster = teamsRoster(refs, reach);
  const tenantIds = config.tenantId ? [config.tenantId] : [...(config.allowedTenants ?? [])];
  const bot = new SafeStepBot({ host, refs, reach, roster, tenantIds, local: config.local });
  const dslChannel = config.dslChannel;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!config.local && !req.headers.authorization) {
      log.warn('teams_request_unauthenticated', { reason: 'no_token' });
      res.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized');
      return;
    }
    let activity: Activity;
    try {
      activity = toActivity(await readJsonBody(req));
    } catch (err) {
      const status = err instanceof BodyError ? err.status : 400;
      log.warn('teams_request_refused', { status, code: codeOf(err) });
      res.writeHead(status, { 'content-type': 'text/plain' }).end('Bad request');
      return;
    }
    // A token that does not verify is 401 whatever botbuilder threw; only unreachable keys are 500.
    const verdict = await authenticate(auth, activity, req.headers.authorization ?? '');
    if (!verdict.ok) {
      if (verdict.status === 401) log.warn('teams_request_unauthenticated', { reason: verdict.code });
      else log.error('teams_request_failed', { status: verdict.status, code: verdict.code });
      res.writeHead(verdict.status, { 'content-type': 'text/plain' }).end(verdict.status === 401 ? 'Unauthorized' : 'Server error');
      return;
    }
    try {
      sendInvokeResponse(res, await adapter.runAuthenticated(verdict, activity, (ctx) => bot.run(ctx)));
    } catch (err) {
      log.error('teams_request_failed', { status: 500, code: codeOf(err) });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Server error');
    }
  };
  const route: HttpRoute = { method: 'POST', path: TEAMS_PATH, handle };

  return {
    name: 'teams',
    routes: [route],
    deliverer: teamsDeliverer(refs, reach),
    roster,
    start: async () => {
      // A DSL who has not installed the app cannot be reached: say so at start-up (ids only).
      for (const user of config.dslUsers) {
        if (!refs.user(user)) log.warn('teams_dsl_not_installed', { user });
      }
      if (dslChannel && !refs.team(dslChannel)) log.warn('teams_dsl_channel_not_installed', { channel: dslChannel });
    },
    stop: async () => undefined,
  };
}
