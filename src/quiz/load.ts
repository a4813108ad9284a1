/**
 * Loads content/quiz/ (shared.yaml, messages.yaml and an optional <setting-id>.yaml per setting) from a
 * content root: YAML syntax, zod shape, then the quiz validator, against the already-loaded
 * flows/settings content. Reports every problem (file and line), never the first only.
 * A content root without content/quiz/ has no quiz: that is not a problem. A setting with no
 * <setting-id>.yaml gets the default bank (src/quiz/default-bank.ts): the shared questions only.
 * A start (`useStamp`) takes memoised shaped data (src/authoring/shaped-file.ts) and skips the quiz
 * checks when a stamp says these exact quiz files passed them beside this exact stamped content,
 * under this exact code (src/authoring/check-stamp.ts); `safestep validate` runs every check.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { ContentInspection } from '../authoring/load';
import { ContentError, sortProblems, type Problem } from '../authoring/problem';
import { codeKey, ContentDigest, hasPassStamp, writePassStamp, type StampKey } from '../authoring/check-stamp';
import { loadShapedFile } from '../authoring/shaped-file';
import type { SourceFile } from '../authoring/sources';
import { yamlMemo } from '../authoring/yaml-memo';
import { defaultCacheDir } from '../store/cache-dir';
import type { ContentBundle } from '../core/content';
import type { QuizCatalog, QuizContent, SettingQuizDef, SharedQuizDef } from './model';
import { QuizCatalogSchema, SettingQuizSchema, SharedQuizSchema } from './schema';
import { defaultBank } from './default-bank';
import { validateQuiz } from './validate';

/** Where the quiz lives under the content root. */
export const QUIZ_FILES = {
  dir: 'content/quiz',
  shared: 'content/quiz/shared.yaml',
  messages: 'content/quiz/messages.yaml',
} as const;

/** The quiz files that parsed and passed their schema. */
export interface QuizSources {
  shared?: SourceFile<SharedQuizDef>;
  messages?: SourceFile<QuizCatalog>;
  /** content/quiz/<setting-id>.yaml, in file-name order. */
  settings: SourceFile<SettingQuizDef>[];
}

/** The outcome of inspecting content/quiz/. */
export interface QuizInspection {
  /** False when the content root has no content/quiz/ directory. */
  present: boolean;
  /** Present only when there are no problems. */
  quiz?: QuizContent;
  problems: Problem[];
  sources: QuizSources;
}

/**
 * Reads and checks content/quiz/ against valid flows/settings content; never throws for content
 * mistakes. The banks of `skipped` settings (broken profiles, not served) are left out.
 * `useStamp`: as a start, may stand on memoised shapes and a pass stamp; only when `content` is
 * the whole content as stamped (its `stamp`, nothing skipped).
 */
export function inspectQuiz(
  root: string,
  content: Pick<ContentInspection, 'sources' | 'stamp'> & { bundle: ContentBundle; skipped?: readonly { id: string }[] },
  options: { useStamp?: boolean } = {},
): QuizInspection {
  const problems: Problem[] = [];
  const sources: QuizSources = { settings: [] };
  if (!existsSync(path.join(root, QUIZ_FILES.dir))) return { present: false, problems, sources };
  const names = readdirSync(path.join(root, QUIZ_FILES.dir)).sort();
  for (const name of names.filter((n) => n.endsWith('.yml'))) {
    problems.push({ rule: 'file-name-mismatch', file: `${QUIZ_FILES.dir}/${name}`, message: `${name} ends in .yml, so it is ignored.`, fix: `Rename it to ${name.slice(0, -4)}.yaml.` });
  }
  const code = codeKey(__filename);
  // The quiz is checked against the content: its stamp covers the content's key and the quiz files.
  const digest = new ContentDigest();
  digest.add('content', content.stamp?.content ?? '');
  const loadFile = <S extends z.ZodType>(file: string, schema: S, name: string): SourceFile<z.output<S>> | undefined =>
    loadShapedFile(root, file, { schema, schemaHint: 'src/quiz/schema.ts (and the README, "The induction quiz")', seen: (text) => digest.add(file, text), ...(options.useStamp ? { memo: { name, code } } : {}) }, problems);
  sources.shared = loadFile(QUIZ_FILES.shared, SharedQuizSchema, 'quiz-shared');
  sources.messages = loadFile(QUIZ_FILES.messages, QuizCatalogSchema, 'quiz-messages');
  const skipped = new Set((content.skipped ?? []).map((s) => `${s.id}.yaml`));
  for (const name of names.filter((n) => n.endsWith('.yaml') && !['shared.yaml', 'messages.yaml'].includes(n) && !skipped.has(n))) {
    const loaded = loadFile(`${QUIZ_FILES.dir}/${name}`, SettingQuizSchema, 'quiz-setting');
    if (loaded) sources.settings.push(loaded);
  }
  yamlMemo().save(); // every quiz file is read: keep what was parsed for the next start
  if (!sources.shared || !sources.messages) return { present: true, problems: sortProblems(problems), sources };
  // Only the whole content, stamped as loaded, with every quiz file loaded, can be stamped or stand on a stamp.
  const whole = content.stamp !== undefined && (content.skipped ?? []).length === 0 && problems.length === 0;
  const stamp: StampKey | undefined = whole ? { kind: 'quiz', content: digest.digest(), code } : undefined;
  if (!(stamp && options.useStamp && hasPassStamp(defaultCacheDir(), stamp))) {
    problems.push(...validateQuiz(content.bundle, content.sources, sources as Required<QuizSources>));
    if (stamp && problems.length === 0) writePassStamp(defaultCacheDir(), stamp);
  }
  if (problems.length > 0) return { present: true, problems: sortProblems(problems), sources };
  const settings = new Map(sources.settings.map((s) => [s.data.setting, s.data]));
  for (const id of content.bundle.settings.keys()) if (!settings.has(id)) settings.set(id, defaultBank(id));
  return { present: true, quiz: { shared: sources.shared.data, settings, messages: sources.messages.data }, problems, sources };
}

/** The validated quiz, or undefined if there is no content/quiz/; throws ContentError listing every problem. */
export function loadQuiz(root: string, content: Parameters<typeof inspectQuiz>[1]): QuizContent | undefined {
  const inspection = inspectQuiz(root, content);
  if (inspection.problems.length > 0) throw new ContentError(inspection.problems);
  return inspection.quiz;
}
