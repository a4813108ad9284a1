/**
 * One person's SafeStep conversation in Slack, always in their DM with the app: hands what
 * they sent to the runner and posts the replies as Block Kit. Turns of one person run one at a
 * time, in arrival order (so replies never interleave). A clicked answer carries its question id
 * (the core refuses an old button for a newer question); when it answers the live question, that
 * message's buttons are replaced by the answer. The Slack-keeps-messages reminder is added at the
 * start of a conversation. The induction quiz runs here too, privately in the DM (`quiz` turn:
 * its Start button; its answers are choices like any other, routed to the quiz by ChatService).
 * No flow logic: the runner decides every word.
 */
import type { App } from '../../app';
import type { FileRef, Reply } from '../../core/messages';
import { render } from '../../core/template';
import type { Inflight } from './inflight';
import { hasChoiceButtons, markAnswered, renderReplies, type BlockTexts } from './render-blocks';
import { errorCode, type SlackApi } from './slack-api';
import { choiceToInbound, messageToInbound, slackConversation } from './to-inbound';
import { SlackRefs } from './refs';

/** What a person did: opened SafeStep, sent a message, clicked an answer, asked for the menu, or started the quiz. */
export type Turn =
  | { kind: 'start' }
  | { kind: 'ask' }
  | { kind: 'quiz' }
  | { kind: 'message'; text?: string; files?: FileRef[] }
  | {
      kind: 'choice';
      value: string;
      label: string;
      questionId?: string;
      /** The message the button was in, to mark it answered. */
      message?: { channel: string; ts: string; blocks: unknown[] };
    };

export interface ConversationsDeps {
  app: App;
  api: SlackApi;
  settingId: string;
  inflight: Inflight;
  /** After this long with no conversation under way, the chat-retention reminder is given again. */
  retentionGapMs?: number;
  clock?: () => Date;
}

type Conversation = ReturnType<typeof slackConversation>;

/** The message holding the buttons of the question SafeStep is waiting on. */
interface PromptRef {
  channel: string;
  ts: string;
}

const DEFAULT_RETENTION_GAP_MS = 8 * 60 * 60_000;

export class SlackConversations {
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly d: ConversationsDeps) {}

  /** Runs one turn for `userId` of workspace `teamId`; replies go to `dm` or the user's DM. Never rejects. */
  run(teamId: string, userId: string, turn: Turn, dm?: string): Promise<void> {
    const key = `${teamId}:${userId}`;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.turn(teamId, userId, turn, dm));
    this.queues.set(key, next);
    void next.then(() => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    });
    return this.d.inflight.track(next);
  }

  private async turn(teamId: string, userId: string, turn: Turn, dmHint?: string): Promise<void> {
    const { app, api } = this.d;
    const log = app.log;
    try {
      const user = await api.user(userId);
      const conv = slackConversation(this.d.settingId, teamId, user);
      const dm = dmHint ?? (await api.dmChannel(userId));
      const setting = app.content.settings.get(this.d.settingId)!;
      const catalog = app.content.catalog;

      const promptKey = `prompt:${conv.conversationId}`;
      if (turn.kind === 'choice' && turn.message) {
        // Only the live question is marked answered; a press on an older one is the core's to refuse.
        const { channel, ts, blocks } = turn.message;
        const live = this.get<PromptRef>(promptKey);
        if (live?.channel === channel && live.ts === ts) {
          await api.update(channel, ts, { text: turn.label, blocks: markAnswered(blocks, turn.label) }).catch((err: unknown) => {
            log.warn('slack_update_failed', { code: errorCode(err) });
          });
        }
      }

      const retentionKey = `retention:${conv.conversationId}`;
      const remind = this.retentionDue(conv.conversationId, retentionKey);
      let replies: Reply[];
      try {
        replies = await this.replies(conv, turn);
      } catch (err) {
        log.error('slack_turn_failed', { code: errorCode(err) });
        replies = [{ type: 'error', text: render(catalog.dslNow, setting) }];
      }
      const footnote = remind ? render(catalog.chatRetention, setting) : undefined;
      const texts: BlockTexts = { typeAnswer: render(catalog.labels.typeAnswer, setting) };
      if ((await this.post(dm, replies, texts, footnote, promptKey)) && remind) this.put(retentionKey, { at: this.now().toISOString() });
    } catch (err) {
      log.error('slack_turn_failed', { code: errorCode(err) });
    }
  }

  private replies(conv: Conversation, turn: Turn): Promise<Reply[]> {
    const runner = this.d.app.chat;
    switch (turn.kind) {
      case 'start':
        return runner.start(conv);
      case 'ask': {
        // The menu of every situation, unless a conversation is under way: then re-show where it is.
        const menu = this.d.app.content.catalog.commands.menu[0];
        return this.underWay(conv.conversationId) || !menu ? runner.start(conv) : runner.handle({ ...conv, text: menu });
      }
      case 'quiz':
        return runner.startQuiz(conv);
      case 'message':
        return runner.handle(messageToInbound(conv, turn));
      case 'choice':
        return runner.handle(choiceToInbound(conv, turn.value, turn.questionId));
    }
  }

  /**
   * Posts the replies in order, and remembers the message holding the live question's buttons.
   * False if Slack refused one (the rest are not sent out of order).
   */
  private async post(dm: string, replies: Reply[], texts: BlockTexts, footnote: string | undefined, promptKey: string): Promise<boolean> {
    let live: PromptRef | null = null;
    for (const m of renderReplies(replies, texts, footnote)) {
      try {
        const posted = await this.d.api.post(dm, m);
        if (hasChoiceButtons(m.blocks)) live = posted;
      } catch (err) {
        this.d.app.log.error('slack_post_failed', { code: errorCode(err) });
        this.put(promptKey, null);
        return false;
      }
    }
    this.put(promptKey, live);
    return true;
  }

  private retentionDue(conversationId: string, key: string): boolean {
    const last = this.get<{ at: string }>(key);
    if (!last) return true;
    const gap = this.d.retentionGapMs ?? DEFAULT_RETENTION_GAP_MS;
    return !this.underWay(conversationId) && this.now().getTime() - Date.parse(last.at) >= gap;
  }

  private underWay(conversationId: string): boolean {
    try {
      const mode = this.d.app.stores.sessions.load(conversationId)?.mode;
      return mode !== undefined && mode !== 'idle';
    } catch {
      return false;
    }
  }

  private get refs(): SlackRefs {
    return new SlackRefs(this.d.app.stores.channelRefs, this.d.app.log);
  }

  private get<T>(key: string): T | undefined {
    return this.refs.get<T>(key);
  }

  private put(key: string, data: unknown): void {
    this.refs.put(key, data, this.now());
  }


  private now(): Date {
    return (this.d.clock ?? (() => new Date()))();
  }
}
