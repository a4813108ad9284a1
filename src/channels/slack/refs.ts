/**
 * Slack's small remembered records (live prompt messages, retention reminders, quiz channels and
 * invitations) in the channel-reference store. A store failure is logged by code and never
 * breaks a conversation: a read gives undefined, a write is skipped.
 */
import { errorCode } from '../../core/errors';
import type { ChannelRefStore, Logger } from '../../core/ports';

const CHANNEL = 'slack';

export class SlackRefs {
  constructor(private readonly store: ChannelRefStore, private readonly log: Logger) {}

  get<T>(key: string): T | undefined {
    try {
      const v = this.store.get(CHANNEL, key);
      return v === null || v === undefined ? undefined : (v as T);
    } catch (err) {
      this.log.warn('slack_ref_read_failed', { code: errorCode(err) });
      return undefined;
    }
  }

  /** The data of every record whose key starts with `prefix`. */
  list(prefix: string): unknown[] {
    try {
      return this.store.list(CHANNEL).filter((r) => r.key.startsWith(prefix)).map((r) => r.data);
    } catch (err) {
      this.log.warn('slack_ref_read_failed', { code: errorCode(err) });
      return [];
    }
  }

  put(key: string, data: unknown, at: Date): void {
    try {
      this.store.put(CHANNEL, key, data, at.toISOString());
    } catch (err) {
      this.log.warn('slack_ref_write_failed', { code: errorCode(err) });
    }
  }
}
