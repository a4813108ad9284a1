/**
 * Sending outside the current turn: to a stored conversation (proactively, through the Bot
 * Connector), and to a person's personal chat when they wrote from a team channel (opening that
 * chat if SafeStep has none yet). Nothing here is ever posted in a team channel on someone's
 * behalf. Throws on failure; callers decide what is recorded.
 */
import type { Activity, CloudAdapter, ConversationParameters, TurnContext } from 'botbuilder';
import { RefBook, type StoredRef } from './refs';
import { tenantOf, userOf } from './to-inbound';

/** Thrown when SafeStep has no stored reference for a target (the app was never installed for it). */
export class NoReferenceError extends Error {
  readonly code = 'no_conversation_reference';
  constructor() {
    super('No stored Teams conversation reference for this target (the app is not installed for them).');
    this.name = 'NoReferenceError';
  }
}

export class Reach {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly refs: RefBook,
  ) {}

  /** Sends one activity into a stored conversation. */
  async send(ref: StoredRef, activity: Partial<Activity>): Promise<void> {
    await this.adapter.continueConversationAsync(this.appId, ref, async (ctx) => {
      await ctx.sendActivity(activity);
    });
  }

  /** Runs `work` in a stored conversation (e.g. to read a channel's members). */
  async inConversation<T>(ref: StoredRef, work: (ctx: TurnContext) => Promise<T>): Promise<T> {
    let result: T | undefined;
    await this.adapter.continueConversationAsync(this.appId, ref, async (ctx) => {
      result = await work(ctx);
    });
    return result as T;
  }

  /** Opens (and remembers) the personal chat with `member` of the team whose channel `team` refers to. */
  async openPersonalChatWith(team: StoredRef, key: string, member: Partial<Activity>['from'] & object): Promise<StoredRef> {
    const tenantId = team.conversation.tenantId ?? '';
    const params: ConversationParameters = { isGroup: false, bot: team.bot!, members: [member], tenantId, channelData: { tenant: { id: tenantId } } };
    let conversationId: string | undefined;
    await this.adapter.createConversationAsync(this.appId, team.channelId ?? 'msteams', team.serviceUrl, '', params, async (ctx) => {
      conversationId = ctx.activity.conversation?.id;
    });
    if (!conversationId) throw Object.assign(new Error('Teams did not open a personal chat'), { code: 'no_personal_chat' });
    const ref: StoredRef = { channelId: team.channelId, serviceUrl: team.serviceUrl, bot: team.bot, user: member, conversation: { id: conversationId, conversationType: 'personal', isGroup: false, tenantId, name: '' } };
    this.refs.putUser(key, ref);
    return ref;
  }

  /** Sends to the sender of `context.activity` in their personal chat, opening it if needed. */
  async toPersonalChat(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    const key = userOf(context.activity).id;
    const ref = this.refs.user(key) ?? (await this.openPersonalChat(context, key));
    await this.send(ref, activity);
  }

  /** Creates the personal chat with the sender (allowed once the app is installed in their team). */
  private async openPersonalChat(context: TurnContext, key: string): Promise<StoredRef> {
    const a = context.activity;
    const tenantId = tenantOf(a);
    const params: ConversationParameters = {
      isGroup: false,
      bot: a.recipient,
      members: [a.from],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    };
    const audience = context.turnState.get(this.adapter.OAuthScopeKey) as string | undefined;
    let conversationId: string | undefined;
    await this.adapter.createConversationAsync(this.appId, a.channelId, a.serviceUrl, audience as string, params, async (ctx) => {
      conversationId = ctx.activity.conversation?.id;
    });
    if (!conversationId) throw Object.assign(new Error('Teams did not open a personal chat'), { code: 'no_personal_chat' });
    const ref: StoredRef = {
      channelId: a.channelId,
      serviceUrl: a.serviceUrl,
      bot: a.recipient,
      user: a.from,
      conversation: { id: conversationId, conversationType: 'personal', isGroup: false, tenantId, name: '' },
    };
    this.refs.putUser(key, ref);
    return ref;
  }
}
