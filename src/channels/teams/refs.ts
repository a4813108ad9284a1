/**
 * Where SafeStep can reach people on Teams later: one conversation reference per person (their
 * personal chat, keyed by AAD object id) and per team channel (`team:<channel id>`), kept in the
 * app's ChannelRefStore (SQLite), so DSLs stay reachable after a restart. Teams lets a bot message
 * someone only after the app is installed for them, which is when these are first stored.
 * Channels where a DSL posted the induction quiz invitation are remembered too
 * (`quiz-channel:<channel id>`: who posted it and when; never anything about who took it).
 */
import type { Activity, ConversationReference } from 'botbuilder';
import type { ChannelRecords } from '../../core/host';
import { tenantOf, userOf } from './to-inbound';

/** A stored reference: enough to continue a conversation proactively. */
export type StoredRef = Partial<ConversationReference> & { serviceUrl: string; conversation: ConversationReference['conversation'] };

/** The store key of a team channel. */
export function teamKey(channelId: string): string {
  return `team:${channelId}`;
}

/** The channel an activity in a team came from (a team's General channel has the team's id). */
export function teamChannelOf(activity: Partial<Activity>): string | undefined {
  const data = activity.channelData as { channel?: { id?: unknown }; team?: { id?: unknown } } | undefined;
  if (typeof data?.channel?.id === 'string') return data.channel.id;
  if (typeof data?.team?.id === 'string') return data.team.id;
  return activity.conversation?.id?.split(';')[0];
}

function isStoredRef(x: unknown): x is StoredRef {
  const r = x as StoredRef | undefined;
  return typeof r?.serviceUrl === 'string' && typeof r.conversation?.id === 'string';
}

export class RefBook {
  constructor(private readonly store: ChannelRecords) {}

  /** The personal-chat reference of a person (AAD object id), if the app was installed for them. */
  user(id: string): StoredRef | undefined {
    const data = this.store.get<unknown>(id);
    return isStoredRef(data) ? data : undefined;
  }

  /** The reference of a team channel SafeStep was installed in or mentioned in. */
  team(channelId: string): StoredRef | undefined {
    const data = this.store.get<unknown>(teamKey(channelId));
    return isStoredRef(data) ? data : undefined;
  }

  /**
   * Stores the sender's personal-chat reference from an activity in that chat; returns true when
   * SafeStep had none for them before (their first contact). Writes only when it changed.
   */
  rememberUser(activity: Partial<Activity>): boolean {
    const key = userOf(activity).id;
    const ref = referenceOf(activity, activity.conversation?.id ?? '');
    const before = this.user(key);
    if (!before || before.conversation.id !== ref.conversation.id || before.serviceUrl !== ref.serviceUrl) this.putUser(key, ref);
    return before === undefined;
  }

  /** Stores a person's personal-chat reference (e.g. one SafeStep just opened). */
  putUser(key: string, ref: StoredRef): void {
    this.store.put(key, ref);
  }

  /** Stores the reference of the team channel an activity came from; returns the channel id. */
  rememberTeam(activity: Partial<Activity>): string | undefined {
    const channelId = teamChannelOf(activity);
    if (!channelId) return undefined;
    const ref = referenceOf(activity, channelId);
    ref.user = undefined;
    const before = this.team(channelId);
    if (!before || before.serviceUrl !== ref.serviceUrl) this.store.put(teamKey(channelId), ref);
    return channelId;
  }
}

/**
 * A reference to `conversationId` built from an activity, without the activity id (so a later
 * message starts a new post instead of replying to an old one).
 */
function referenceOf(activity: Partial<Activity>, conversationId: string): StoredRef {
  const tenantId = tenantOf(activity);
  const conversation = { ...activity.conversation, id: conversationId, ...(tenantId !== 'none' ? { tenantId } : {}) } as StoredRef['conversation'];
  return {
    channelId: activity.channelId,
    serviceUrl: activity.serviceUrl ?? '',
    bot: activity.recipient,
    user: activity.from,
    conversation,
  };
}
