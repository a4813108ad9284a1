/**
 * The few Slack Web API calls SafeStep makes, over one WebClient with the bot token: post and
 * update messages, ephemeral notes, DMs, user names, a channel's members (for induction-quiz
 * reminders), modals and the Home tab. It never calls a files.* method: SafeStep does not
 * download, re-post or keep files.
 */
import { webApi, type types } from '@slack/bolt';
import { errorCode, type Logger, type UserRef } from '../../core/host';
import type { SlackMessage } from './render-blocks';

type KnownBlock = types.KnownBlock;

/** The Slack metadata event type that tags an outbox delivery's post (payload: `delivery_id`). */
export const DELIVERY_EVENT = 'safestep_delivery';
/** How many of a conversation's newest messages are searched for an earlier post of a delivery. */
const HISTORY_LOOKBACK = 50;
const USER_CACHE_MS = 60 * 60_000;
/** Members asked for per conversations.members page. */
const MEMBERS_PAGE = 200;
/** At most this many pages of members are read (100,000 people). */
const MAX_MEMBER_PAGES = 500;

/** A Slack user as SafeStep keeps them: who they are for reports, and whether they are a person. */
interface KnownUser {
  user: UserRef;
  /** False for bots, apps, Slackbot and deactivated accounts. */
  person: boolean;
  at: number;
}

export interface SlackApiOptions {
  token: string;
  /** The Web API base URL (tests, enterprise proxies); Slack's own when absent. */
  apiUrl?: string;
  /** Retries of a failed HTTP call (network errors, 5xx); the DSL notifier retries deliveries itself. */
  retries: number;
  logger: webApi.WebClientOptions['logger'];
  log: Logger;
}

/** The Web API client options SafeStep uses everywhere (also for Bolt's own client). */
export function webClientOptions(o: Omit<SlackApiOptions, 'token' | 'log'>): webApi.WebClientOptions {
  return {
    ...(o.apiUrl ? { slackApiUrl: o.apiUrl.endsWith('/') ? o.apiUrl : `${o.apiUrl}/` } : {}),
    retryConfig: { retries: o.retries, factor: 2, minTimeout: 500, maxTimeout: 4000, randomize: true },
    timeout: 15_000,
    logger: o.logger,
  };
}

export class SlackApi {
  readonly web: webApi.WebClient;
  private readonly dms = new Map<string, string>();
  private readonly users = new Map<string, KnownUser>();
  private self?: Promise<{ botUserId?: string; botId?: string }>;
  private known?: { botUserId?: string; botId?: string };
  private readonly log: Logger;

  constructor(o: SlackApiOptions) {
    this.web = new webApi.WebClient(o.token, webClientOptions(o));
    this.log = o.log;
  }

  /** The bot's own user and bot ids (auth.test), cached once it succeeds. */
  identity(): Promise<{ botUserId?: string; botId?: string }> {
    if (!this.self) {
      this.self = this.web.auth.test().then((r) => {
        this.known = { botUserId: r.user_id, botId: r.bot_id };
        return this.known;
      });
      this.self.catch(() => {
        this.self = undefined;
      });
    }
    return this.self;
  }

  /**
   * The bot's ids if already known, without waiting (Slack must be acknowledged at once); when
   * not yet known, a lookup is started for next time.
   */
  knownIdentity(): { botUserId?: string; botId?: string } {
    if (!this.known) void this.identity().catch(() => undefined);
    return this.known ?? {};
  }

  /** The DM channel with a user (conversations.open), cached. Channel ids are returned as they are. */
  async dmChannel(target: string): Promise<string> {
    if (!/^[UW][A-Z0-9]+$/.test(target)) return target;
    const known = this.dms.get(target);
    if (known) return known;
    const r = await this.web.conversations.open({ users: target });
    const id = r.channel?.id;
    if (!id) throw Object.assign(new Error('no DM channel'), { code: 'slack_no_dm_channel' });
    this.dms.set(target, id);
    return id;
  }

  /** Remembers a user's DM channel learned from an event. */
  knowDm(userId: string, channel: string): void {
    if (channel.startsWith('D')) this.dms.set(userId, channel);
  }

