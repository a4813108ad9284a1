/**
 * Building blocks for a composition root that runs the quiz (the `safestep quiz` command today;
 * buildApp for Slack and Teams): load flows/, content/ and content/quiz/ in one validated pass,
 * the same danger check the chat uses, and the runner on a store.
 */
import { inspectContent } from '../authoring/load';
import { ContentError } from '../authoring/problem';
import type { ContentBundle } from '../core/content';
import type { Clock, ConversationLock, DangerDetector, Logger } from '../core/ports';
import { loadQuiz } from './load';
import type { QuizContent } from './model';
import type { QuizStore } from './ports';
import { QuizRunner } from './runner';

/** Loads and validates all content and the quiz bank; throws ContentError listing every problem. */
export function loadContentWithQuiz(root: string): { content: ContentBundle; quiz?: QuizContent } {
  const inspection = inspectContent(root);
  if (!inspection.bundle) throw new ContentError(inspection.problems);
  return { content: inspection.bundle, quiz: loadQuiz(root, { bundle: inspection.bundle, sources: inspection.sources }) };
}

/**
 * The chat's danger check (content/danger/), so the quiz also says "call 999" first.
 * Required lazily: the NLU modules are loaded only by commands that take the quiz.
 */
export function loadDangerDetector(root: string): DangerDetector {
  const { loadNluContent } = require('../nlu/load') as typeof import('../nlu/load');
  const { createDangerDetector } = require('../nlu/danger') as typeof import('../nlu/danger');
  const nlu = loadNluContent(root);
  return createDangerDetector(nlu.danger, { vocabulary: nlu.vocabulary });
}

/** A QuizRunner with the real clock. */
export function createQuizRunner(o: {
  content: ContentBundle;
  quiz: QuizContent;
  store: QuizStore;
  log: Logger;
  danger?: DangerDetector;
  clock?: Clock;
  questions?: number;
  lock?: ConversationLock;
}): QuizRunner {
  return new QuizRunner({ ...o, clock: o.clock ?? (() => new Date()) });
}
