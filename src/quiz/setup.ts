/**
 * Building blocks for a composition root that runs the quiz (the `safestep quiz` command today;
 * buildApp for Slack and Teams): load flows/, content/ and content/quiz/ in one validated pass,
 * the same danger check the chat uses, and the runner on a store.
 */
import path from 'node:path';
import type { SkippedSetting } from '../authoring/isolate';
import { loadServedContent, withoutSettings } from '../authoring/load';
import { ContentError, type Problem } from '../authoring/problem';
import type { SettingSource } from '../authoring/sources';
import type { ContentBundle } from '../core/content';
import type { Clock, ConversationLock, DangerDetector, Logger } from '../core/ports';
import { inspectQuiz, QUIZ_FILES } from './load';
import type { QuizContent } from './model';
import type { QuizStore } from './ports';
import { QuizRunner } from './runner';

/**
 * Loads and validates all content and the quiz bank; throws ContentError listing every problem,
 * except those of broken or unfinished setting profiles or of one setting's own quiz bank
 * (content/quiz/<id>.yaml): such a setting is left out and returned in `skipped`, with its
 * problems (src/authoring/isolate.ts), so every other setting is still served.
 */
export function loadContentWithQuiz(root: string): { content: ContentBundle; quiz?: QuizContent; skipped: SkippedSetting[] } {
  const first = loadServedContent(root);
  let { bundle, sources } = first;
  let skipped = first.skipped;
  // A start: the quiz may stand on memoised shapes and a pass stamp beside the stamped content.
  let quiz = inspectQuiz(root, { bundle, sources, skipped, ...(first.inspection.stamp ? { stamp: first.inspection.stamp } : {}) }, { useStamp: true });
  if (quiz.problems.length > 0) {
    const banks = bankOwners(quiz.problems, sources.settings);
    const served = banks && withoutSettings(bundle, sources, new Set(banks.map((b) => b.file)));
    if (!banks || !served) throw new ContentError([...first.inspection.problems, ...quiz.problems]);
    ({ bundle, sources } = served);
    skipped = [...skipped, ...banks];
    quiz = inspectQuiz(root, { bundle, sources, skipped });
    if (quiz.problems.length > 0) throw new ContentError([...first.inspection.problems, ...quiz.problems]);
  }
  return { content: bundle, quiz: quiz.quiz, skipped };
}

/** The settings every quiz problem belongs to (their own bank or profile), or undefined if any problem is elsewhere. */
function bankOwners(problems: readonly Problem[], settings: readonly SettingSource[]): SkippedSetting[] | undefined {
  const owners = new Map<string, SkippedSetting>();
  for (const p of problems) {
    const id = p.file.startsWith(`${QUIZ_FILES.dir}/`) ? path.basename(p.file, '.yaml') : undefined;
    // A bank's own problems, or a setting without a bank that has too few shared questions.
    const setting = settings.find((s) => s.data.id === id || s.file === p.file);
    if (!setting || [QUIZ_FILES.shared, QUIZ_FILES.messages].includes(p.file as never)) return undefined;
    const entry = owners.get(setting.file) ?? { id: setting.data.id, file: setting.file, problems: [] };
    entry.problems.push(p);
    owners.set(setting.file, entry);
  }
  return [...owners.values()];
}

/**
 * The chat's danger check (content/danger/), so the quiz also says "call 999" first.
 * Required lazily: the NLU modules are loaded only by commands that take the quiz.
 */
export function loadDangerDetector(root: string): DangerDetector {
  const { loadNluContent } = require('../nlu/load') as typeof import('../nlu/load');
  const { createDangerDetector } = require('../nlu/danger') as typeof import('../nlu/danger');
  const nlu = loadNluContent(root, { useMemo: true });
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
