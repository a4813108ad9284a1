/**
 * The induction quiz in Slack, around the quiz itself (which runs privately in each person's DM
 * through SlackConversations): posting the invitation in a staff channel and remembering that
 * channel; inviting, by DM, a new member who joins it; reminding, by DM, the channel's members
 * who have not passed after `reminderDays` (checked periodically, or by calling sendReminders);
 * and the DSL's staff results for the Home tab. Answers and scores never go to a channel: the
 * invitation holds no one's result, and the results are shown to the DSL and deputies only.
 * What was posted where, who was invited and reminded when, is kept in the channel-reference
 * store (channel `slack`), so it survives restarts.
 */
import type { types } from '@slack/bolt';
import type { App } from '../../app';
import type { SettingProfile } from '../../core/model';
import { render } from '../../core/template';
import type { QuizCatalog } from '../../quiz/model';
import { buildQuizReport } from '../../quiz/report';
import { resolveQuiz, type SettingQuiz } from '../../quiz/resolve';
import type { HomeInput } from './home';
import type { Inflight } from './inflight';
import { labelsFor } from './labels';
import { quizInviteMessage, quizPostModal, quizResultsBlocks } from './quiz-blocks';
import { errorCode, type SlackApi } from './slack-api';
import { SlackRefs } from './refs';

const DAY_MS = 24 * 60 * 60_000;
/** How often the reminder check runs in production. */
const DEFAULT_CHECK_EVERY_MS = 60 * 60_000;

/** Keys in the channel-reference store. */
export const QUIZ_KEYS = {
  channel: (id: string) => `quiz-channel:${id}`,
  invited: (user: string) => `quiz-invited:${user}`,
  reminded: (user: string) => `quiz-reminded:${user}`,
} as const;

/** A staff channel the invitation was posted in. */
export interface QuizChannelRef {
  channel: string;
  /** When the invitation was first posted there, and most recently. */
  postedAt: string;
  lastPostedAt: string;
}

export interface SlackQuizDeps {
  app: App;
  api: SlackApi;
  settingId: string;
  inflight: Inflight;
  isDsl: (userId: string) => boolean;
  /** Days after an invitation (or the last reminder) before someone who has not passed is reminded. */
  reminderDays: number;
  clock?: () => Date;
  /** How often start() checks for reminders due (default hourly). */
  checkEveryMs?: number;
}

export class SlackQuiz {
  private timer?: NodeJS.Timeout;
  private checking?: Promise<string[]>;
  private resolved?: SettingQuiz | null;

  constructor(private readonly d: SlackQuizDeps) {}

  /** Whether this workspace's setting has an induction quiz. */
  available(): boolean {
    return !!this.d.app.quizContent && this.d.app.chat.hasQuiz(this.d.settingId) && this.quiz() !== undefined;
  }

  /** The quiz wording for channels (content/quiz/messages.yaml `channel`); only when available(). */
  words(): QuizCatalog['channel'] {
    const words = this.d.app.quizContent?.messages.channel;
    if (!words) throw Object.assign(new Error('no quiz content'), { code: 'no_quiz' });
    return words;
  }

  /** A channel text rendered for the setting (plain text). */
  text(key: 'posted' | 'notDsl' | 'startButton'): string {
    return this.render(this.words()[key]);
  }

  /** The invitation's text: the setting's quiz, its length and pass mark. */
  inviteText(): string {
    const quiz = this.quiz()!;
    const count = Math.min(quiz.questionsPerQuiz, quiz.questions.length);
    return this.render(this.words().invite, { count: String(count), passmark: String(quiz.passMark) });
  }

  /** The channel picker the DSL's "Post the induction quiz" opens. */
  postModal(): types.ModalView {
    return quizPostModal(this.words(), labelsFor(this.d.app.content.catalog, this.setting()), this.inviteText());
  }

  /** Posts the invitation with its Start button in `channel` and remembers the channel. Throws if Slack refuses. */
  async postInvitation(channel: string): Promise<void> {
    await this.d.api.post(channel, quizInviteMessage(this.inviteText(), this.text('startButton'), this.d.settingId));
    const at = this.now().toISOString();
    const known = this.get<QuizChannelRef>(QUIZ_KEYS.channel(channel));
    this.put(QUIZ_KEYS.channel(channel), { channel, postedAt: known?.postedAt ?? at, lastPostedAt: at } satisfies QuizChannelRef);
    this.d.app.log.info('slack_quiz_posted', {});
  }

  /** The staff channels the invitation was posted in. */
  channels(): QuizChannelRef[] {
    return this.refs.list(QUIZ_KEYS.channel('')).filter((d): d is QuizChannelRef => !!d && typeof d === 'object');
  }


  /**
   * Someone joined a channel: if it is a staff quiz channel, DM them the welcome and the Start
   * button (not the bot itself, other bots, anyone who has passed, or anyone invited within the
   * reminder period). True if invited. Never throws.
   */
  async memberJoined(user: string, channel: string): Promise<boolean> {
    try {
      if (!this.available() || !this.get<QuizChannelRef>(QUIZ_KEYS.channel(channel))) return false;
      const now = this.now();
      if (user === (await this.botUserId()) || this.passedUsers().has(user) || this.recent(QUIZ_KEYS.invited(user), now)) return false;
      if (!(await this.d.api.isPerson(user))) return false;
      await this.d.api.post(user, quizInviteMessage(this.render(this.words().joinedInvite), this.text('startButton'), this.d.settingId));
      this.put(QUIZ_KEYS.invited(user), { at: now.toISOString() });
      this.d.app.log.info('slack_quiz_invited', {});
      return true;
    } catch (err) {
      this.d.app.log.warn('slack_quiz_invite_failed', { code: errorCode(err) });
      return false;
    }
  }

