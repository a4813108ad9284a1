/**
 * The composition root's building block: from a Config, builds content, router, danger check,
 * stores, the conversation and quiz runners, the DSL outbox and the ChannelHost that channels are
 * given. Channels are started on top of this by serve.ts (chat platforms) or the CLI (console).
 */
import type { SkippedSetting } from './authoring/isolate';
import type { Config } from './config';
import type { ContentBundle } from './core/content';
import type { DslDirectory } from './core/desk/directory';
import { Casework } from './core/case/casework';
import { DslNotifier } from './core/dsl-notifier';
import { UnknownSettingError, type StoreError } from './core/errors';
import type { ChatChannel } from './core/host';
import type { Logger } from './core/ports';
import { ConversationRunner } from './core/runner';
import { QuizOutreach, type OutreachChannel } from './host/quiz-outreach';
import { SafeStepHost } from './host/safestep-host';
import { dslTeamOf, settingAt } from './deployment/model';
import { createLogger } from './log';
import { loadNlu } from './nlu/load';
import type { QuizContent } from './quiz/model';
import type { QuizRunner } from './quiz/runner';
import { createQuizRunner, loadContentWithQuiz } from './quiz/setup';
import { openStoresOrFallback, type Stores } from './store/open-stores';

export interface App {
  config: Readonly<Config>;
  content: ContentBundle;
  /**
   * Broken or unfinished setting profiles left out of `content`, each with its problems: people
   * the deployment places in one are told SafeStep is not set up for them (catalogue `notSetUp`).
   */
  skipped: SkippedSetting[];
  runner: ConversationRunner;
  /** The induction quiz, when the content has a quiz bank. */
  quiz?: QuizRunner;
  quizContent?: QuizContent;
  /** What every channel is given (and nothing else of the app). */
  host: SafeStepHost;
  /** The DSL outbox: records, sends and retries every notice. */
  notifier: DslNotifier;
  /** Each report's casework and audit trail. */
  casework: Casework;
  /** Invitations, welcomes and reminders for the induction quiz, on every connected channel. */
  outreach: QuizOutreach;
  stores: Stores;
  log: Logger;
  /** The app's clock (tests inject one). */
  clock: () => Date;
  /** Set when the database could not be opened: chat works, reports cannot be filed. */
  storeError?: StoreError;
  /** Connects a started chat channel: its deliverer to the outbox, its roster to quiz outreach. */
  connect(channel: ChatChannel): void;
  close(): void;
}

/** The DSL team of each setting on each channel, from the deployment. */
export function dslDirectory(config: Readonly<Config>): DslDirectory {
  return { team: (settingId, channel) => dslTeamOf(config.deployment, settingId, channel) };
}

/** Builds the app; throws content_error if flows/ or content/ are invalid. */
export function buildApp(config: Readonly<Config>, log: Logger = createLogger(config.logLevel), clock: () => Date = () => new Date()): App {
  const { content, quiz: quizContent, skipped } = loadContentWithQuiz(config.contentRoot);
  for (const s of skipped) log.error('setting_skipped', { setting: s.id, problems: s.problems.length });
  const { router, danger } = loadNlu(config.contentRoot, [...content.flows.values()]);
  const stores = openStoresOrFallback(config.databaseUrl ?? config.dbPath, { key: config.key, log });
  if (stores.error) log.error('store_open_failed', { code: stores.error.code });
  const notifier = new DslNotifier({
    content,
    deliveries: stores.deliveries,
    reports: stores.reports,
    transaction: stores.transaction,
    cases: stores.cases,
    directory: dslDirectory(config),
    clock,
    log,
    reminderAfterMs: config.reminderMinutes * 60_000,
    claims: stores.ticks,
  });
  const casework = new Casework({
    reports: stores.reports,
    cases: stores.cases,
    audit: stores.audit,
    deliveries: stores.deliveries,
    transaction: stores.transaction,
    outbox: notifier,
    clock,
    log,
  });
  const runner = new ConversationRunner({ content, router, danger, sessions: stores.sessions, reports: stores.reports, transaction: stores.transaction, lock: stores.lockConversation, notifier, clock, log });
  const quiz = quizContent ? createQuizRunner({ content, quiz: quizContent, store: stores.quiz, log, danger, clock, lock: stores.lockConversation }) : undefined;
  const outreachChannels = new Map<string, OutreachChannel>();
  const outreach = new QuizOutreach({ channels: outreachChannels, reminderDays: config.quizReminderDays, ticks: stores.ticks, clock, log });
  const host = new SafeStepHost({
    content,
    quizContent,
    runner,
    quiz,
    notifier,
    reports: stores.reports,
    deliveries: stores.deliveries,
    quizStore: stores.quiz,
    channelRefs: stores.channelRefs,
    casework,
    settingOf: (where) => {
      if (where.channel === 'console') return undefined;
      const id = settingAt(config.deployment, { channel: where.channel, workspace: where.workspace, user: where.userId });
      // A setting whose profile was skipped is not served: its people get the notSetUp text.
      return id !== undefined && content.settings.has(id) ? id : undefined;
    },
    outreach,
    clock,
    log,
  });
  return {
    config,
    content,
    skipped,
    runner,
    quiz,
    quizContent,
    host,
    notifier,
    casework,
    outreach,
    stores,
    log,
    clock,
    storeError: stores.error,
    connect: (channel) => {
      notifier.addChannel(channel.name, channel.deliverer);
      const roster = channel.roster;
      if (roster) {
        const only = config.deployment.settings.length === 1 ? config.deployment.settings[0]!.id : undefined;
        outreachChannels.set(channel.name, {
          roster,
          records: host.records(channel.name),
          invites: (settingId) => host.invites(settingId),
          passed: (settingId) => host.passed(settingId, channel.name),
          defaultSetting: () => only,
        });
      }
    },
    close: () => {
      notifier.stop();
      outreach.stop();
      stores.close();
    },
  };
}

/** Checks a setting id against the loaded profiles; throws UnknownSettingError listing the valid ones. */
export function requireSetting(content: ContentBundle, settingId: string): string {
  if (!content.settings.has(settingId)) throw new UnknownSettingError(settingId, [...content.settings.keys()]);
  return settingId;
}
