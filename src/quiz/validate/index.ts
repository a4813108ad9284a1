/**
 * The quiz bank validator: runs every quiz rule over content/quiz/ against the loaded settings
 * and national rules, and returns all problems (never throws, performs no I/O). Problems use the
 * same format as `safestep validate`'s (file, line, rule, message, fix).
 */
import type { Problem } from '../../authoring/problem';
import type { ContentSources } from '../../authoring/sources';
import type { ContentBundle } from '../../core/content';
import { quizCorrectAnswer } from './answers';
import { quizCitation } from './citations';
import { quizConditions } from './conditions';
import { createQuizValidation, type QuizFiles, type QuizRule } from './context';
import { quizCounts } from './counts';
import { quizDuplicates } from './duplicates';
import { quizFiles } from './files';
import { quizTexts } from './texts';

/** Every quiz rule, in the order their problems are most useful to read. */
export const QUIZ_RULES: readonly QuizRule[] = [quizFiles, quizDuplicates, quizConditions, quizCounts, quizCorrectAnswer, quizCitation, quizTexts];

/** All problems of the quiz files; `content` is the valid flows/settings content they rest on. */
export function validateQuiz(bundle: ContentBundle, content: ContentSources, files: QuizFiles): Problem[] {
  const v = createQuizValidation(bundle, content, files);
  return QUIZ_RULES.flatMap((rule) => rule.check(v));
}