  /**
   * DMs a reminder with the Start button to each person in a staff quiz channel who has not
   * passed, once `reminderDays` have gone by since they were invited (the channel post, or their
   * welcome on joining) and since their last reminder. Returns who was reminded. Never throws;
   * one check at a time.
   */
  sendReminders(now: Date = this.now()): Promise<string[]> {
    if (this.checking) return this.checking;
    const run = this.remind(now).finally(() => {
      this.checking = undefined;
    });
    this.checking = run;
    return this.d.inflight.track(run);
  }

  /** Checks for reminders every `checkEveryMs` until stop(). */
  start(): void {
    if (this.timer || !this.available()) return;
    this.timer = setInterval(() => void this.sendReminders(), this.d.checkEveryMs ?? DEFAULT_CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * The quiz on a person's Home tab: the Start button for everyone and, for a DSL or deputy
   * only, the post button and the staff results (with `notice`, mrkdwn, about the last post).
   * Undefined when the setting has no quiz.
   */
  home(userId: string, notice?: string): HomeInput['quiz'] {
    if (!this.available()) return undefined;
    const startButton = this.text('startButton');
    if (!this.d.isDsl(userId)) return { startButton };
    try {
      const store = this.d.app.stores.quiz;
      const filter = { settingId: this.d.settingId };
      const questions = new Map(this.quiz()!.questions.map((q) => [q.id, q.text]));
      const report = buildQuizReport({
        attempts: store.attempts(filter),
        answers: store.answers(filter),
        attestations: store.attestations(filter),
        questionText: (settingId, id) => (settingId === this.d.settingId ? questions.get(id) : undefined),
        now: this.now(),
      });
      const setting = this.setting();
      const dslBlocks = quizResultsBlocks({
        report,
        words: this.words(),
        label: labelsFor(this.d.app.content.catalog, setting),
        setting,
        channels: this.channels().map((c) => c.channel),
        notice,
      });
      return { startButton, dslBlocks };
    } catch (err) {
      this.d.app.log.warn('slack_quiz_results_failed', { code: errorCode(err) });
      return { startButton };
    }
  }

  private async remind(now: Date): Promise<string[]> {
    const log = this.d.app.log;
    const reminded: string[] = [];
    try {
      if (!this.available()) return reminded;
      const channels = this.channels();
      if (channels.length === 0) return reminded;
      const passed = this.passedUsers();
      const bot = await this.botUserId();
      const seen = new Set<string>();
      for (const ref of channels) {
        let members: string[];
        try {
          members = await this.d.api.members(ref.channel);
        } catch (err) {
          log.warn('slack_quiz_members_failed', { code: errorCode(err) });
          continue;
        }
        for (const user of members) {
          if (seen.has(user) || user === bot || passed.has(user)) continue;
          seen.add(user);
          const invitedAt = this.get<{ at: string }>(QUIZ_KEYS.invited(user))?.at;
          const remindedAt = this.get<{ at: string }>(QUIZ_KEYS.reminded(user))?.at;
          const last = Math.max(...[ref.lastPostedAt, invitedAt, remindedAt].map((t) => (t ? Date.parse(t) : 0)).filter((t) => !Number.isNaN(t)));
          if (now.getTime() - last < this.d.reminderDays * DAY_MS) continue;
          if (!(await this.d.api.isPerson(user))) continue;
          const since = Date.parse(invitedAt ?? ref.postedAt);
          const days = Math.max(1, Math.floor((now.getTime() - since) / DAY_MS));
          try {
            await this.d.api.post(user, quizInviteMessage(this.render(this.words().reminder, { days: String(days) }), this.text('startButton'), this.d.settingId));
            this.put(QUIZ_KEYS.reminded(user), { at: now.toISOString() }, now);
            reminded.push(user);
          } catch (err) {
            log.warn('slack_quiz_reminder_failed', { code: errorCode(err) });
          }
        }
      }
      log.info('slack_quiz_reminders', { sent: reminded.length });
    } catch (err) {
      log.error('slack_quiz_reminders_failed', { code: errorCode(err) });
    }
    return reminded;
  }

  /** The Slack user ids who have passed this setting's quiz (any attempt). */
  private passedUsers(): Set<string> {
    return new Set(this.d.app.stores.quiz.attempts({ settingId: this.d.settingId }).filter((a) => a.passed).map((a) => a.user.id));
  }

  private recent(key: string, now: Date): boolean {
    const at = this.get<{ at: string }>(key)?.at;
    return at !== undefined && now.getTime() - Date.parse(at) < this.d.reminderDays * DAY_MS;
  }

  private async botUserId(): Promise<string | undefined> {
    return (await this.d.api.identity().catch(() => this.d.api.knownIdentity())).botUserId;
  }

  private quiz(): SettingQuiz | undefined {
    if (this.resolved === undefined) {
      const content = this.d.app.quizContent;
      const setting = this.d.app.content.settings.get(this.d.settingId);
      this.resolved = (content && setting && resolveQuiz(content, setting, this.d.app.content.national)) || null;
    }
    return this.resolved ?? undefined;
  }

  private setting(): SettingProfile {
    return this.d.app.content.settings.get(this.d.settingId)!;
  }

  private render(text: string, vars: Record<string, string> = {}): string {
    return render(text, this.setting(), vars);
  }

  private get refs(): SlackRefs {
    return new SlackRefs(this.d.app.stores.channelRefs, this.d.app.log);
  }

  private get<T>(key: string): T | undefined {
    return this.refs.get<T>(key);
  }

  private put(key: string, data: unknown, at: Date = this.now()): void {
    this.refs.put(key, data, at);
  }


  private now(): Date {
    return (this.d.clock ?? (() => new Date()))();
  }
}
