/**
 * Turns whatever a storage library threw into a StoreError whose message is safe to log:
 * a fixed sentence plus, at most, the library's error code (e.g. SQLITE_BUSY, ENOTDIR).
 * The original error is kept only as `cause`, never copied into the message.
 */
import { StoreError } from '../core/errors';

/** The library's error code when it looks like one (upper-case letters, digits, underscores). */
export function errorCodeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = (err as { code: unknown }).code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : undefined;
}

/** A StoreError with `sentence` and the cause's code; a StoreError passes through unchanged. */
export function toStoreError(
  code: 'store_open_error' | 'store_write_error',
  sentence: string,
  err: unknown,
): StoreError {
  if (err instanceof StoreError) return err;
  const detail = errorCodeOf(err);
  return new StoreError(code, detail ? `${sentence} (${detail})` : sentence, { cause: err });
}
