/**
 * Loads content/quiz/ (shared.yaml, messages.yaml and an optional <setting-id>.yaml per setting) from a
 * content root: YAML syntax, zod shape, then the quiz validator, against the already-loaded
 * flows/settings content. Reports every problem (file and line), never the first only.
 * A content root without content/quiz/ has no quiz: that is not a problem. A setting with no
 * <setting-id>.yaml gets the default bank (src/quiz/default-bank.ts): the shared questions only.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { ContentInspection } from '../authoring/load';
import { ContentError, sortProblems, type Problem } from '../authoring/problem';
import { checkShape } from '../authoring/shape';
import type { SourceFile } from '../authoring/sources';
import { yamlMemo } from '../authoring/yaml-memo';
import { readYaml } from '../authoring/yaml-source';
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

function loadFile<S extends z.ZodType>(root: string, file: string, schema: S, problems: Problem[]): SourceFile<z.output<S>> | undefined {
  const parsed = readYaml(path.join(root, file), file);
  if (!parsed.source) {
    problems.push(...parsed.problems);
    return undefined;
  }
  const shaped = checkShape(schema, parsed.source, { schemaHint: 'src/quiz/schema.ts (and the README, "The induction quiz")' });
  if (shaped.data === undefined) {
    problems.push(...shaped.problems);
    return undefined;
  }
  return { file, yaml: parsed.source, data: shaped.data };
}

/**
 * Reads and checks content/quiz/ against valid flows/settings content; never throws for content
 * mistakes. The banks of `skipped` settings (broken profiles, not served) are left out.
 */
export function inspectQuiz(root: string, content: Pick<ContentInspection, 'sources'> & { bundle: ContentBundle; skipped?: readonly { id: string }[] }): QuizInspection {
  const problems: Problem[] = [];
  const sources: QuizSources = { settings: [] };
  if (!existsSync(path.join(root, QUIZ_FILES.dir))) return { present: false, problems, sources };
  const names = readdirSync(path.join(root, QUIZ_FILES.dir)).sort();
  for (const name of names.filter((n) => n.endsWith('.yml'))) {
    problems.push({ rule: 'file-name-mismatch', file: `${QUIZ_FILES.dir}/${name}`, message: `${name} ends in .yml, so it is ignored.`, fix: `Rename it to ${name.slice(0, -4)}.yaml.` });
  }
  sources.shared = loadFile(root, QUIZ_FILES.shared, SharedQuizSchema, problems);
  sources.messages = loadFile(root, QUIZ_FILES.messages, QuizCatalogSchema, problems);
  const skipped = new Set((content.skipped ?? []).map((s) => `${s.id}.yaml`));
  for (const name of names.filter((n) => n.endsWith('.yaml') && !['shared.yaml', 'messages.yaml'].includes(n) && !skipped.has(n))) {
    const loaded = loadFile(root, `${QUIZ_FILES.dir}/${name}`, SettingQuizSchema, problems);
    if (loaded) sources.settings.push(loaded);
  }
  yamlMemo().save(); // every quiz file is read: keep what was parsed for the next start
  if (!sources.shared || !sources.messages) return { present: true, problems: sortProblems(problems), sources };
  problems.push(...validateQuiz(content.bundle, content.sources, sources as Required<QuizSources>));
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
