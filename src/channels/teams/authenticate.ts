/**
 * Bot Framework authentication of one Teams request, with its failures sorted: anything wrong
 * with the token itself (missing, malformed, unknown issuer, a forged signature under a published
 * key id, expired, wrong audience) is 401; only the signing keys being unreachable is 500 (the
 * fault is ours, and the Bot Connector retries a 5xx). botbuilder rethrows a bad signature as a
 * plain error, which CloudAdapter.process would answer with 500 and the error's message.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { TeamsChannelConfig as TeamsConfig } from './config';

/** Microsoft's public-cloud Bot Framework endpoints: used only when the metadata URL is overridden. */
const PUBLIC_CLOUD = {
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
};

/** The authentication for a TeamsConfig (its values only, never process.env). May throw on refused settings. */
export function teamsAuthentication(config: TeamsConfig): ConfigurationBotFrameworkAuthentication {
  const credentials = {
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId,
  };
  if (!config.openIdMetadataUrl) return new ConfigurationBotFrameworkAuthentication(credentials);
  return new ConfigurationBotFrameworkAuthentication({ ...credentials, ...PUBLIC_CLOUD, ToBotFromChannelOpenIdMetadataUrl: config.openIdMetadataUrl });
}

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** What checking a request's token decided. */
export type AuthVerdict =
  | { ok: true; result: AuthenticateRequestResult }
  | { ok: false; status: 401 | 500; code: 'token_refused' | 'signing_keys_unavailable' };

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Sorts a failure thrown while checking a token (see the file comment). */
export function authFailure(err: unknown): Extract<AuthVerdict, { ok: false }> {
  const e = (err ?? {}) as { statusCode?: unknown; name?: unknown; code?: unknown; errno?: unknown };
  const unreachable =
    (typeof e.statusCode === 'number' && e.statusCode >= 500) ||
    e.name === 'FetchError' ||
    (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) ||
    (typeof e.errno === 'string' && NETWORK_CODES.has(e.errno));
  return unreachable ? { ok: false, status: 500, code: 'signing_keys_unavailable' } : { ok: false, status: 401, code: 'token_refused' };
}

/** Checks the request's Authorization header against the activity. Never throws. */
export async function authenticate(auth: ConfigurationBotFrameworkAuthentication, activity: Activity, header: string): Promise<AuthVerdict> {
  try {
    return { ok: true, result: await auth.authenticateRequest(activity, header) };
  } catch (err) {
    return authFailure(err);
  }
}

/** A CloudAdapter that runs an activity already authenticated by `authenticate` (not twice). */
export class AuthenticatedAdapter extends CloudAdapter {
  /** Runs the bot's logic for an authenticated activity; returns an invoke's response, if any. */
  runAuthenticated(verdict: Extract<AuthVerdict, { ok: true }>, activity: Activity, logic: (ctx: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(verdict.result, activity, logic);
  }
}
