/**
 * Reads the environment once into a typed, frozen config. The only module that looks at
 * process.env-shaped data; everything else receives a Config.
 */
import path from 'node:path';
import { z } from 'zod';
import { SafeStepError } from './core/errors';

const EnvSchema = z.object({
  SAFESTEP_DATA_DIR: z.string().min(1).optional(),
  SAFESTEP_DB: z.string().min(1).optional(),
  SAFESTEP_SETTING: z.string().min(1).optional(),
  SAFESTEP_CONTENT_DIR: z.string().min(1).optional(),
  SAFESTEP_LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info']).optional(),
  SAFESTEP_TODAY: z.iso.date().optional(),
});

export interface Config {
  /** Where flows/ and content/ live (the project root unless SAFESTEP_CONTENT_DIR is set). */
  contentRoot: string;
  /** Directory for SafeStep's data (default ./data). */
  dataDir: string;
  /** The SQLite file (default <dataDir>/safestep.db). */
  dbPath: string;
  /** The setting this deployment serves, if fixed. */
  settingId?: string;
  /** Operational log level (default warn; logs never hold message text or names). */
  logLevel: 'silent' | 'error' | 'warn' | 'info';
  /** "Today" for policy review checks (default: the real date; set it to audit as of a day). */
  today: () => Date;
}

/** Builds the config from an environment and the project root; throws config_error if invalid. */
export function loadConfig(env: NodeJS.ProcessEnv, root: string, cwd: string = process.cwd()): Readonly<Config> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new SafeStepError('config_error', `Invalid configuration: ${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(cwd, e.SAFESTEP_DATA_DIR ?? 'data');
  return Object.freeze({
    contentRoot: path.resolve(cwd, e.SAFESTEP_CONTENT_DIR ?? root),
    dataDir,
    dbPath: path.resolve(dataDir, e.SAFESTEP_DB ?? 'safestep.db'),
    settingId: e.SAFESTEP_SETTING,
    logLevel: e.SAFESTEP_LOG_LEVEL ?? 'warn',
    today: e.SAFESTEP_TODAY ? () => new Date(`${e.SAFESTEP_TODAY}T12:00:00Z`) : () => new Date(),
  });
}
