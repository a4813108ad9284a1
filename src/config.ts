/**
 * Reads the environment (and, if SAFESTEP_CONFIG names one, a JSON config file with the same
 * keys; the environment wins) once into a typed, frozen config. The only module that looks at
 * process.env-shaped data; everything else receives a Config. Secrets are never logged.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SafeStepError } from './core/errors';
import type { Deployment } from './deployment/model';
import { readDeployment, singleSettingDeployment } from './deployment/load';
import type { KeySource } from './store/keys';

const csv = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const flag = z.enum(['1', 'true', '0', 'false', '']).transform((v) => v === '1' || v === 'true');

const EnvSchema = z.object({
  SAFESTEP_CONFIG: z.string().min(1).optional(),
  SAFESTEP_DATA_DIR: z.string().min(1).optional(),
  SAFESTEP_DB: z.string().min(1).optional(),
  SAFESTEP_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//i, 'a postgres:// URL').optional(),
  SAFESTEP_SETTING: z.string().min(1).optional(),
  SAFESTEP_DEPLOYMENT: z.string().min(1).optional(),
  SAFESTEP_CONTENT_DIR: z.string().min(1).optional(),
  SAFESTEP_LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info']).optional(),
  SAFESTEP_TODAY: z.iso.date().optional(),
  SAFESTEP_REMINDER_MINUTES: z.coerce.number().positive().optional(),
  SAFESTEP_QUIZ_REMINDER_DAYS: z.coerce.number().positive().optional(),
  SAFESTEP_KEY: z.string().min(1).optional(),
  SAFESTEP_KEY_FILE: z.string().min(1).optional(),
  SAFESTEP_RETENTION_DAYS: z.coerce.number().int().positive().optional(),
  SAFESTEP_DIGEST_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, e.g. 08:00').optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SAFESTEP_SHUTDOWN_GRACE_SECONDS: z.coerce.number().positive().max(600).optional(),
  // Slack
  SLACK_BOT_TOKEN: z.string().min(1).optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z.string().min(1).optional(),
  SLACK_API_URL: z.url().optional(),
  SLACK_DSL_CHANNEL: z.string().min(1).optional(),
  SLACK_DSL_USERS: csv.optional(),
  // Slack OAuth install (many workspaces)
  SLACK_CLIENT_ID: z.string().min(1).optional(),
  SLACK_CLIENT_SECRET: z.string().min(1).optional(),
  SLACK_STATE_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  SLACK_REDIRECT_URI: z.url().optional(),
  // Microsoft Teams (Bot Framework's standard variable names)
  MicrosoftAppId: z.string().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: z.string().optional(),
  SAFESTEP_TEAMS_LOCAL: flag.optional(),
  TEAMS_DSL_USERS: csv.optional(),
  TEAMS_DSL_CHANNEL: z.string().min(1).optional(),
});

/** Slack's OAuth install (`/slack/install`): each workspace that installs SafeStep gets its own bot token. */
export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the install's state; every server of a deployment must share it. Never logged. */
  stateSecret: string;
  /** The redirect URL registered with Slack, when it must be named (several are registered). */
  redirectUri?: string;
}

/**
 * Slack settings, present when SLACK_SIGNING_SECRET is set with SLACK_BOT_TOKEN (one workspace),
 * with the OAuth install variables (many workspaces), or with both.
 */
export interface SlackConfig {
  /** The one workspace's bot token (SLACK_BOT_TOKEN); absent when workspaces install SafeStep. */
  botToken?: string;
  signingSecret: string;
  oauth?: SlackOAuthConfig;
  /** Socket Mode when set; HTTP mode (/slack/events on PORT) otherwise. */
  appToken?: string;
  /** The Web API base URL (tests and enterprise proxies); Slack's own when absent. */
  apiUrl?: string;
  dslChannel?: string;
  dslUsers: string[];
}

/**
 * Teams settings, present when any Teams variable is set. The Teams channel refuses to start
 * unless `appId` is set or `local` is true.
 */
export interface TeamsConfig {
  appId?: string;
  appPassword?: string;
  appType?: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId?: string;
  /** Authentication off, for local trials only (SAFESTEP_TEAMS_LOCAL=1 and no app id). */
  local: boolean;
  dslUsers: string[];
  dslChannel?: string;
  /**
   * Where the Bot Framework's OpenID metadata (signing keys) is fetched from; Microsoft's own
   * when absent. Tests only (a local fake key server): never read from the environment.
   */
  openIdMetadataUrl?: string;
}

