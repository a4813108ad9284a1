/**
 * Test helpers for the quiz: a copy of the base content fixture with the small quiz fixture
 * (test/fixtures/quiz) on top, one edit at a time, and the problems `inspectQuiz` finds; plus
 * the real content (SAFESTEP_CONTENT_ROOT, else the repository) loaded once, with each setting's
 * resolved quiz.
 */
import { cpSync } from 'node:fs';
import path from 'node:path';
import { inspectContent } from '../../src/authoring/load';
import type { Problem } from '../../src/authoring/problem';
import { inspectQuiz } from '../../src/quiz/load';
import { resolveQuiz, type SettingQuiz } from '../../src/quiz/resolve';
import { loadContentWithQuiz } from '../../src/quiz/setup';
import { copyBase } from '../authoring/content-fixture';
import { contentRoot } from '../support/content-root';

/** The project root (real content). */
export const ROOT = path.resolve(__dirname, '..', '..');
/** The quiz fixture, laid over test/fixtures/content/base. */
export const QUIZ_FIXTURE = path.join(ROOT, 'test', 'fixtures', 'quiz');
/** Files of the quiz fixture, relative to a copy's root. */
export const SHARED = 'content/quiz/shared.yaml';
/** Oak Lane's bank in the fixture. */
export const OAK_BANK = 'content/quiz/oak-primary.yaml';
/** Little Acorns' bank in the fixture. */
export const ACORNS_BANK = 'content/quiz/little-acorns.yaml';
/** The quiz wording in the fixture. */
export const QUIZ_MESSAGES = 'content/quiz/messages.yaml';

/** A fresh copy of the base content with the quiz fixture; removed by removeCopies(). */
export function copyQuizFixture(): string {
  const root = copyBase();
  cpSync(QUIZ_FIXTURE, root, { recursive: true });
  return root;
}

/** Inspects the quiz under `root` (the flows/settings content must be valid). */
export function inspectQuizAt(root: string) {
  const content = inspectContent(root);
  if (!content.bundle) throw new Error(`fixture content is invalid: ${JSON.stringify(content.problems)}`);
  return { content, quiz: inspectQuiz(root, { bundle: content.bundle, sources: content.sources }) };
}

/** A copy of the quiz fixture with one change applied, and the quiz problems found in it. */
export function quizProblemsAfter(change: (root: string) => void): { root: string; problems: Problem[] } {
  const root = copyQuizFixture();
  change(root);
  return { root, problems: inspectQuizAt(root).quiz.problems };
}

let real: ReturnType<typeof loadContentWithQuiz> | undefined;

/** The real content and quiz bank (loaded once per test file). */
export function realContent(): Required<ReturnType<typeof loadContentWithQuiz>> {
  real ??= loadContentWithQuiz(contentRoot());
  if (!real.quiz) throw new Error('content/quiz/ is missing');
  return { content: real.content, quiz: real.quiz, skipped: real.skipped };
}

/** Whether the real content (SAFESTEP_CONTENT_ROOT, else the repository) has every one of these settings. */
export function hasSettings(...ids: string[]): boolean {
  const { content } = realContent();
  return ids.every((id) => content.settings.has(id));
}

/** One real setting's resolved quiz. */
export function realQuiz(settingId: string): SettingQuiz {
  const { content, quiz } = realContent();
  const setting = content.settings.get(settingId);
  const resolved = setting && resolveQuiz(quiz, setting, content.national);
  if (!resolved) throw new Error(`no quiz for ${settingId}`);
  return resolved;
}
