/**
 * A channel's own small records (ChannelRecords) over the channel-reference store, scoped to the
 * channel's name. A failing read is logged and reads as nothing; a failing write is logged: these
 * records help reach people later and never decide whether a report is kept.
 */
import { errorCode } from '../core/errors';
import type { ChannelRecords } from '../core/host';
import type { ChannelRefStore, Clock, Logger } from '../core/ports';

/** The records of `channel`. */
export function channelRecords(store: ChannelRefStore, channel: string, clock: Clock, log: Logger): ChannelRecords {
  return {
    get<T>(key: string): T | undefined {
      try {
        const v = store.get(channel, key);
        return v === null || v === undefined ? undefined : (v as T);
      } catch (err) {
        log.warn('channel_record_read_failed', { channel, code: errorCode(err) });
        return undefined;
      }
    },
    put(key: string, data: unknown): void {
      try {
        store.put(channel, key, data, clock().toISOString());
      } catch (err) {
        log.warn('channel_record_write_failed', { channel, code: errorCode(err) });
      }
    },
    list<T>(prefix: string): T[] {
      try {
        return store.list(channel).filter((r) => r.key.startsWith(prefix) && r.data !== null && r.data !== undefined).map((r) => r.data as T);
      } catch (err) {
        log.warn('channel_record_read_failed', { channel, code: errorCode(err) });
        return [];
      }
    },
  };
}
