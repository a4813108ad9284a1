/**
 * When SafeStep reminds staff that the chat platform keeps a copy of what they type: at the
 * first contact in a conversation, and again when the last reminder is older than `gapMs` and no
 * conversation is under way. Chat platforms only (the console keeps nothing). One rule for every
 * channel, decided here.
 */
import type { ChannelRecords } from '../core/host';

/** Chat channels whose platform keeps messages. */
const KEEPS_MESSAGES = new Set(['slack', 'teams']);

/** Eight hours: about a school day. */
export const DEFAULT_RETENTION_GAP_MS = 8 * 60 * 60_000;

export interface RetentionRule {
  records: ChannelRecords;
  channel: string;
  conversationId: string;
  underWay: boolean;
  now: Date;
  gapMs: number;
}

/** Whether the notice is due now; if so, records that it was given. */
export function takeRetentionNotice(r: RetentionRule): boolean {
  if (!KEEPS_MESSAGES.has(r.channel)) return false;
  const key = `retention:${r.conversationId}`;
  const last = r.records.get<{ at: string }>(key);
  const due = !last || (!r.underWay && r.now.getTime() - Date.parse(last.at) >= r.gapMs);
  if (due) r.records.put(key, { at: r.now.toISOString() });
  return due;
}