  /**
   * Posts a message (to a channel id, or to a user's DM); returns its ts. Throws on failure.
   * `deliveryId` tags the post with Slack message metadata, so a later attempt can find it.
   */
  async post(target: string, m: SlackMessage, deliveryId?: string): Promise<{ channel: string; ts: string }> {
    const channel = await this.dmChannel(target);
    const metadata = deliveryId === undefined ? {} : { metadata: { event_type: DELIVERY_EVENT, event_payload: { delivery_id: deliveryId } } };
    const r = await this.web.chat.postMessage({ channel, text: m.text, blocks: m.blocks, unfurl_links: false, unfurl_media: false, ...metadata });
    return { channel: r.channel ?? channel, ts: r.ts ?? '' };
  }

  /**
   * True if one of the newest posts (at most HISTORY_LOOKBACK, none before `since`, an ISO time)
   * in the conversation with `target` carries delivery `deliveryId`'s metadata. Throws on failure.
   */
  async hasDelivery(target: string, deliveryId: string, since: string): Promise<boolean> {
    const channel = await this.dmChannel(target);
    const oldest = (Math.floor(Date.parse(since) / 1000) - 1).toString();
    const r = await this.web.conversations.history({ channel, oldest, limit: HISTORY_LOOKBACK, include_all_metadata: true });
    return (r.messages ?? []).some((m) => m.metadata?.event_type === DELIVERY_EVENT && (m.metadata.event_payload as Record<string, unknown> | undefined)?.delivery_id === deliveryId);
  }

  async update(channel: string, ts: string, m: { text: string; blocks: KnownBlock[] }): Promise<void> {
    await this.web.chat.update({ channel, ts, text: m.text, blocks: m.blocks });
  }

  /** A note only `user` sees in `channel` (or in their DM when there is no channel). */
  async ephemeral(channel: string | undefined, user: string, text: string): Promise<void> {
    if (!channel) {
      await this.post(user, { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
      return;
    }
    await this.web.chat.postEphemeral({ channel, user, text });
  }

  /** Who a Slack user is, for reports: real name and self-described job title. Never throws. */
  async user(id: string): Promise<UserRef> {
    return (await this.lookup(id))?.user ?? { id };
  }

  /**
   * True for a member of staff SafeStep may DM unprompted (an invitation or reminder): not a
   * bot, an app, Slackbot or a deactivated account. False when Slack cannot say. Never throws.
   */
  async isPerson(id: string): Promise<boolean> {
    return (await this.lookup(id))?.person ?? false;
  }

  /** Everyone in a channel (conversations.members, every page). Throws on failure. */
  async members(channel: string): Promise<string[]> {
    const out: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_MEMBER_PAGES; page += 1) {
      const r = await this.web.conversations.members({ channel, limit: MEMBERS_PAGE, ...(cursor ? { cursor } : {}) });
      out.push(...(r.members ?? []));
      cursor = r.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return out;
  }

  private async lookup(id: string): Promise<KnownUser | undefined> {
    const cached = this.users.get(id);
    if (cached && Date.now() - cached.at < USER_CACHE_MS) return cached;
    try {
      const r = await this.web.users.info({ user: id });
      const p = r.user?.profile;
      const name = r.user?.real_name || p?.real_name || p?.display_name || undefined;
      const role = p?.title || undefined;
      const person = !!r.user && r.user.is_bot !== true && r.user.deleted !== true && r.user.is_app_user !== true && id !== 'USLACKBOT';
      const known: KnownUser = { user: { id, ...(name ? { name } : {}), ...(role ? { role } : {}) }, person, at: Date.now() };
      this.users.set(id, known);
      return known;
    } catch (err) {
      this.log.warn('slack_user_lookup_failed', { code: errorCode(err) });
      return undefined;
    }
  }

  async openModal(triggerId: string, view: types.ModalView): Promise<void> {
    await this.web.views.open({ trigger_id: triggerId, view });
  }

  /** Opens a modal on top of the one a button was pressed in. */
  async pushModal(triggerId: string, view: types.ModalView): Promise<void> {
    await this.web.views.push({ trigger_id: triggerId, view });
  }

  async publishHome(userId: string, view: types.HomeView): Promise<void> {
    await this.web.views.publish({ user_id: userId, view });
  }
}

/** A short, content-free code for a Web API error (Slack's error name, or the client's code). */
export { errorCode };

/** The Web API client for a workspace (its own bot token); throws when SafeStep has none there. */
export type SlackApis = (teamId: string | undefined) => SlackApi;
