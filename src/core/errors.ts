/**
 * Coded errors, so a channel can show staff a safe sentence and log the detail.
 * The message of an error must never contain a child's details or a secret.
 */
export type ErrorCode =
  | 'content_error'
  | 'flow_validation_error'
  | 'store_open_error'
  | 'store_write_error'
  | 'config_error'
  | 'unknown_setting'
  | 'channel_authenticity_error'
  | 'key_error';

/** Base class of every error SafeStep raises on purpose. */
export class SafeStepError extends Error {
  constructor(readonly code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SafeStepError';
  }
}

/** A store could not be opened or could not commit a write. */
export class StoreError extends SafeStepError {
  constructor(code: 'store_open_error' | 'store_write_error', message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'StoreError';
  }
}

/** A setting id that has no profile; the message lists the valid ones. */
export class UnknownSettingError extends SafeStepError {
  constructor(readonly settingId: string, readonly valid: string[]) {
    super('unknown_setting', `Unknown setting "${settingId}". Valid settings: ${valid.join(', ')}.`);
    this.name = 'UnknownSettingError';
  }
}

/**
 * A short, content-free code for any error, for logs: a platform's error name (Slack's
 * `data.error`), a library code, an HTTP status, or the error's class name. Never its message.
 */
export function errorCode(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; data?: { error?: unknown }; statusCode?: unknown; name?: unknown };
    if (typeof e.data?.error === 'string') return e.data.error.slice(0, 80);
    if (typeof e.code === 'string') return e.code.slice(0, 80);
    if (typeof e.statusCode === 'number') return `http_${e.statusCode}`;
    if (typeof e.name === 'string') return e.name;
  }
  return 'unknown';
}
