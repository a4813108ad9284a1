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
  | 'channel_authenticity_error';

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
