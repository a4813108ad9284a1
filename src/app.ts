/**
 * The composition root's building block: from a Config, builds content, router, danger check,
 * stores and the conversation runner. Channels are started by main.ts / the CLI on top of this.
 */
import { ChatService } from './chat-service';
import type { Config } from './config';
import type { ContentBundle } from './core/content';
import { UnknownSettingError, type StoreError } from './core/errors';
import type { Logger } from './core/ports';
import { DslNotifier } from './core/dsl-notifier';
import { ConversationRunner } from './core/runner';
import { createLogger } from './log';
import { loadNlu } from './nlu/load';
import { openStoresOrFallback, type Stores } from './store/open-stores';
import { createQuizRunner, loadContentWithQuiz } from './quiz/setup';
import type { QuizContent } from './quiz/model';
import type { QuizRunner } from './quiz/runner';

export interface App {
  config: Readonly<Config>;
  content: ContentBundle;
  runner: ConversationRunner;
  /** The induction quiz, when the content has a quiz bank. */
  quiz?: QuizRunner;
  /** The quiz bank and its wording (content/quiz/), when present: for channels' invitations and the DSL's results. */
  quizContent?: QuizContent;
  /** What channel adapters call: routes each message to the quiz or the conversation. */
  chat: ChatService;
  /** Tells DSLs on connected chat channels; channels add themselves with addChannel. */
  notifier: DslNotifier;
  stores: Stores;
  log: Logger;
  /** Set when the database could not be opened: chat works, reports cannot be filed. */
  storeError?: StoreError;
  close(): void;
}

/** Builds the app; throws content_error if flows/ or content/ are invalid. */
export function buildApp(config: Readonly<Config>, log: Logger = createLogger(config.logLevel)): App {
  const { content, quiz: quizContent } = loadContentWithQuiz(config.contentRoot);
  const { router, danger } = loadNlu(config.contentRoot, [...content.flows.values()]);
  const stores = openStoresOrFallback(config.dbPath);
  if (stores.error) log.error('store_open_failed', { code: stores.error.code });
  const clock = () => new Date();
  const notifier = new DslNotifier({
    deliveries: stores.deliveries,
    reports: stores.reports,
    clock,
    log,
    reminderAfterMs: config.reminderMinutes * 60_000,
  });
  const runner = new ConversationRunner({
    content,
    router,
    danger,
    sessions: stores.sessions,
    reports: stores.reports,
    notifier,
    clock,
    log,
  });
  const quiz = quizContent ? createQuizRunner({ content, quiz: quizContent, store: stores.quiz, log, danger, clock }) : undefined;
  const chat = new ChatService(runner, quiz, quizContent?.messages.commands.start ?? []);
  return {
    config,
    content,
    runner,
    quiz,
    quizContent,
    chat,
    notifier,
    stores,
    log,
    storeError: stores.error,
    close: () => {
      notifier.stop();
      stores.close();
    },
  };
}

/** Checks a setting id against the loaded profiles; throws UnknownSettingError listing the valid ones. */
export function requireSetting(content: ContentBundle, settingId: string): string {
  if (!content.settings.has(settingId)) throw new UnknownSettingError(settingId, [...content.settings.keys()]);
  return settingId;
}
