/**
 * Installing SafeStep into a Slack workspace, Slack's standard OAuth v2 flow through Bolt's
 * InstallProvider: GET /slack/install shows the "Add to Slack" page (and sets the state cookie),
 * Slack sends the installer back to GET /slack/oauth_redirect, where the state is checked (signed
 * with SLACK_STATE_SECRET and ten minutes old at most, so any server sharing the secret can
 * finish an install another started; a forged, expired or foreign state is refused with a page
 * saying so and nothing is stored), the code is exchanged (oauth.v2.access, then auth.test) and
 * the installation stored in SafeStep's store. Which setting the workspace belongs to is still the
 * deployment file's to say.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InstallProvider, type CodedError } from '@slack/oauth';
import type { HttpRoute, Logger } from '../../core/host';
import type { SlackInstallations } from './installations';
import type { webApi } from '@slack/bolt';
import type { boltLogger } from './bolt-logger';

/** Where the install starts and where Slack sends the installer back. */
export const SLACK_INSTALL_PATH = '/slack/install';
export const SLACK_REDIRECT_PATH = '/slack/oauth_redirect';

/** The bot scopes SafeStep asks for: exactly those in slack-manifest.yaml (a test keeps them equal). */
export const BOT_SCOPES = ['app_mentions:read', 'channels:history', 'channels:read', 'chat:write', 'commands', 'groups:history', 'groups:read', 'im:history', 'im:read', 'im:write', 'users:read'];

/** How long an install may take between the two pages. */
const STATE_MAX_AGE_S = 10 * 60;

export interface SlackOAuthOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  redirectUri?: string;
  installs: SlackInstallations;
  clientOptions: webApi.WebClientOptions;
  logger: ReturnType<typeof boltLogger>;
  log: Logger;
  /** Whether the deployment file places a workspace in a setting (to say so on the success page). */
  deployed(teamId: string | undefined): boolean;
}

/** The two routes of the install flow. */
export function slackInstallRoutes(o: SlackOAuthOptions): HttpRoute[] {
  const { logger: _logger, ...webOptions } = o.clientOptions;
  const installer = new InstallProvider({
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    stateSecret: o.stateSecret,
    stateCookieExpirationSeconds: STATE_MAX_AGE_S,
    installationStore: o.installs,
    installUrlOptions: { scopes: BOT_SCOPES, ...(o.redirectUri ? { redirectUri: o.redirectUri } : {}) },
    logger: o.logger,
    clientOptions: webOptions,
    renderHtmlForInstallPath: installPage,
  });
  // The default state store already signs with stateSecret; its ten-minute limit is the one wanted here.

  const install = async (req: IncomingMessage, res: ServerResponse) => {
    await installer.handleInstallPath(req, res);
  };

  const redirect = async (req: IncomingMessage, res: ServerResponse) => {
    await installer.handleCallback(req, res, {
      success: (installation, _options, _req, r) => {
        const team = installation.team?.id ?? installation.enterprise?.id;
        o.log.info('slack_installed', { deployed: o.deployed(team) });
        page(r, 200, 'SafeStep is installed', o.deployed(team) ? 'SafeStep has been added to your Slack workspace. Staff can now find it under Apps in Slack.' : `SafeStep has been added to your Slack workspace, but it is not yet set up for a school or setting. Ask your SafeStep administrator to add this workspace (team id ${escape(team ?? 'unknown')}) to the deployment file; until then staff are told SafeStep is not set up here.`);
      },
      failure: (error: CodedError, _options, _req, r) => {
        o.log.warn('slack_install_refused', { code: String(error.code ?? 'unknown').slice(0, 60) });
        const state = error.code === 'slack_oauth_invalid_state' || error.code === 'slack_oauth_missing_state';
        const denied = error.code === 'slack_oauth_installer_authorization_error';
        page(
          r,
          state || denied ? 400 : 502,
          'SafeStep was not installed',
          denied
            ? 'The install was cancelled in Slack. Nothing was installed.'
            : state
              ? `This install link has expired, was changed, or was started in another browser. Nothing was installed. Start again from ${SLACK_INSTALL_PATH} in this browser, and finish within ${STATE_MAX_AGE_S / 60} minutes.`
              : 'Slack did not confirm the install. Nothing was installed. Please try again, or ask your SafeStep administrator to check the Slack app credentials.',
        );
      },
    });
  };

  return [
    { method: 'GET', path: SLACK_INSTALL_PATH, handle: install },
    { method: 'GET', path: SLACK_REDIRECT_PATH, handle: redirect },
  ];
}

/** The "Add to Slack" page: what is about to happen, and the button (Slack's authorize URL). */
function installPage(url: string): string {
  return html(
    'Add SafeStep to Slack',
    `<p>SafeStep gives staff safeguarding next steps from their setting's own policy and files a report for the Designated Safeguarding Lead. Installing it needs a Slack workspace administrator.</p><p><a id="add-to-slack" href="${escape(url)}">Add to Slack</a></p><p>You will be asked to allow the permissions SafeStep needs; it never reads files. This link works for ${STATE_MAX_AGE_S / 60} minutes.</p>`,
  );
}

function html(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}</body></html>`;
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html(title, `<p>${text}</p>`));
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