export interface Config {
  /** Where flows/ and content/ live (the project root unless SAFESTEP_CONTENT_DIR is set). */
  contentRoot: string;
  /** Directory for SafeStep's data (default ./data). */
  dataDir: string;
  /** The SQLite file (default <dataDir>/safestep.db). */
  dbPath: string;
  /** PostgreSQL instead of the SQLite file (SAFESTEP_DATABASE_URL=postgres://…), for several servers sharing one database. Never logged whole. */
  databaseUrl?: string;
  /** The setting this deployment serves, if fixed (SAFESTEP_SETTING; the CLI's default too). */
  settingId?: string;
  /** Every setting served and where its people are: SAFESTEP_DEPLOYMENT's file, or SAFESTEP_SETTING's one setting. */
  deployment: Deployment;
  /** Operational log level (default warn; logs never hold message text or names). */
  logLevel: 'silent' | 'error' | 'warn' | 'info';
  /** "Today" for policy review checks (default: the real date; set it to audit as of a day). */
  today: () => Date;
  /** HTTP port for Slack (HTTP mode) and Teams (default 3000). */
  port: number;
  /** How long a shutdown (SIGTERM) waits for turns and deliveries in flight (default 10 s). */
  shutdownGraceMs: number;
  /** Minutes before an unacknowledged immediate report is re-sent to every DSL (default 15). */
  reminderMinutes: number;
  /** Days after an induction-quiz invitation (or the last reminder) before a member who has not passed is reminded (default 7). */
  quizReminderDays: number;
  /** Where the encryption keys are: SAFESTEP_KEY, else SAFESTEP_KEY_FILE (default <dataDir>/safestep.key). Never logged. */
  key: KeySource;
  /** Days after which unfinished conversations are purged, overriding every profile (SAFESTEP_RETENTION_DAYS). */
  retentionDays?: number;
  /** When the DSL team's daily summary is sent, HH:MM in England (default 08:00). */
  digestTime: string;
  slack?: SlackConfig;
  teams?: TeamsConfig;
}

function readConfigFile(file: string, cwd: string): Record<string, unknown> {
  try {
    const data = JSON.parse(readFileSync(path.resolve(cwd, file), 'utf8')) as unknown;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('not a JSON object');
    // Arrays (e.g. SLACK_DSL_USERS) may be written as JSON arrays in the file.
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
  } catch (err) {
    throw new SafeStepError('config_error', `Could not read the config file ${file}: ${err instanceof Error ? err.message : 'unreadable'}`);
  }
}

/** A Teams channel id as copied from a channel link may be URL-encoded (19%3a…%40thread.tacv2). */
function teamsChannelId(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw.trim());
  } catch {
    return raw.trim();
  }
}

/** The OAuth install settings: all three of id, secret and state secret, or none (config_error naming the missing ones). */
function slackOAuth(e: z.infer<typeof EnvSchema>): SlackOAuthConfig | undefined {
  const given = { SLACK_CLIENT_ID: e.SLACK_CLIENT_ID, SLACK_CLIENT_SECRET: e.SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: e.SLACK_STATE_SECRET };
  const missing = Object.entries(given).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length === 3) return undefined;
  if (missing.length > 0) throw new SafeStepError('config_error', `Slack's install needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET together; ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set.`);
  return { clientId: e.SLACK_CLIENT_ID!, clientSecret: e.SLACK_CLIENT_SECRET!, stateSecret: e.SLACK_STATE_SECRET!, ...(e.SLACK_REDIRECT_URI ? { redirectUri: e.SLACK_REDIRECT_URI } : {}) };
}

