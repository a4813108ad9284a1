/**
 * Bolt's and the Web API client's logger, routed into SafeStep's log as codes only. Their
 * messages can hold request bodies (what staff typed), so no message text is ever passed on:
 * warnings and errors become a short code; debug and info are dropped.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/host';

const KNOWN: [RegExp, string][] = [
  [/verify authenticity|signature|stale/i, 'channel_authenticity_error'],
  [/Authorization of incoming event/i, 'slack_authorization_failed'],
  [/rate.?limit/i, 'slack_rate_limited'],
  [/An incoming event was not acknowledged|unhandled request/i, 'slack_not_acknowledged'],
  [/Malformed request body|parse/i, 'slack_bad_request'],
  [/exceeded the maximum allowed size/i, 'slack_request_too_large'],
  [/http request failed|network|ECONNREFUSED|ETIMEDOUT|socket hang up/i, 'slack_network_error'],
];

/** A content-free code for one SDK log line. */
export function sdkCode(parts: unknown[]): string {
  for (const p of parts) {
    if (p && typeof p === 'object') {
      const e = p as { code?: unknown; data?: { error?: unknown } };
      if (typeof e.data?.error === 'string') return e.data.error.slice(0, 80);
      if (typeof e.code === 'string') return e.code.slice(0, 80);
    }
  }
  const text = parts.filter((p): p is string => typeof p === 'string').join(' ');
  return KNOWN.find(([re]) => re.test(text))?.[1] ?? 'slack_sdk';
}

/** A Bolt-compatible logger writing `slack_sdk_warning` / `slack_sdk_error` events with a code. */
export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.WARN;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...msg: unknown[]) => log.warn('slack_sdk_warning', { code: sdkCode(msg) }),
    error: (...msg: unknown[]) => log.error('slack_sdk_error', { code: sdkCode(msg) }),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
