/**
 * The operational logger: one JSON line per event on a stream (stderr by default). Fields are
 * ids, codes and counts only; callers never pass message text, names or secrets.
 */
import type { Writable } from 'node:stream';
import type { Logger } from './core/ports';

export type LogLevel = 'silent' | 'error' | 'warn' | 'info';
const RANK: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3 };

/** A logger writing JSON lines at or above `level`. */
export function createLogger(level: LogLevel, out: Writable = process.stderr, clock: () => Date = () => new Date()): Logger {
  const emit = (at: Exclude<LogLevel, 'silent'>, event: string, fields?: Record<string, string | number | boolean>) => {
    if (RANK[at] > RANK[level]) return;
    out.write(`${JSON.stringify({ time: clock().toISOString(), level: at, event, ...fields })}\n`);
  };
  return {
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
  };
}