/** Builds the config from an environment and the project root; throws config_error if invalid. */
export function loadConfig(env: NodeJS.ProcessEnv, root: string, cwd: string = process.cwd()): Readonly<Config> {
  const fromFile = env.SAFESTEP_CONFIG ? readConfigFile(env.SAFESTEP_CONFIG, cwd) : {};
  const parsed = EnvSchema.safeParse({ ...fromFile, ...env });
  if (!parsed.success) {
    throw new SafeStepError('config_error', `Invalid configuration: ${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  const oauth = slackOAuth(e);
  if (Boolean(e.SLACK_BOT_TOKEN || oauth) !== Boolean(e.SLACK_SIGNING_SECRET)) {
    throw new SafeStepError(
      'config_error',
      e.SLACK_SIGNING_SECRET
        ? 'Slack needs both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (one workspace), or SLACK_SIGNING_SECRET with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (installed into many workspaces).'
        : e.SLACK_BOT_TOKEN
          ? 'Slack needs both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (only one is set).'
          : 'Slack needs SLACK_SIGNING_SECRET as well as the install variables SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET.',
    );
  }
  const dataDir = path.resolve(cwd, e.SAFESTEP_DATA_DIR ?? 'data');
  const slack: SlackConfig | undefined =
    (e.SLACK_BOT_TOKEN || oauth) && e.SLACK_SIGNING_SECRET
      ? {
          ...(e.SLACK_BOT_TOKEN ? { botToken: e.SLACK_BOT_TOKEN } : {}),
          signingSecret: e.SLACK_SIGNING_SECRET,
          ...(oauth ? { oauth } : {}),
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
          dslChannel: e.SLACK_DSL_CHANNEL,
          dslUsers: e.SLACK_DSL_USERS ?? [],
        }
      : undefined;
  const teams: TeamsConfig | undefined =
    e.MicrosoftAppId || e.MicrosoftAppPassword || e.SAFESTEP_TEAMS_LOCAL || e.TEAMS_DSL_USERS || e.TEAMS_DSL_CHANNEL
      ? {
          appId: e.MicrosoftAppId || undefined,
          appPassword: e.MicrosoftAppPassword || undefined,
          appType: e.MicrosoftAppType,
          tenantId: e.MicrosoftAppTenantId || undefined,
          local: !e.MicrosoftAppId && e.SAFESTEP_TEAMS_LOCAL === true,
          dslUsers: e.TEAMS_DSL_USERS ?? [],
          dslChannel: teamsChannelId(e.TEAMS_DSL_CHANNEL),
        }
      : undefined;
  const deployment = e.SAFESTEP_DEPLOYMENT
    ? readDeployment(e.SAFESTEP_DEPLOYMENT, path.resolve(cwd, e.SAFESTEP_DEPLOYMENT))
    : singleSettingDeployment({
        settingId: e.SAFESTEP_SETTING,
        slack: slack && { dslUsers: slack.dslUsers, dslChannel: slack.dslChannel },
        teams: teams && { dslUsers: teams.dslUsers, dslChannel: teams.dslChannel, tenantId: teams.tenantId },
      });
  return Object.freeze({
    deployment,
    contentRoot: path.resolve(cwd, e.SAFESTEP_CONTENT_DIR ?? root),
    dataDir,
    dbPath: path.resolve(dataDir, e.SAFESTEP_DB ?? 'safestep.db'),
    ...(e.SAFESTEP_DATABASE_URL ? { databaseUrl: e.SAFESTEP_DATABASE_URL } : {}),
    settingId: e.SAFESTEP_SETTING,
    logLevel: e.SAFESTEP_LOG_LEVEL ?? 'warn',
    today: e.SAFESTEP_TODAY ? () => new Date(`${e.SAFESTEP_TODAY}T12:00:00Z`) : () => new Date(),
    port: e.PORT ?? 3000,
    shutdownGraceMs: (e.SAFESTEP_SHUTDOWN_GRACE_SECONDS ?? 10) * 1000,
    reminderMinutes: e.SAFESTEP_REMINDER_MINUTES ?? 15,
    quizReminderDays: e.SAFESTEP_QUIZ_REMINDER_DAYS ?? 7,
    key: (e.SAFESTEP_KEY ? { kind: 'env', keys: e.SAFESTEP_KEY } : { kind: 'file', path: path.resolve(dataDir, e.SAFESTEP_KEY_FILE ?? 'safestep.key') }) as KeySource,
    ...(e.SAFESTEP_RETENTION_DAYS ? { retentionDays: e.SAFESTEP_RETENTION_DAYS } : {}),
    digestTime: e.SAFESTEP_DIGEST_TIME ?? '08:00',
    slack,
    teams,
  });
}
