/**
 * One person's SafeStep conversation in Slack, always in their DM with the app: hands what they
 * sent to the host and posts the replies as Block Kit. Turns of one person run one at a time, in
 * arrival order (so replies never interleave). A clicked answer carries its question id (the core
 * refuses an old button for a newer question); when it answers the live question, that message's
 * buttons are replaced by the answer. At most a few turns run at once, so that under a burst
 * Slack's requests are still acknowledged at once. The host decides every word, including the footnote that
 * Slack keeps what is typed; this file only translates.
 */
import type { ChannelHost, FileRef, Reply } from '../../core/host';
import { errorCode } from '../../core/host';
import type { Inflight } from './inflight';
import { answeredMessage, hasChoiceButtons, renderReplies, type BlockTexts } from './render-blocks';
import type { SlackApi, SlackApis } from './slack-api';
import { Slots } from './slots';
import { choiceToInbound, messageToInbound, slackConversation } from './to-inbound';

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

/** The message holding the buttons of the question SafeStep is waiting on. */
interface PromptRef {
  channel: string;
  ts: string;
}

/** How many turns run at once; more wait (their Slack requests are acknowledged already). */
const TURNS_AT_ONCE = 8;

export class SlackConversations {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly slots = new Slots(TURNS_AT_ONCE);

  constructor(private readonly d: { host: ChannelHost; apis: SlackApis; inflight: Inflight }) {}

  /** Runs one turn for `userId` of workspace `teamId`; replies go to `dm` or the user's DM. Never rejects. */
  run(teamId: string, userId: string, turn: Turn, dm?: string): Promise<void> {
    const key = `${teamId}:${userId}`;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.slots.run(() => this.turn(teamId, userId, turn, dm)));
    this.queues.set(key, next);
    void next.then(() => {
      if (this.queues.get(key) === next) this.queues.delete(key);
    });
    return this.d.inflight.track(next);
  }

  private async turn(teamId: string, userId: string, turn: Turn, dmHint?: string): Promise<void> {
    const { host } = this.d;
    try {
      const api = this.d.apis(teamId);
      const user = await api.user(userId);
      const conv = slackConversation(teamId, user);
      const dm = dmHint ?? (await api.dmChannel(userId));
      const records = host.records('slack');
      const promptKey = `prompt:${conv.conversationId}`;
      if (turn.kind === 'choice' && turn.message) {
        // Only the live question is marked answered; a press on an older one is the core's to refuse.
        const { channel, ts, blocks } = turn.message;
        const live = records.get<PromptRef>(promptKey);
        if (live?.channel === channel && live.ts === ts) {
          await api.update(channel, ts, answeredMessage(blocks, turn.label)).catch((err: unknown) => {
            host.log.warn('slack_update_failed', { code: errorCode(err) });
          });
        }
      }
      const replies = await this.replies(conv, turn);
      const texts: BlockTexts = { typeAnswer: host.labels({ channel: 'slack', workspace: teamId, userId }).typeAnswer };
      const footnote = replies.filter((r) => r.type === 'footnote').map((r) => r.text).join('\n') || undefined;
      const live = await this.post(api, dm, replies.filter((r) => r.type !== 'footnote'), texts, footnote);
      records.put(promptKey, live ?? null);
    } catch (err) {
      host.log.error('slack_turn_failed', { code: errorCode(err) });
    }
  }

  private replies(conv: ReturnType<typeof slackConversation>, turn: Turn): Promise<Reply[]> {
    const { host } = this.d;
    switch (turn.kind) {
      case 'start':
        return host.start(conv);
      case 'ask':
        return host.menu(conv);
      case 'quiz':
        return host.startQuiz(conv);
      case 'message':
        return host.turn(messageToInbound(conv, turn));
      case 'choice':
        return host.turn(choiceToInbound(conv, turn.value, turn.questionId));
    }
  }

  /** Posts the replies in order; returns the message holding the live question's buttons (null if none, undefined if Slack refused one). */
  private async post(api: SlackApi, dm: string, replies: Reply[], texts: BlockTexts, footnote: string | undefined): Promise<PromptRef | null | undefined> {
    let live: PromptRef | null = null;
    for (const m of renderReplies(replies, texts, footnote)) {
      try {
        const posted = await api.post(dm, m);
        if (hasChoiceButtons(m.blocks)) live = posted;
      } catch (err) {
        this.d.host.log.error('slack_post_failed', { code: errorCode(err) });
        return undefined;
      }
    }
    return live;
  }
}
